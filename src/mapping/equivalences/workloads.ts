import { K8S_DOCS as K8S, type Equivalence } from './types.js';

const MAKE_IT_A_JOB =
  'if the service is meant to run once, make it a Job: `deploy.mode: replicated-job`, `x-kubernetes: {workload: Job}`, or let another service wait for it with `condition: service_completed_successfully`';

/** Pulling images on a schedule: the nearest policy checks the registry on every start. */
const PERIODIC_PULL = {
  fidelity: 'approximate' as const,
  reason: 'Kubernetes has no periodic refresh; Always checks the registry every time a container starts, which needs the registry to be reachable then',
  instead: 'pin images by tag or digest and roll out new versions explicitly (`kubectl rollout restart`), or keep Always',
};

/** Settings of a lifecycle hook that an exec handler cannot carry as such (one row per hook and setting). */
function hookSettingRows(hook: 'post_start' | 'pre_stop'): Equivalence[] {
  const docs = `${K8S}/concepts/containers/container-lifecycle-hooks/`;
  const shell = {
    fidelity: 'approximate' as const,
    reason: 'an exec handler has no working directory or environment of its own, so the command runs through `/bin/sh -c`, which the image must contain',
    instead: 'put the command in a script in the image that sets up its directory and variables itself',
    docs,
  };
  return [
    {
      key: `services.${hook}.command`,
      target: `containers[].lifecycle.${hook === 'post_start' ? 'postStart' : 'preStop'}.exec.command`,
      fidelity: 'exact',
      explanation: 'The command runs without a shell, as Compose runs it; several hooks run one after the other through /bin/sh -c.',
      docs,
    },
    {
      key: `services.${hook}.user`,
      target: `containers[].lifecycle.${hook === 'post_start' ? 'postStart' : 'preStop'}.exec`,
      fidelity: 'unsupported',
      explanation: 'The hook runs as the user of the container.',
      reason: 'an exec handler always runs as the container user',
      instead: 'run the container as the user the hook needs, or make the command switch user itself (e.g. with su-exec or gosu in the image)',
      docs,
    },
    {
      key: `services.${hook}.privileged`,
      target: `containers[].lifecycle.${hook === 'post_start' ? 'postStart' : 'preStop'}.exec`,
      fidelity: 'unsupported',
      explanation: 'The hook runs with the privileges of the container.',
      reason: 'an exec handler has exactly the privileges of its container',
      instead: 'give the container the capabilities the hook needs (cap_add), or do the privileged work in an init container',
      docs,
    },
    {
      key: `services.${hook}.working_dir`,
      target: `containers[].lifecycle.${hook === 'post_start' ? 'postStart' : 'preStop'}.exec (sh -c "cd ...")`,
      explanation: 'The command runs in that directory (through a shell that changes into it first).',
      ...shell,
    },
    {
      key: `services.${hook}.environment`,
      target: `containers[].lifecycle.${hook === 'post_start' ? 'postStart' : 'preStop'}.exec (sh -c "VAR=... command")`,
      explanation: 'The command sees those variables (set by a shell in front of it).',
      ...shell,
    },
  ];
}

/**
 * Rows for what decides the workload and how it runs: kind, restarts, rollouts, placement,
 * metadata, lifecycle, pull policy, pods shared through `network_mode: service:`, autoscaling.
 */
export const WORKLOAD_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services.deploy',
    target: 'the workload (Deployment, DaemonSet, StatefulSet, Job, CronJob) and its pods',
    fidelity: 'exact',
    explanation: 'Each deploy setting converts on its own: mode chooses the kind of workload, the others its replicas, rollout, restarts, placement and resources.',
    docs: `${K8S}/concepts/workloads/controllers/`,
  },
  {
    key: 'services.deploy.mode',
    target: 'Deployment / DaemonSet / Job',
    fidelity: 'exact',
    explanation: 'replicated runs as a Deployment, global as a DaemonSet (one pod on every node), replicated-job as a Job whose pods run to completion.',
    values: {
      'global-job': {
        fidelity: 'approximate',
        reason: 'a Job runs its pods anywhere in the cluster, not once on every node',
        instead: 'run one Job per node (a nodeSelector on kubernetes.io/hostname each), or a DaemonSet if the task may keep running',
      },
    },
    docs: `${K8S}/concepts/workloads/controllers/job/`,
  },
  {
    key: 'services.restart',
    target: 'pod restartPolicy',
    fidelity: 'exact',
    explanation:
      'always and unless-stopped: a Deployment restarts containers whenever they exit. A one-shot service (Job) restarts on failure with on-failure (restartPolicy OnFailure) and never with no (restartPolicy Never, backoffLimit 0).',
    values: {
      no: { fidelity: 'approximate', reason: 'the pods of a Deployment, DaemonSet or StatefulSet always restart a container that exits', instead: MAKE_IT_A_JOB },
      'on-failure': { fidelity: 'approximate', reason: 'the pods of a Deployment, DaemonSet or StatefulSet also restart a container that exits successfully', instead: MAKE_IT_A_JOB },
    },
    docs: `${K8S}/concepts/workloads/pods/pod-lifecycle/#restart-policy`,
  },
  {
    key: 'services.deploy.restart_policy',
    target: 'pod restartPolicy, Job backoffLimit',
    fidelity: 'exact',
    explanation: 'It wins over `restart`, as in Compose; each of its settings converts on its own.',
    docs: `${K8S}/concepts/workloads/pods/pod-lifecycle/#restart-policy`,
  },
  {
    key: 'services.deploy.restart_policy.condition',
    target: 'pod restartPolicy',
    fidelity: 'exact',
    explanation:
      'any (the default) restarts the containers of a Deployment whenever they exit; a Job restarts on failure with on-failure and any (restartPolicy OnFailure) and never with none (restartPolicy Never, backoffLimit 0).',
    values: {
      none: { fidelity: 'approximate', reason: 'the pods of a Deployment, DaemonSet or StatefulSet always restart a container that exits', instead: MAKE_IT_A_JOB },
      'on-failure': { fidelity: 'approximate', reason: 'the pods of a Deployment, DaemonSet or StatefulSet also restart a container that exits successfully', instead: MAKE_IT_A_JOB },
    },
    docs: `${K8S}/concepts/workloads/pods/pod-lifecycle/#restart-policy`,
  },
  {
    key: 'services.deploy.restart_policy.max_attempts',
    target: 'Job.spec.backoffLimit',
    fidelity: 'approximate',
    explanation: 'A Job gives up after that many retries (backoffLimit).',
    reason: 'the pods of a Deployment, DaemonSet or StatefulSet restart without limit',
    instead: 'make the service a Job if it should stop retrying, or let the crash-loop back-off slow the restarts down',
    docs: `${K8S}/concepts/workloads/controllers/job/#pod-backoff-failure-policy`,
  },
  {
    key: 'services.deploy.restart_policy.delay',
    target: '(kubelet restart back-off)',
    fidelity: 'approximate',
    explanation: 'Kubernetes waits before restarting a container, with a back-off it chooses.',
    reason: 'the kubelet waits an exponential back-off between restarts (10s, 20s, 40s ... up to 5 minutes) that cannot be configured per pod',
    instead: 'sleep at the start of the command if the service needs a fixed pause before it starts again',
    docs: `${K8S}/concepts/workloads/pods/pod-lifecycle/#container-restarts`,
  },
  {
    key: 'services.deploy.restart_policy.window',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: 'Kubernetes has no time window in which a restart must succeed.',
    reason: 'every failed restart counts; a container that runs for 10 minutes resets the back-off',
    instead: 'a startupProbe gives a slow container time to start before it counts as failed',
    docs: `${K8S}/concepts/workloads/pods/pod-lifecycle/#container-restarts`,
  },
  {
    key: 'services.deploy.update_config',
    target: 'Deployment.spec.strategy.rollingUpdate (DaemonSet and StatefulSet: spec.updateStrategy)',
    fidelity: 'exact',
    explanation:
      'parallelism and order set the rolling update: stop-first (the default) stops `parallelism` old pods before starting new ones (maxUnavailable=parallelism, maxSurge=0); start-first starts new pods first (maxSurge=parallelism, maxUnavailable=0). parallelism 0 updates all pods at once (100%).',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#rolling-update-deployment`,
  },
  {
    key: 'services.deploy.update_config.parallelism',
    target: 'rollingUpdate.maxUnavailable / maxSurge',
    fidelity: 'exact',
    explanation: 'The number of pods replaced at a time: maxUnavailable with stop-first, maxSurge with start-first; 0 replaces all at once.',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#max-unavailable`,
  },
  {
    key: 'services.deploy.update_config.order',
    target: 'rollingUpdate.maxUnavailable / maxSurge',
    fidelity: 'exact',
    explanation: 'stop-first removes old pods before new ones start (maxSurge 0); start-first starts new pods first (maxUnavailable 0), so they briefly overlap.',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#max-surge`,
  },
  {
    key: 'services.deploy.update_config.delay',
    target: 'spec.minReadySeconds',
    fidelity: 'approximate',
    explanation: 'A new pod must stay ready for minReadySeconds before the rollout moves on, which paces the update.',
    reason: 'Kubernetes has no pause between batches; minReadySeconds delays each new pod counting as available instead',
    instead: 'tune spec.minReadySeconds to pace the rollout',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#min-ready-seconds`,
  },
  {
    key: 'services.deploy.update_config.monitor',
    target: 'spec.minReadySeconds',
    fidelity: 'approximate',
    explanation: 'A new pod must stay ready (not crash, pass its readiness probe) for minReadySeconds before it counts as updated.',
    reason: 'a pod that fails after minReadySeconds no longer holds the rollout back',
    instead: 'give the service a healthcheck: its readiness probe keeps failing pods from counting as available',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#min-ready-seconds`,
  },
  {
    key: 'services.deploy.update_config.failure_action',
    target: 'Deployment.spec.progressDeadlineSeconds',
    fidelity: 'exact',
    explanation:
      'pause: a rollout whose new pods do not become ready stops where it is, the old pods keep serving, and Kubernetes reports it failed after progressDeadlineSeconds.',
    values: {
      continue: {
        fidelity: 'unsupported',
        reason: 'Kubernetes never moves a rollout past new pods that do not become ready',
        instead: 'fix or delete the failing pods; raise maxUnavailable to let more old pods go during the rollout',
      },
      rollback: {
        fidelity: 'unsupported',
        reason: 'Kubernetes does not roll back a failed rollout by itself',
        instead: 'run `kubectl rollout undo` on failure (e.g. in the deploy pipeline after `kubectl rollout status` fails), or use a progressive-delivery controller such as Argo Rollouts or Flagger',
      },
    },
    docs: `${K8S}/concepts/workloads/controllers/deployment/#failed-deployment`,
  },
  {
    key: 'services.deploy.update_config.max_failure_ratio',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: 'A rollout stops at the first new pods that do not become ready.',
    reason: 'Kubernetes tolerates no failed pods during a rollout, only unavailable ones up to maxUnavailable',
    instead: 'raise maxUnavailable if some pods may be unavailable during the rollout',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#max-unavailable`,
  },
  {
    key: 'services.deploy.rollback_config',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: 'Kubernetes keeps earlier revisions of a Deployment and rolls back only when asked.',
    reason: 'there is no automatic rollback whose pace could be configured',
    instead: '`kubectl rollout undo deployment/<name>` returns to the previous revision, with the Deployment\'s own rolling update settings',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#rolling-back-a-deployment`,
  },
  {
    key: 'services.deploy.placement',
    target: 'pod nodeSelector, affinity, tolerations, topologySpreadConstraints',
    fidelity: 'exact',
    explanation: 'Each placement setting converts on its own: constraints, preferences and max_replicas_per_node.',
    docs: `${K8S}/concepts/scheduling-eviction/assign-pod-node/`,
  },
  {
    key: 'services.deploy.endpoint_mode',
    target: 'Service.spec.clusterIP',
    fidelity: 'exact',
    explanation: 'vip (the default) is what a Service does: the name resolves to one virtual IP that balances over the pods.',
    values: {
      dnsrr: {
        fidelity: 'approximate',
        reason: 'the Service keeps its virtual IP, so DNS answers with it rather than with the address of each pod',
        instead: 'set `x-kubernetes: {expose: {headless: true}}` for a headless Service whose name resolves to the pod addresses',
      },
    },
    docs: `${K8S}/concepts/services-networking/service/#headless-services`,
  },
  {
    key: 'services.deploy.placement.constraints',
    target: 'pod nodeSelector / affinity.nodeAffinity',
    fidelity: 'exact',
    explanation:
      '`==` becomes a nodeSelector entry and `!=` a required node affinity (NotIn). node.hostname, node.platform.os and node.platform.arch use the well-known node labels kubernetes.io/hostname, kubernetes.io/os and kubernetes.io/arch; node.labels.<key> uses the node label <key>, which the Kubernetes nodes must carry.',
    values: {
      'node.role': {
        fidelity: 'approximate',
        reason: 'Swarm managers become the control-plane nodes (label node-role.kubernetes.io/control-plane, with a toleration for their taint); managed clusters often run no workloads there',
        instead: 'label the nodes that should run the service and use node.labels.<key>',
      },
      'node.id': {
        fidelity: 'unsupported',
        reason: 'Swarm node IDs do not exist in Kubernetes',
        instead: 'use node.hostname == <node name>, or label the node and use node.labels.<key>',
      },
      'engine.labels': {
        fidelity: 'unsupported',
        reason: 'engine labels are settings of a Docker daemon; Kubernetes nodes have no such labels',
        instead: 'label the nodes (`kubectl label node <node> <key>=<value>`) and use node.labels.<key>',
      },
    },
    docs: `${K8S}/concepts/scheduling-eviction/assign-pod-node/`,
  },
  {
    key: 'services.deploy.placement.preferences',
    target: 'pod topologySpreadConstraints',
    fidelity: 'exact',
    explanation: 'spread: node.labels.<key> spreads the pods evenly over the values of node label <key>, as a preference (whenUnsatisfiable: ScheduleAnyway).',
    docs: `${K8S}/concepts/scheduling-eviction/topology-spread-constraints/`,
  },
  {
    key: 'services.deploy.placement.preferences.spread',
    target: 'topologySpreadConstraints[].topologyKey',
    fidelity: 'exact',
    explanation: 'node.labels.<key> becomes the topology key <key>: pods are spread evenly over the nodes\' values of that label.',
    docs: `${K8S}/concepts/scheduling-eviction/topology-spread-constraints/`,
  },
  {
    key: 'services.deploy.placement.max_replicas_per_node',
    target: 'pod affinity.podAntiAffinity / topologySpreadConstraints',
    fidelity: 'approximate',
    explanation: '1 becomes a required pod anti-affinity on kubernetes.io/hostname (never two pods on one node); more becomes a hard spread constraint over nodes.',
    reason: 'a spread constraint limits the difference in pod count between nodes (maxSkew), not the count on one node',
    instead: 'use max_replicas_per_node: 1, or size the cluster so the skew limit keeps nodes below the maximum',
    values: { '1': { fidelity: 'exact' } },
    docs: `${K8S}/concepts/scheduling-eviction/topology-spread-constraints/`,
  },
  {
    key: 'services.platform',
    target: 'pod nodeSelector kubernetes.io/os, kubernetes.io/arch',
    fidelity: 'exact',
    explanation: 'The pods run only on nodes of that operating system and CPU architecture, which pull the matching variant of the image.',
    docs: `${K8S}/reference/labels-annotations-taints/#kubernetes-io-arch`,
  },
  {
    key: 'services.deploy.labels',
    target: 'workload metadata.labels',
    fidelity: 'exact',
    explanation: 'Labels of the service (not of its containers) label the workload object; values Kubernetes does not accept as label values become annotations. The pod selector never uses them, so they can change.',
    docs: `${K8S}/concepts/overview/working-with-objects/labels/`,
  },
  {
    key: 'services.labels',
    target: 'pod template metadata.annotations',
    fidelity: 'exact',
    explanation:
      'Container labels become annotations of the pods: annotations take any string (label values are limited to 63 characters of [A-Za-z0-9._-]), and pods are selected by the app.kubernetes.io labels instead.',
    docs: `${K8S}/concepts/overview/working-with-objects/annotations/`,
  },
  {
    key: 'services.label_file',
    target: 'pod template metadata.annotations',
    fidelity: 'exact',
    explanation:
      'The files are read as Compose reads them (KEY=VALUE lines, later files winning, `labels` winning over every file), and their labels become annotations of the pods like `labels`.',
    docs: `${K8S}/concepts/overview/working-with-objects/annotations/`,
  },
  {
    key: 'services.annotations',
    target: 'pod template metadata.annotations',
    fidelity: 'exact',
    explanation: 'Container annotations become annotations of the pods.',
    docs: `${K8S}/concepts/overview/working-with-objects/annotations/`,
  },
  {
    key: 'services.stop_grace_period',
    target: 'pod terminationGracePeriodSeconds',
    fidelity: 'exact',
    explanation: 'The containers get the same time to exit after the stop signal before they are killed.',
    docs: `${K8S}/concepts/workloads/pods/pod-lifecycle/#pod-termination`,
  },
  {
    key: 'services.stop_signal',
    target: 'containers[].lifecycle.stopSignal (+ spec.os.name)',
    fidelity: 'approximate',
    explanation: 'The signal is set on the container lifecycle (Kubernetes 1.33+ with the ContainerStopSignals feature gate, which needs spec.os.name).',
    reason:
      'the field is alpha: without the ContainerStopSignals feature gate the API server drops it and the runtime sends the image\'s STOPSIGNAL or SIGTERM; a preStop hook runs before that signal and cannot replace it',
    instead: 'set STOPSIGNAL in the image (container runtimes honour it), or enable the ContainerStopSignals feature gate',
    docs: 'https://kubernetes.io/blog/2025/05/14/kubernetes-v1-33-updates-to-container-lifecycle/',
  },
  {
    key: 'services.post_start',
    target: 'containers[].lifecycle.postStart.exec',
    fidelity: 'exact',
    explanation: 'The command runs in the container right after it starts; if it fails, the container is killed and restarted.',
    docs: `${K8S}/concepts/containers/container-lifecycle-hooks/`,
  },
  {
    key: 'services.pre_stop',
    target: 'containers[].lifecycle.preStop.exec',
    fidelity: 'exact',
    explanation: 'The command runs in the container before it is sent the stop signal; its time counts against the termination grace period.',
    docs: `${K8S}/concepts/containers/container-lifecycle-hooks/`,
  },
  ...hookSettingRows('post_start'),
  ...hookSettingRows('pre_stop'),
  {
    key: 'services.pull_policy',
    target: 'containers[].imagePullPolicy',
    fidelity: 'exact',
    explanation: 'always -> Always, never -> Never, missing and if_not_present -> IfNotPresent.',
    values: {
      build: {
        fidelity: 'approximate',
        reason: 'Kubernetes cannot build the image; nodes pull it when they do not have it (IfNotPresent)',
        instead: 'build and push the image to a registry, and reference it with `image:`',
      },
      refresh: PERIODIC_PULL,
      daily: PERIODIC_PULL,
      weekly: PERIODIC_PULL,
      'every_<duration>': PERIODIC_PULL,
    },
    docs: `${K8S}/concepts/containers/images/#image-pull-policy`,
  },
  {
    key: 'services.network_mode',
    target: 'a container in the pod of the other service + a Service selecting that pod',
    fidelity: 'exact',
    explanation:
      'service:<name> (or container:<name> naming a container of the project) runs the container in the pod of <name>: containers of a pod share one network namespace, as Compose shares the network stack, and a Service named like this service keeps its name resolvable.',
    values: {
      'container:<name>': {
        fidelity: 'unsupported',
        reason: 'a container outside the project has no counterpart in the cluster to share a network namespace with',
        instead: 'run that container as a service of the project and use `network_mode: service:<service>` (or `container:` with its container_name)',
      },
    },
    docs: `${K8S}/concepts/workloads/pods/#how-pods-manage-multiple-containers`,
  },
  {
    key: 'services.x-kubernetes.autoscaling',
    target: 'HorizontalPodAutoscaler (autoscaling/v2)',
    fidelity: 'exact',
    explanation:
      'An autoscaler keeps between minReplicas and maxReplicas pods, adding pods when their average CPU or memory use goes above the given percentage of what they request.',
    docs: `${K8S}/tasks/run-application/horizontal-pod-autoscale/`,
  },
];
