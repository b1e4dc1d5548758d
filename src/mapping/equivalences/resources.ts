import { K8S_DOCS as K8S, type Equivalence } from './types.js';

const RESOURCES = `${K8S}/concepts/configuration/manage-resources-containers/`;
const GPUS = `${K8S}/tasks/manage-gpus/scheduling-gpus/`;
const PIDS = `${K8S}/concepts/policy/pid-limiting/`;
const SWAP = `${K8S}/concepts/cluster-administration/swap-memory-management/`;

const NODE_SETTING = 'the cluster administrator configures on the nodes (kubelet configuration)';

/** One GPU device request: the keys of an item of deploy.resources.reservations.devices and of gpus. */
function deviceRequestRows(parent: string): Equivalence[] {
  return [
    {
      key: `${parent}.capabilities`,
      target: 'resources.limits["nvidia.com/gpu"]',
      fidelity: 'exact',
      explanation: 'A request with the gpu capability becomes GPUs offered by the NVIDIA device plugin; other capabilities are checked by that plugin.',
      docs: GPUS,
    },
    {
      key: `${parent}.count`,
      target: 'resources.limits["nvidia.com/gpu"]',
      fidelity: 'exact',
      explanation: 'The pod gets that many whole GPUs.',
      values: {
        all: {
          fidelity: 'approximate',
          reason: 'Kubernetes gives GPUs by number, never "all of them"; the pod gets 1',
          instead: 'set count to the number of GPUs the service needs',
        },
      },
      docs: GPUS,
    },
    {
      key: `${parent}.device_ids`,
      target: 'resources.limits["nvidia.com/gpu"]',
      fidelity: 'approximate',
      explanation: 'The pod gets as many GPUs as there are ids.',
      reason: 'the device plugin picks which GPUs a pod gets; particular devices cannot be named',
      instead: 'label the nodes with the GPUs you need and select them with a nodeSelector, then ask for a count',
      docs: GPUS,
    },
    {
      key: `${parent}.driver`,
      target: 'resources.limits["nvidia.com/gpu"]',
      fidelity: 'exact',
      explanation: 'The nvidia driver (the default) is served by the NVIDIA device plugin as nvidia.com/gpu.',
      docs: GPUS,
    },
    {
      key: `${parent}.options`,
      target: '(none)',
      fidelity: 'unsupported',
      explanation: 'Driver options are not passed on.',
      reason: 'a pod asks a device plugin for devices by count only; driver options are configured in the plugin',
      instead: 'configure the NVIDIA device plugin (or GPU operator) of the cluster with those options',
      docs: GPUS,
    },
  ];
}

/** Rows for deploy.resources and the service-level resource keys. */
export const RESOURCE_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services.deploy.resources',
    target: 'containers[].resources',
    fidelity: 'exact',
    explanation: 'Limits become resources.limits and reservations resources.requests, in canonical quantities (512M is 512Mi, 0.5 CPUs 500m).',
    docs: RESOURCES,
  },
  {
    key: 'services.deploy.resources.limits',
    target: 'containers[].resources.limits',
    fidelity: 'exact',
    explanation: 'The container cannot use more; without a reservation Kubernetes also requests (reserves) the limit.',
    docs: RESOURCES,
  },
  {
    key: 'services.deploy.resources.limits.cpus',
    target: 'containers[].resources.limits.cpu',
    fidelity: 'exact',
    explanation: 'The container is throttled to that many CPUs.',
    docs: RESOURCES,
  },
  {
    key: 'services.deploy.resources.limits.memory',
    target: 'containers[].resources.limits.memory',
    fidelity: 'exact',
    explanation: 'The container is killed (OOM) when it uses more memory.',
    docs: RESOURCES,
  },
  {
    key: 'services.deploy.resources.limits.pids',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: 'Not converted: a container has no process limit of its own.',
    reason: `Kubernetes limits process ids per pod only through the kubelet's podPidsLimit, which ${NODE_SETTING}`,
    instead: 'ask the cluster administrator for a podPidsLimit on the nodes',
    docs: PIDS,
  },
  {
    key: 'services.deploy.resources.reservations',
    target: 'containers[].resources.requests',
    fidelity: 'exact',
    explanation: 'The scheduler places the pod on a node with that much CPU and memory unreserved.',
    docs: RESOURCES,
  },
  {
    key: 'services.deploy.resources.reservations.cpus',
    target: 'containers[].resources.requests.cpu',
    fidelity: 'exact',
    explanation: 'That much CPU is reserved for the container, which also sets its CPU weight under contention.',
    docs: RESOURCES,
  },
  {
    key: 'services.deploy.resources.reservations.memory',
    target: 'containers[].resources.requests.memory',
    fidelity: 'exact',
    explanation: 'That much memory is reserved for the container; a request larger than the limit is an error, as Docker says.',
    docs: RESOURCES,
  },
  {
    key: 'services.deploy.resources.reservations.devices',
    target: 'containers[].resources.limits["nvidia.com/gpu"]',
    fidelity: 'exact',
    explanation: 'Device requests with the gpu capability become whole GPUs of the NVIDIA device plugin, which the nodes must run.',
    docs: GPUS,
  },
  ...deviceRequestRows('services.deploy.resources.reservations.devices'),
  {
    key: 'services.deploy.resources.reservations.generic_resources',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: 'Not converted: Swarm generic resources have no counterpart.',
    reason: 'Kubernetes offers other resources as extended resources of device plugins, under names the cluster defines',
    instead: "add the extended resource the cluster offers (kubectl describe node lists them) to the container's resources.limits",
    docs: `${K8S}/concepts/extend-kubernetes/compute-storage-net/device-plugins/`,
  },
  {
    key: 'services.gpus',
    target: 'containers[].resources.limits["nvidia.com/gpu"]',
    fidelity: 'exact',
    explanation: 'GPU requests become whole GPUs of the NVIDIA device plugin, which the nodes must run.',
    values: {
      all: {
        fidelity: 'approximate',
        reason: 'Kubernetes gives GPUs by number, never "all of them"; the pod gets 1',
        instead: 'write a request with the number of GPUs the service needs, e.g. gpus: [{count: 2}]',
      },
    },
    docs: GPUS,
  },
  ...deviceRequestRows('services.gpus'),
  {
    key: 'services.cpus',
    target: 'containers[].resources.limits.cpu',
    fidelity: 'exact',
    explanation: 'The container is throttled to that many CPUs (deploy.resources.limits.cpus wins, as in Compose).',
    docs: RESOURCES,
  },
  {
    key: 'services.mem_limit',
    target: 'containers[].resources.limits.memory',
    fidelity: 'exact',
    explanation: 'The container is killed (OOM) when it uses more memory (deploy.resources.limits.memory wins, as in Compose).',
    docs: RESOURCES,
  },
  {
    key: 'services.mem_reservation',
    target: 'containers[].resources.requests.memory',
    fidelity: 'exact',
    explanation: 'That much memory is reserved for the container (deploy.resources.reservations.memory wins, as in Compose).',
    docs: RESOURCES,
  },
  {
    key: 'services.cpu_shares',
    target: 'containers[].resources.requests.cpu',
    fidelity: 'approximate',
    explanation: 'The CPU weight becomes the CPU request that gives the same weight (1024 shares per CPU).',
    reason: 'a request also reserves that much CPU on the node, so a large weight can leave a pod unscheduled; Docker only weighs containers against each other',
    instead: 'set deploy.resources.reservations.cpus to the CPU the service needs',
    docs: RESOURCES,
  },
  {
    key: 'services.cpu_quota',
    target: 'containers[].resources.limits.cpu',
    fidelity: 'approximate',
    explanation: 'The CFS quota becomes the CPU limit quota / period.',
    reason: 'Kubernetes applies a limit over a fixed 100ms period, so a longer or shorter cpu_period changes how bursts are throttled',
    instead: 'write the limit as cpus (quota / period)',
    docs: RESOURCES,
  },
  {
    key: 'services.cpu_period',
    target: 'containers[].resources.limits.cpu',
    fidelity: 'approximate',
    explanation: 'With cpu_quota, the period divides the quota into a CPU limit.',
    reason: `the CFS period of a pod is the kubelet's (100ms by default), which ${NODE_SETTING}`,
    instead: 'write the limit as cpus (quota / period)',
    docs: RESOURCES,
  },
  {
    key: 'services.memswap_limit',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: 'Not converted: pods do not swap unless the nodes allow it; a value equal to the memory limit (no swap) is what a pod gets.',
    reason: `whether and how much a pod swaps is decided by the nodes' swap behaviour (NoSwap by default), which ${NODE_SETTING}`,
    instead: 'ask the cluster administrator for nodes with LimitedSwap if the service needs swap',
    docs: SWAP,
  },
  {
    key: 'services.pids_limit',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: 'Not converted: a container has no process limit of its own (-1 and 0, no limit, are what a pod gets).',
    reason: `Kubernetes limits process ids per pod only through the kubelet's podPidsLimit, which ${NODE_SETTING}`,
    instead: 'ask the cluster administrator for a podPidsLimit on the nodes',
    docs: PIDS,
  },
];
