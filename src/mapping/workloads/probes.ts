import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { Healthcheck, Service } from '../../compose/model.js';
import { at, entry, isMap, locAt, scalarString } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { durationSeconds, wholeSeconds } from '../../util/units.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { escapeKubeExpansion } from '../escape.js';
import { settleFidelity } from '../fidelity.js';

/** What Docker uses when a healthcheck leaves a timing out (or sets it to 0). */
export const DOCKER_HEALTH_DEFAULTS = { interval: 30, timeout: 30, retries: 3, startPeriod: 0, startInterval: 5 } as const;

/**
 * The liveness probe restarts a container only after this many times the failures that make
 * Docker call it unhealthy: the pod leaves the Service (readiness) long before it is restarted,
 * and a short outage of something the check depends on does not restart it.
 */
export const LIVENESS_TOLERANCE = 3;

/** Docker's health timing of a service in whole seconds. */
export interface HealthTiming {
  interval: number;
  timeout: number;
  retries: number;
  startPeriod: number;
  startInterval: number;
}

type DurationKey = 'interval' | 'timeout' | 'start_period' | 'start_interval';

/** A healthcheck timing in seconds as Docker applies it: absent or 0 means Docker's default. */
function timing(svc: Service, key: DurationKey, fallback: number): { seconds: number; written?: string; invalid?: boolean } {
  const text = scalarString(at(svc.node, 'healthcheck', key));
  if (text === undefined) return { seconds: fallback };
  const seconds = durationSeconds(text);
  if (seconds === undefined || seconds < 0) return { seconds: fallback, written: text, invalid: true };
  return { seconds: seconds === 0 ? fallback : seconds, written: text };
}

/** Docker's timing of the healthcheck of `svc`, rounded up to the whole seconds probes take. */
export function healthTiming(svc: Service): HealthTiming {
  const d = DOCKER_HEALTH_DEFAULTS;
  const retries = svc.healthcheck?.retries;
  return {
    interval: wholeSeconds(timing(svc, 'interval', d.interval).seconds),
    timeout: wholeSeconds(timing(svc, 'timeout', d.timeout).seconds),
    retries: retries !== undefined && retries >= 1 ? Math.ceil(retries) : d.retries,
    startPeriod: Math.ceil(timing(svc, 'start_period', d.startPeriod).seconds),
    startInterval: wholeSeconds(timing(svc, 'start_interval', d.startInterval).seconds),
  };
}

/**
 * The command Kubernetes can run for the healthcheck of `svc`: the exec argv of `CMD`, or
 * `/bin/sh -c` with the text of `CMD-SHELL` (as Docker runs it). Undefined when there is none.
 */
export function healthCommand(hc: Healthcheck | undefined): string[] | undefined {
  if (!hc || hc.disable || !hc.test) return undefined;
  const [kind, ...rest] = hc.test;
  if (kind === 'CMD' && rest.length > 0 && rest[0] !== '') return rest;
  // Docker appends every item after CMD-SHELL to its shell's argv, so extra items become $0, $1...
  if (kind === 'CMD-SHELL' && (rest[0] ?? '').trim() !== '') return ['/bin/sh', '-c', ...rest];
  return undefined;
}

/** True when Kubernetes gets a readiness probe for the service, so its Service only routes to healthy pods. */
export function hasReadinessProbe(svc: Service): boolean {
  return healthCommand(svc.healthcheck) !== undefined;
}

/**
 * healthcheck -> readinessProbe (Docker's health status, with Docker's timing), livenessProbe
 * (the same check, restarting a container only after it failed LIVENESS_TOLERANCE times as long)
 * and, with start_period, a startupProbe that holds both back while the container starts.
 */
export const mapProbes: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  const hc = svc.healthcheck;
  if (!entry(svc.node, 'healthcheck')) return;
  draft.consumed.add('healthcheck');
  const command = hc && !hc.disable ? checkCommand(draft, ctx) : undefined;
  if (!command) {
    // No probes: nothing acts on health, as with a disabled healthcheck (Kubernetes never runs an image's HEALTHCHECK).
    settleFidelity(ctx, svc, 'services.healthcheck');
    return;
  }
  reportTimings(svc, ctx);
  const t = healthTiming(svc);
  const exec = () => ({ command: command.map(escapeKubeExpansion) });
  const liveness = t.retries * LIVENESS_TOLERANCE;
  draft.container.readinessProbe = probe(exec(), t.interval, t.timeout, t.retries);
  draft.container.livenessProbe = probe(exec(), t.interval, t.timeout, liveness);
  const testLoc = locAt(svc.node, 'healthcheck', 'test');
  note(draft, 'container', ['readinessProbe'], locAt(svc.node, 'healthcheck'), 'services.healthcheck', 'ready exactly when Docker would report healthy');
  note(draft, 'container', ['readinessProbe', 'exec'], testLoc, 'services.healthcheck.test');
  noteTimings(draft, 'readinessProbe', t.retries);
  note(
    draft,
    'container',
    ['livenessProbe'],
    locAt(svc.node, 'healthcheck'),
    'services.healthcheck',
    `restarts the container after ${liveness} failed checks in a row, ${LIVENESS_TOLERANCE} times the ${t.retries} that make Docker report it unhealthy`,
  );
  if (t.startPeriod > 0) {
    // Until the first success the startup probe stands in for both; a container that never
    // passes is restarted when one that passed and then failed would be.
    const budget = t.startPeriod + liveness * t.interval;
    draft.container.startupProbe = probe(exec(), t.startInterval, t.timeout, Math.ceil(budget / t.startInterval));
    note(
      draft,
      'container',
      ['startupProbe'],
      locAt(svc.node, 'healthcheck', 'start_period'),
      'services.healthcheck.start_period',
      `checks every ${t.startInterval}s while the container starts; gives up after ${budget}s (start_period plus the liveness allowance)`,
    );
    const startInterval = writtenAt(svc, 'start_interval');
    if (startInterval) note(draft, 'container', ['startupProbe', 'periodSeconds'], startInterval, 'services.healthcheck.start_interval');
  }
};

function probe(exec: { command: string[] }, period: number, timeout: number, failureThreshold: number): IProbe {
  return { exec, periodSeconds: period, timeoutSeconds: timeout, failureThreshold };
}

/** The probe command, or undefined (with a diagnostic) when Docker would run no check Kubernetes can. */
function checkCommand(draft: ServiceDraft, ctx: MapContext): string[] | undefined {
  const svc = draft.service;
  const hc = svc.healthcheck!;
  const command = healthCommand(hc);
  if (command) return command;
  const loc = locAt(svc.node, 'healthcheck', 'test');
  if (!hc.test) {
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}": healthcheck has no test, so Docker would run the image's HEALTHCHECK with these timings; Kubernetes never runs an image's HEALTHCHECK, so the pod gets no probes`,
      loc,
      "copy the image's HEALTHCHECK command into healthcheck.test (docker image inspect shows it)",
    );
  } else if (hc.test[0] === 'CMD' || hc.test[0] === 'CMD-SHELL') {
    ctx.diags.error('invalid-value', `service "${svc.name}": healthcheck.test ${hc.test[0]} has no command to run`, loc, `write the command after "${hc.test[0]}"`);
  } else {
    ctx.diags.warn(
      'invalid-value',
      `service "${svc.name}": healthcheck.test must start with "CMD", "CMD-SHELL" or "NONE", got ${JSON.stringify(hc.test[0])}; Docker ignores such a healthcheck, so the pod gets no probes`,
      at(svc.node, 'healthcheck', 'test')?.loc ?? loc,
      `write ["CMD", ${JSON.stringify(hc.test[0])}, ...] to run it as a command, or a plain string to run it through a shell`,
    );
  }
  return undefined;
}

const DURATION_KEYS: DurationKey[] = ['interval', 'timeout', 'start_period', 'start_interval'];

/** Where a key of the healthcheck is written; undefined when it is not. */
function writtenAt(svc: Service, key: string): Loc | undefined {
  const hc = at(svc.node, 'healthcheck');
  return isMap(hc) && entry(hc, key) ? locAt(svc.node, 'healthcheck', key) : undefined;
}

/** Durations Compose rejects are errors; those finer than the whole seconds of a probe are rounded up, with a warning. */
function reportTimings(svc: Service, ctx: MapContext): void {
  for (const key of DURATION_KEYS) {
    const t = timing(svc, key, 0);
    if (t.written === undefined) continue;
    const loc = at(svc.node, 'healthcheck', key)?.loc ?? locAt(svc.node, 'healthcheck', key);
    if (t.invalid) {
      ctx.diags.error('invalid-value', `service "${svc.name}": healthcheck.${key} must be a duration such as 10s, 1m30s or 500ms, got ${JSON.stringify(t.written)}`, loc);
    } else if (t.seconds > 0 && t.seconds !== Math.ceil(t.seconds)) {
      const rounded = key === 'start_period' ? Math.ceil(t.seconds) : wholeSeconds(t.seconds);
      ctx.diags.warn(
        'approximate',
        `service "${svc.name}": healthcheck.${key} ${t.written} becomes ${rounded}s: Kubernetes probes count in whole seconds`,
        loc,
        `write a whole number of seconds (${rounded}s) to make the timing explicit`,
      );
    }
  }
}

/** Notes on the readiness probe's timing fields that come from a key of the healthcheck. */
function noteTimings(draft: ServiceDraft, probeField: string, retries: number): void {
  const svc = draft.service;
  const written = (key: string) => writtenAt(svc, key);
  const interval = written('interval');
  if (interval) note(draft, 'container', [probeField, 'periodSeconds'], interval, 'services.healthcheck.interval');
  const timeout = written('timeout');
  if (timeout) note(draft, 'container', [probeField, 'timeoutSeconds'], timeout, 'services.healthcheck.timeout');
  const retriesLoc = written('retries');
  if (retriesLoc) note(draft, 'container', [probeField, 'failureThreshold'], retriesLoc, 'services.healthcheck.retries', `${retries} failed checks in a row`);
}
