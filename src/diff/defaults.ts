import { deepEqual, isObject, type Json, type JsonObject } from './json.js';
import { isZeroQuantity } from './quantity.js';

/**
 * What an API server adds to an object it stores, as data: the documented list that makes a
 * `kubectl get -o yaml` dump compare equal to the manifest it was applied from. Each row is
 * tested (test/diff/normalize.test.ts) and listed in docs/guide/diff.md.
 * A field written with its default value means the same as the field left out, so both sides
 * of a comparison drop it.
 */

/** Where a default applies: an object kind, or a part that several kinds contain. */
export type Scope =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'CronJob'
  | 'HorizontalPodAutoscaler'
  | 'Service'
  | 'Secret'
  | 'Namespace'
  | 'NetworkPolicy'
  /** The spec of a Job, and of the Jobs a CronJob creates. */
  | 'job'
  /** Every pod spec: of a Pod, of the template of a workload. */
  | 'pod'
  /** Every container, init container and ephemeral container. */
  | 'container'
  | 'containerPort'
  | 'envVar'
  /** Liveness, readiness and startup probes. */
  | 'probe'
  /** The httpGet of probes and of lifecycle hooks. */
  | 'httpGet'
  | 'volume'
  | 'servicePort'
  /** The spec of a PersistentVolumeClaim, and of a StatefulSet's volumeClaimTemplates. */
  | 'claim'
  | 'networkPolicyPort'
  /** The subjects of RoleBindings and ClusterRoleBindings. */
  | 'subject';

export interface ScopeContext {
  /** The pod spec a container belongs to. */
  pod?: JsonObject;
}

export interface ServerDefault {
  scope: Scope;
  /** Dotted path inside the scope; `[]` stands for every item of a list. */
  field: string;
  /** The value the server fills in. */
  value?: Json;
  /** Or, when the default depends on the object: whether `value` is it. */
  is?: (value: Json, node: JsonObject, ctx: ScopeContext) => boolean;
  /** Only when this holds for the scope's node. */
  when?: (node: JsonObject) => boolean;
  why: string;
}

const rollingUpdate = (path: string) => (node: JsonObject) => {
  const strategy = node.spec && isObject(node.spec) ? (node.spec as JsonObject)[path] : undefined;
  const type = isObject(strategy) ? strategy.type : undefined;
  return type === undefined || type === 'RollingUpdate';
};
const serviceType = (node: JsonObject) => (isObject(node.spec) && typeof node.spec.type === 'string' ? node.spec.type : 'ClusterIP');

export const SERVER_DEFAULTS: readonly ServerDefault[] = [
  // apps/v1
  { scope: 'Deployment', field: 'spec.replicas', value: 1, why: 'one replica when none is given' },
  { scope: 'Deployment', field: 'spec.revisionHistoryLimit', value: 10, why: 'ten old ReplicaSets are kept for rollbacks' },
  { scope: 'Deployment', field: 'spec.progressDeadlineSeconds', value: 600, why: 'a rollout that makes no progress for ten minutes is reported as failed' },
  { scope: 'Deployment', field: 'spec.minReadySeconds', value: 0, why: 'a pod counts as available as soon as it is ready' },
  { scope: 'Deployment', field: 'spec.strategy.rollingUpdate.maxSurge', value: '25%', when: rollingUpdate('strategy'), why: 'a rolling update adds up to a quarter more pods' },
  { scope: 'Deployment', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: '25%', when: rollingUpdate('strategy'), why: 'a rolling update takes down up to a quarter of the pods' },
  { scope: 'Deployment', field: 'spec.strategy.type', value: 'RollingUpdate', why: 'Deployments roll pods over one by one unless told to recreate them' },
  { scope: 'StatefulSet', field: 'spec.replicas', value: 1, why: 'one replica when none is given' },
  { scope: 'StatefulSet', field: 'spec.revisionHistoryLimit', value: 10, why: 'ten old revisions are kept' },
  { scope: 'StatefulSet', field: 'spec.podManagementPolicy', value: 'OrderedReady', why: 'pods start one after the other, each once the previous one is ready' },
  { scope: 'StatefulSet', field: 'spec.minReadySeconds', value: 0, why: 'a pod counts as available as soon as it is ready' },
  { scope: 'StatefulSet', field: 'spec.updateStrategy.rollingUpdate.partition', value: 0, when: rollingUpdate('updateStrategy'), why: 'a rolling update replaces every pod' },
  { scope: 'StatefulSet', field: 'spec.updateStrategy.type', value: 'RollingUpdate', why: 'pods are replaced one by one on a change' },
  { scope: 'StatefulSet', field: 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', value: 'Retain', why: 'claims outlive the StatefulSet' },
  { scope: 'StatefulSet', field: 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', value: 'Retain', why: 'claims outlive a scale-down' },
  { scope: 'DaemonSet', field: 'spec.revisionHistoryLimit', value: 10, why: 'ten old revisions are kept' },
  { scope: 'DaemonSet', field: 'spec.minReadySeconds', value: 0, why: 'a pod counts as available as soon as it is ready' },
  { scope: 'DaemonSet', field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', value: 1, when: rollingUpdate('updateStrategy'), why: 'one node at a time is updated' },
  { scope: 'DaemonSet', field: 'spec.updateStrategy.rollingUpdate.maxSurge', value: 0, when: rollingUpdate('updateStrategy'), why: 'the old pod stops before the new one starts' },
  { scope: 'DaemonSet', field: 'spec.updateStrategy.type', value: 'RollingUpdate', why: 'pods are replaced node by node on a change' },
  { scope: 'ReplicaSet', field: 'spec.replicas', value: 1, why: 'one replica when none is given' },
  // batch/v1
  {
    scope: 'job',
    field: 'completions',
    value: 1,
    when: (job) => job.parallelism === undefined || job.parallelism === 1,
    why: 'one successful pod completes the Job (when neither completions nor parallelism is set, both become 1)',
  },
  { scope: 'job', field: 'parallelism', value: 1, why: 'one pod runs at a time' },
  { scope: 'job', field: 'backoffLimit', value: 6, when: (job) => job.backoffLimitPerIndex === undefined, why: 'six retries before the Job fails' },
  { scope: 'job', field: 'completionMode', value: 'NonIndexed', why: 'pods are interchangeable' },
  { scope: 'job', field: 'podReplacementPolicy', value: 'TerminatingOrFailed', when: (job) => job.podFailurePolicy === undefined, why: 'a replacement pod starts as soon as a pod is terminating' },
  { scope: 'job', field: 'podReplacementPolicy', value: 'Failed', when: (job) => job.podFailurePolicy !== undefined, why: 'with a pod failure policy, a replacement starts once a pod has failed' },
  { scope: 'CronJob', field: 'spec.concurrencyPolicy', value: 'Allow', why: 'runs may overlap' },
  { scope: 'CronJob', field: 'spec.successfulJobsHistoryLimit', value: 3, why: 'three finished Jobs are kept' },
  { scope: 'CronJob', field: 'spec.failedJobsHistoryLimit', value: 1, why: 'one failed Job is kept' },
  // autoscaling/v2
  { scope: 'HorizontalPodAutoscaler', field: 'spec.minReplicas', value: 1, why: 'scales down to one replica' },
  {
    scope: 'HorizontalPodAutoscaler',
    field: 'spec.metrics',
    value: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    why: 'without metrics, the autoscaler targets 80% CPU utilization',
  },
  { scope: 'HorizontalPodAutoscaler', field: 'spec.behavior.scaleUp.stabilizationWindowSeconds', value: 0, why: 'scaling up is not delayed' },
  { scope: 'HorizontalPodAutoscaler', field: 'spec.behavior.scaleUp.selectPolicy', value: 'Max', why: 'the policy that allows the biggest change wins' },
  {
    scope: 'HorizontalPodAutoscaler',
    field: 'spec.behavior.scaleUp.policies',
    value: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
    is: (v, _node, _ctx) => sameSet(v, [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }]),
    why: 'up to four pods or double the pods every 15 seconds',
  },
  { scope: 'HorizontalPodAutoscaler', field: 'spec.behavior.scaleDown.stabilizationWindowSeconds', value: 300, why: "the controller's default: scale down on the highest recommendation of the last five minutes" },
  { scope: 'HorizontalPodAutoscaler', field: 'spec.behavior.scaleDown.selectPolicy', value: 'Max', why: 'the policy that allows the biggest change wins' },
  { scope: 'HorizontalPodAutoscaler', field: 'spec.behavior.scaleDown.policies', value: [{ type: 'Percent', value: 100, periodSeconds: 15 }], why: 'every pod may be removed every 15 seconds' },
  // core/v1: Service
  { scope: 'Service', field: 'spec.type', value: 'ClusterIP', why: 'a Service is reachable inside the cluster only unless told otherwise' },
  { scope: 'Service', field: 'spec.sessionAffinity', value: 'None', why: 'connections are spread over the pods' },
  {
    scope: 'Service',
    field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
    value: 10800,
    when: (s) => isObject(s.spec) && s.spec.sessionAffinity === 'ClientIP',
    why: 'client affinity lasts three hours',
  },
  { scope: 'Service', field: 'spec.internalTrafficPolicy', value: 'Cluster', why: 'traffic from inside the cluster goes to pods on any node' },
  {
    scope: 'Service',
    field: 'spec.externalTrafficPolicy',
    value: 'Cluster',
    when: (s) => ['NodePort', 'LoadBalancer'].includes(serviceType(s)),
    why: 'traffic from outside goes to pods on any node',
  },
  { scope: 'Service', field: 'spec.allocateLoadBalancerNodePorts', value: true, when: (s) => serviceType(s) === 'LoadBalancer', why: 'load balancers get node ports' },
  { scope: 'servicePort', field: 'protocol', value: 'TCP', why: 'ports are TCP unless told otherwise' },
  { scope: 'servicePort', field: 'targetPort', is: (v, port) => v === port.port, why: 'a Service port forwards to the same port of the pods when targetPort is not given' },
  // core/v1: pods
  { scope: 'pod', field: 'dnsPolicy', value: 'ClusterFirst', why: 'names resolve through the cluster DNS first' },
  { scope: 'pod', field: 'restartPolicy', value: 'Always', why: 'containers of long-running workloads are restarted whenever they stop' },
  { scope: 'pod', field: 'terminationGracePeriodSeconds', value: 30, why: 'containers get 30 seconds to stop after SIGTERM' },
  { scope: 'pod', field: 'schedulerName', value: 'default-scheduler', why: 'the default scheduler places the pod' },
  { scope: 'pod', field: 'enableServiceLinks', value: true, why: 'Docker-links style variables of every Service are set in the containers' },
  { scope: 'container', field: 'imagePullPolicy', is: (v, c) => v === defaultPullPolicy(c.image), why: 'Always for `:latest` or an untagged image, IfNotPresent otherwise' },
  { scope: 'container', field: 'terminationMessagePath', value: '/dev/termination-log', why: 'where a container may write why it stopped' },
  { scope: 'container', field: 'terminationMessagePolicy', value: 'File', why: 'the termination message is read from that file' },
  { scope: 'containerPort', field: 'protocol', value: 'TCP', why: 'ports are TCP unless told otherwise' },
  {
    scope: 'containerPort',
    field: 'hostPort',
    is: (v, port, ctx) => ctx.pod?.hostNetwork === true && v === port.containerPort,
    why: "with hostNetwork, a container port is the node's port",
  },
  { scope: 'envVar', field: 'valueFrom.fieldRef.apiVersion', value: 'v1', why: 'fields of the pod are read from its v1 form' },
  { scope: 'envVar', field: 'valueFrom.resourceFieldRef.divisor', is: (v) => isZeroQuantity(v), why: 'a zero divisor (written as "0") means no division' },
  { scope: 'probe', field: 'initialDelaySeconds', value: 0, why: 'probing starts when the container starts' },
  { scope: 'probe', field: 'timeoutSeconds', value: 1, why: 'a probe times out after one second' },
  { scope: 'probe', field: 'periodSeconds', value: 10, why: 'probes run every ten seconds' },
  { scope: 'probe', field: 'successThreshold', value: 1, why: 'one success makes the container healthy again' },
  { scope: 'probe', field: 'failureThreshold', value: 3, why: 'three failures in a row make it unhealthy' },
  { scope: 'httpGet', field: 'path', value: '/', why: 'the root path is requested' },
  { scope: 'httpGet', field: 'scheme', value: 'HTTP', why: 'plain HTTP' },
  { scope: 'volume', field: 'configMap.defaultMode', value: 420, why: 'files of a ConfigMap volume get mode 0644 (420)' },
  { scope: 'volume', field: 'secret.defaultMode', value: 420, why: 'files of a Secret volume get mode 0644 (420)' },
  { scope: 'volume', field: 'projected.defaultMode', value: 420, why: 'files of a projected volume get mode 0644 (420)' },
  { scope: 'volume', field: 'downwardAPI.defaultMode', value: 420, why: 'files of a downward API volume get mode 0644 (420)' },
  { scope: 'volume', field: 'projected.sources[].serviceAccountToken.expirationSeconds', value: 3600, why: 'projected tokens last an hour' },
  { scope: 'volume', field: 'downwardAPI.items[].fieldRef.apiVersion', value: 'v1', why: 'fields of the pod are read from its v1 form' },
  { scope: 'volume', field: 'projected.sources[].downwardAPI.items[].fieldRef.apiVersion', value: 'v1', why: 'fields of the pod are read from its v1 form' },
  // core/v1: storage, secrets, namespaces
  { scope: 'claim', field: 'volumeMode', value: 'Filesystem', why: 'the volume is mounted as a file system, not as a raw block device' },
  { scope: 'Secret', field: 'type', value: 'Opaque', why: 'a Secret holds arbitrary data unless it has a type' },
  { scope: 'Namespace', field: 'spec.finalizers', value: ['kubernetes'], why: 'the namespace waits for its objects to be deleted' },
  // networking.k8s.io/v1 and rbac
  {
    scope: 'NetworkPolicy',
    field: 'spec.policyTypes',
    is: (v, np) => sameSet(v, isObject(np.spec) && Array.isArray(np.spec.egress) && np.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']),
    why: 'Ingress, and Egress too when the policy has egress rules',
  },
  { scope: 'networkPolicyPort', field: 'protocol', value: 'TCP', why: 'ports are TCP unless told otherwise' },
  {
    scope: 'subject',
    field: 'apiGroup',
    value: 'rbac.authorization.k8s.io',
    when: (s) => s.kind === 'User' || s.kind === 'Group',
    why: 'users and groups belong to the RBAC API group',
  },
];

/** Metadata fields only a server writes: never part of what a manifest asks for. */
export const SERVER_METADATA: readonly { field: string; why: string }[] = [
  { field: 'uid', why: 'the identity the server gave the object' },
  { field: 'resourceVersion', why: 'the version of the stored object, for optimistic concurrency' },
  { field: 'generation', why: 'how many times the spec changed' },
  { field: 'creationTimestamp', why: 'when it was created (written as `null` in the templates of a dump)' },
  { field: 'deletionTimestamp', why: 'when its deletion was requested' },
  { field: 'deletionGracePeriodSeconds', why: 'the grace period of a pending deletion' },
  { field: 'managedFields', why: 'which field manager set which field (server-side apply bookkeeping)' },
  { field: 'selfLink', why: 'the URL of the object (removed from the API in 1.20)' },
];

/** Annotations that servers, controllers and kubectl add. */
export const SERVER_ANNOTATIONS: readonly { key: string; why: string }[] = [
  { key: 'kubectl.kubernetes.io/last-applied-configuration', why: '`kubectl apply` keeps the last applied manifest here (for a Secret, with its data)' },
  { key: 'deployment.kubernetes.io/revision', why: "the Deployment controller's rollout counter" },
  { key: 'deprecated.daemonset.template.generation', why: "the DaemonSet controller's template counter" },
  { key: 'kubectl.kubernetes.io/restartedAt', why: '`kubectl rollout restart` stamps the pod template with it' },
  { key: 'pv.kubernetes.io/bind-completed', why: 'the volume controller marks a bound claim' },
  { key: 'pv.kubernetes.io/bound-by-controller', why: 'the volume controller marks a claim it bound' },
  { key: 'volume.beta.kubernetes.io/storage-provisioner', why: 'the provisioner that creates the volume' },
  { key: 'volume.kubernetes.io/storage-provisioner', why: 'the provisioner that creates the volume' },
  { key: 'volume.kubernetes.io/selected-node', why: 'the node the scheduler picked for a late-bound volume' },
  { key: 'batch.kubernetes.io/job-tracking', why: 'the Job controller tracks pods with finalizers' },
  { key: 'batch.kubernetes.io/cronjob-scheduled-timestamp', why: 'when the CronJob scheduled the Job' },
];

/** Labels the Job controller puts on a Job's pods (and on the Job when it has none). */
export const JOB_CONTROLLER_LABELS: readonly string[] = ['batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'controller-uid', 'job-name'];

/**
 * Fields that a server assigns when the manifest leaves them out: an existing object that has one
 * is the same as a manifest without it, but a manifest that sets one is compared.
 */
export const ASSIGNED: readonly { kinds: readonly string[]; field: string; why: string }[] = [
  { kinds: ['Service'], field: 'spec.clusterIP', why: 'allocated from the service IP range' },
  { kinds: ['Service'], field: 'spec.clusterIPs', why: 'allocated from the service IP ranges' },
  { kinds: ['Service'], field: 'spec.ipFamilies', why: "chosen from the cluster's IP families" },
  { kinds: ['Service'], field: 'spec.ipFamilyPolicy', why: "chosen from the cluster's IP families" },
  { kinds: ['Service'], field: 'spec.ports[].nodePort', why: 'allocated from the node port range' },
  { kinds: ['Service'], field: 'spec.healthCheckNodePort', why: 'allocated from the node port range' },
  { kinds: ['PersistentVolumeClaim'], field: 'spec.storageClassName', why: 'the default StorageClass, set by admission' },
  { kinds: ['PersistentVolumeClaim'], field: 'spec.volumeName', why: 'the volume the claim is bound to' },
  { kinds: ['StatefulSet'], field: 'spec.volumeClaimTemplates[].spec.storageClassName', why: 'the default StorageClass, set by admission' },
  { kinds: ['Ingress'], field: 'spec.ingressClassName', why: 'the default IngressClass, set by admission' },
  { kinds: ['Job'], field: 'spec.selector', why: 'generated by the server from the Job controller labels' },
  { kinds: ['ServiceAccount'], field: 'secrets', why: 'token Secrets that older clusters create' },
  { kinds: ['*'], field: 'metadata.finalizers', why: 'added by controllers (kubernetes.io/pvc-protection, ...)' },
  { kinds: ['*'], field: 'metadata.ownerReferences', why: 'set by the controller that created the object' },
];

/**
 * Fields where `false` means the same as leaving them out (Go booleans that the API omits when
 * false, and optional ones whose absence means false).
 */
export const FALSE_IS_ABSENT: readonly string[] = [
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'shareProcessNamespace',
  'setHostnameAsFQDN',
  'stdin',
  'stdinOnce',
  'tty',
  'readOnly',
  'privileged',
  'readOnlyRootFilesystem',
  'runAsNonRoot',
  'publishNotReadyAddresses',
  'paused',
  'suspend',
  'immutable',
  'optional',
  'manualSelector',
];

/** Maps whose entries are data: an empty string or an empty entry there is a value, not an omitted field. */
export const DATA_MAPS: ReadonlySet<string> = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'matchLabels', 'nodeSelector', 'parameters']);

function defaultPullPolicy(image: Json | undefined): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  const tag = colon < 0 ? 'latest' : lastPart.slice(colon + 1);
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function sameSet(value: Json, expected: Json[]): boolean {
  return Array.isArray(value) && value.length === expected.length && expected.every((e) => value.some((v) => deepEqual(v, e)));
}
