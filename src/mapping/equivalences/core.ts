import { K8S_DOCS as K8S, type Equivalence } from './types.js';

/** Rows for the keys the core pipeline maps: workload, image, command, ports. */
export const CORE_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services',
    target: 'Deployment, StatefulSet, DaemonSet, Job or CronJob + Service (v1)',
    fidelity: 'exact',
    // The kind depends on the service (deploy.mode, x-kubernetes, a service waiting for it to complete): the note on each workload names it.
    explanation: 'Each compose service runs as a workload whose pods are reachable through a Service with the same name.',
    docs: `${K8S}/concepts/workloads/controllers/`,
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
    reason: 'the cluster pulls images from a registry and cannot build from a local context',
    instead: 'build it with `docker compose build`, push it to a registry the cluster can pull from, and set `image:`',
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
    mappedBy: 'loader',
    docs: 'https://docs.docker.com/compose/how-tos/profiles/',
  },
];
