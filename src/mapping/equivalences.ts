/**
 * The table of documented equivalences between compose keys and Kubernetes fields. It is data:
 * the mapper reads it to decide what to warn about, the emitter to annotate fields, `explain` to
 * teach, and the README's mapping table is generated from it.
 */
export type Fidelity = 'exact' | 'approximate' | 'unsupported';

export interface Equivalence {
  /** Dotted compose path; `services.*` keys are written `services.<key>`. */
  key: string;
  /** The Kubernetes object and field(s) it becomes. */
  target: string;
  fidelity: Fidelity;
  /** One line: what the mapping does. */
  explanation: string;
  /** Approximate/unsupported: what behaves differently and what to do instead. */
  reason?: string;
  docs: string;
}

const K8S = 'https://kubernetes.io/docs';

export const EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services',
    target: 'Deployment (apps/v1) + Service (v1)',
    fidelity: 'exact',
    explanation: 'Each compose service runs as a Deployment whose pods are reachable through a Service with the same name.',
    docs: `${K8S}/concepts/workloads/controllers/deployment/`,
  },
  {
    key: 'services.image',
    target: 'Deployment.spec.template.spec.containers[].image',
    fidelity: 'exact',
    explanation: 'The container image is pulled by the node from the same registry reference.',
    docs: `${K8S}/concepts/containers/images/`,
  },
  {
    key: 'services.build',
    target: 'containers[].image',
    fidelity: 'approximate',
    explanation: 'Kubernetes does not build images; the image Compose would build is referenced by name.',
    reason: 'build it with `docker compose build`, push it to a registry the cluster can pull from, and set `image:`',
    docs: `${K8S}/concepts/containers/images/`,
  },
  {
    key: 'services.command',
    target: 'containers[].args',
    fidelity: 'exact',
    explanation: "Compose's command overrides the image CMD, which Kubernetes calls args.",
    docs: `${K8S}/tasks/inject-data-application/define-command-argument-container/`,
  },
  {
    key: 'services.entrypoint',
    target: 'containers[].command',
    fidelity: 'exact',
    explanation: "Compose's entrypoint overrides the image ENTRYPOINT, which Kubernetes calls command.",
    docs: `${K8S}/tasks/inject-data-application/define-command-argument-container/`,
  },
  {
    key: 'services.working_dir',
    target: 'containers[].workingDir',
    fidelity: 'exact',
    explanation: 'The process starts in the same directory.',
    docs: `${K8S}/reference/kubernetes-api/workload-resources/pod-v1/#entrypoint`,
  },
  {
    key: 'services.user',
    target: 'containers[].securityContext.runAsUser / runAsGroup',
    fidelity: 'exact',
    explanation: 'A numeric uid[:gid] runs the process as that user and group.',
    reason: 'Kubernetes only accepts numeric ids; use the uid of the user name (see /etc/passwd in the image)',
    docs: `${K8S}/tasks/configure-pod-container/security-context/`,
  },
  {
    key: 'services.tty',
    target: 'containers[].tty',
    fidelity: 'exact',
    explanation: 'A pseudo-terminal is allocated for the container.',
    docs: `${K8S}/reference/kubernetes-api/workload-resources/pod-v1/#debugging`,
  },
  {
    key: 'services.stdin_open',
    target: 'containers[].stdin',
    fidelity: 'exact',
    explanation: 'The container keeps stdin open.',
    docs: `${K8S}/reference/kubernetes-api/workload-resources/pod-v1/#debugging`,
  },
  {
    key: 'services.environment',
    target: 'containers[].env',
    fidelity: 'exact',
    explanation: 'Each variable arrives in the container with the value Compose would pass, as a string.',
    docs: `${K8S}/tasks/inject-data-application/define-environment-variable-container/`,
  },
  {
    key: 'services.env_file',
    target: 'containers[].env',
    fidelity: 'exact',
    explanation: 'Variables of env files are passed like Compose does, with `environment` winning.',
    docs: `${K8S}/tasks/inject-data-application/define-environment-variable-container/`,
  },
  {
    key: 'services.ports',
    target: 'containers[].ports + Service.spec.ports',
    fidelity: 'exact',
    explanation:
      'The container port is opened and the Service answers on it (and on the published number), so `<service>:<port>` resolves in the cluster as on the compose network.',
    docs: `${K8S}/concepts/services-networking/service/`,
  },
  {
    key: 'services.ports.host_ip',
    target: 'Service.spec.ports',
    fidelity: 'approximate',
    explanation: 'A Service listens on its cluster IP; there is no host interface to bind to.',
    reason: 'restrict access with a NetworkPolicy or a LoadBalancer `loadBalancerSourceRanges`',
    docs: `${K8S}/concepts/services-networking/network-policies/`,
  },
  {
    key: 'services.expose',
    target: 'containers[].ports + Service.spec.ports',
    fidelity: 'exact',
    explanation: 'Exposed ports are reachable from other services through the Service, never from outside.',
    docs: `${K8S}/concepts/services-networking/service/`,
  },
  {
    key: 'services.volumes',
    target: 'PersistentVolumeClaim + pod volumes + containers[].volumeMounts',
    fidelity: 'exact',
    explanation: 'A named volume becomes a PersistentVolumeClaim mounted at the same path, so its data persists across restarts.',
    docs: `${K8S}/concepts/storage/persistent-volumes/`,
  },
  {
    key: 'services.deploy.replicas',
    target: 'Deployment.spec.replicas',
    fidelity: 'exact',
    explanation: 'The same number of copies of the container run.',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#scaling-a-deployment`,
  },
  {
    key: 'services.scale',
    target: 'Deployment.spec.replicas',
    fidelity: 'exact',
    explanation: 'The same number of copies of the container run.',
    docs: `${K8S}/concepts/workloads/controllers/deployment/#scaling-a-deployment`,
  },
  {
    key: 'services.profiles',
    target: '(selection)',
    fidelity: 'exact',
    explanation: 'Profiles select which services are converted, as they select which ones Compose starts.',
    docs: 'https://docs.docker.com/compose/how-tos/profiles/',
  },
  {
    key: 'volumes',
    target: 'PersistentVolumeClaim (v1)',
    fidelity: 'exact',
    explanation: 'One claim per compose volume, shared by every service that mounts it.',
    docs: `${K8S}/concepts/storage/persistent-volumes/#persistentvolumeclaims`,
  },
];

const BY_KEY = new Map(EQUIVALENCES.map((e) => [e.key, e]));

export function equivalence(key: string): Equivalence | undefined {
  return BY_KEY.get(key);
}
