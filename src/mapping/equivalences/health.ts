import { COMPOSE_DOCS, K8S_DOCS as K8S, type Equivalence } from './types.js';

const PROBES = `${K8S}/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/`;
const INIT = `${K8S}/concepts/workloads/pods/init-containers/`;

/** Rows for healthcheck (probes) and depends_on (init containers that wait). */
export const HEALTH_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services.healthcheck',
    target: 'containers[].readinessProbe + livenessProbe (+ startupProbe)',
    fidelity: 'approximate',
    explanation:
      "The check runs as a readiness probe with Docker's timing, so the pod is ready exactly when Docker would call it healthy; a liveness probe runs the same check and restarts the container only after 3 times as many failures in a row.",
    reason:
      'Docker only reports a container unhealthy: it keeps routing to it and never restarts it for that. In Kubernetes an unready pod gets no traffic through its Service, and one that keeps failing is restarted',
    instead: 'delete the livenessProbe (and startupProbe) if the container must never be restarted for failing its check; the readinessProbe alone matches the health status Docker reports',
    docs: PROBES,
  },
  {
    key: 'services.healthcheck.test',
    target: 'readinessProbe/livenessProbe.exec.command',
    fidelity: 'exact',
    explanation: '`CMD` runs as the exec argv; `CMD-SHELL` and a plain string run through `/bin/sh -c`, as Docker runs them (never as one argument).',
    docs: PROBES,
  },
  {
    key: 'services.healthcheck.interval',
    target: 'periodSeconds',
    fidelity: 'exact',
    explanation: "The check runs every interval (Docker's default 30s), in whole seconds.",
    docs: PROBES,
  },
  {
    key: 'services.healthcheck.timeout',
    target: 'timeoutSeconds',
    fidelity: 'exact',
    explanation: "A check that takes longer than the timeout (Docker's default 30s) fails.",
    docs: PROBES,
  },
  {
    key: 'services.healthcheck.retries',
    target: 'readinessProbe.failureThreshold (livenessProbe: 3 times as many)',
    fidelity: 'exact',
    explanation: "After that many failures in a row (Docker's default 3) the pod is no longer ready, as Docker then reports it unhealthy.",
    docs: PROBES,
  },
  {
    key: 'services.healthcheck.start_period',
    target: 'startupProbe',
    fidelity: 'approximate',
    explanation: 'A startup probe checks the container while it starts and holds the readiness and liveness probes back until the check first passes.',
    reason: 'Docker keeps a container that never passes its check running; the startup probe restarts it once the start period and the liveness allowance have passed',
    instead: 'make start_period long enough for the slowest start, or delete the startupProbe and livenessProbe to never restart the container for its check',
    docs: PROBES,
  },
  {
    key: 'services.healthcheck.start_interval',
    target: 'startupProbe.periodSeconds',
    fidelity: 'exact',
    explanation: "During the start period the check runs this often (Docker's default 5s).",
    docs: PROBES,
  },
  {
    key: 'services.healthcheck.disable',
    target: '(no probes)',
    fidelity: 'exact',
    explanation: "No probes are made; Kubernetes never runs an image's own HEALTHCHECK anyway.",
    docs: PROBES,
  },
  {
    key: 'services.depends_on',
    target: 'initContainers[] wait-for-<dependency>',
    fidelity: 'exact',
    explanation:
      "An init container holds the pod back until each dependency is ready: its Service accepts connections on its first TCP port (a Service only routes to ready pods, and a healthcheck is a readiness probe), its headless name resolves, or its Job has completed.",
    docs: INIT,
  },
  {
    key: 'services.depends_on.condition',
    target: 'initContainers[] wait-for-<dependency>',
    fidelity: 'exact',
    explanation:
      'service_started and service_healthy wait until the dependency is ready (healthy when it has a healthcheck); service_completed_successfully waits until its Job has completed, reading the Job through a Role that may only get it.',
    docs: INIT,
  },
  {
    key: 'services.depends_on.required',
    target: 'initContainers[] wait-for-<dependency> (time limit)',
    fidelity: 'exact',
    explanation: 'A required dependency is waited for as long as it takes; an optional one only for a while.',
    values: {
      'false': {
        fidelity: 'approximate',
        reason: 'Compose starts the service as soon as an optional dependency has failed; an init container cannot tell a failed dependency from a slow one, so it gives up after a time limit',
        instead: 'make the dependency required if the service cannot work without it, or make the service retry its connections',
      },
    },
    docs: INIT,
  },
  {
    key: 'services.depends_on.restart',
    target: '(none)',
    fidelity: 'exact',
    explanation: 'Without restart: true, the service keeps running when the dependency restarts, as in Kubernetes.',
    values: {
      'true': {
        fidelity: 'approximate',
        reason: 'Compose restarts the service after it restarts or updates the dependency; Kubernetes restarts no pod because another one restarted, and init containers only wait when a pod starts',
        instead: 'make the service reconnect on its own, or run `kubectl rollout restart` on it after changing the dependency',
      },
    },
    docs: `${COMPOSE_DOCS}/services/#depends_on`,
  },
];
