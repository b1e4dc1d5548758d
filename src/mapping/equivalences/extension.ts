import { K8S_DOCS as K8S, type Equivalence } from './types.js';

/**
 * Rows for the `x-kubernetes` extension (and the kompose.* labels that mean the same): what the
 * user asks for in Kubernetes terms. The autoscaling row lives with the workloads.
 */
export const EXTENSION_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services.x-kubernetes',
    target: '(hints for the conversion)',
    fidelity: 'exact',
    explanation: 'Says in Kubernetes terms what Compose cannot: workload kind, Service type, Ingress, autoscaling, pull secrets, service account, labels, helper images.',
    docs: `${K8S}/concepts/overview/working-with-objects/`,
  },
  {
    key: 'services.x-kubernetes.workload',
    target: 'Deployment / StatefulSet / DaemonSet / Job / CronJob',
    fidelity: 'exact',
    explanation: 'The kind of workload that runs the service, instead of the one deploy.mode and restart would choose.',
    docs: `${K8S}/concepts/workloads/controllers/`,
  },
  {
    key: 'services.x-kubernetes.schedule',
    target: 'CronJob.spec.schedule',
    fidelity: 'exact',
    explanation: 'The service runs as a CronJob on this cron schedule.',
    docs: `${K8S}/concepts/workloads/controllers/cron-jobs/`,
  },
  {
    key: 'services.x-kubernetes.expose',
    target: 'Service.spec.type / clusterIP / ports[].nodePort',
    fidelity: 'exact',
    explanation: 'The type of the Service (ClusterIP, NodePort, LoadBalancer), a headless Service, or the node port of its first port.',
    docs: `${K8S}/concepts/services-networking/service/#publishing-services-service-types`,
  },
  {
    key: 'services.x-kubernetes.ingress',
    target: 'Ingress (networking.k8s.io/v1)',
    fidelity: 'exact',
    explanation: 'An Ingress routes HTTP(S) requests for the host and path to the Service, with TLS from the named Secret.',
    docs: `${K8S}/concepts/services-networking/ingress/`,
  },
  {
    key: 'services.x-kubernetes.imagePullSecrets',
    target: 'pod imagePullSecrets',
    fidelity: 'exact',
    explanation: 'The nodes log in to the registry with these Secrets to pull the image.',
    docs: `${K8S}/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod`,
  },
  {
    key: 'services.x-kubernetes.serviceAccountName',
    target: 'pod serviceAccountName',
    fidelity: 'exact',
    explanation: 'The pods run with this ServiceAccount.',
    docs: `${K8S}/concepts/security/service-accounts/`,
  },
  {
    key: 'services.x-kubernetes.labels',
    target: 'metadata.labels of the objects of the service',
    fidelity: 'exact',
    explanation: 'Extra labels on the workload, its pods and its Service (never in the selector).',
    docs: `${K8S}/concepts/overview/working-with-objects/labels/`,
  },
  {
    key: 'services.x-kubernetes.annotations',
    target: 'metadata.annotations of the workload and its pods',
    fidelity: 'exact',
    explanation: 'Extra annotations on the workload and its pods.',
    docs: `${K8S}/concepts/overview/working-with-objects/annotations/`,
  },
  {
    key: 'services.x-kubernetes.storage',
    target: 'PersistentVolumeClaim.spec (size, storageClassName, accessModes)',
    fidelity: 'exact',
    explanation: 'Defaults for the claims of the volumes the service mounts; a volume\'s own x-kubernetes wins.',
    docs: `${K8S}/concepts/storage/persistent-volumes/#persistentvolumeclaims`,
  },
  {
    key: 'services.x-kubernetes.bindMounts',
    target: 'PersistentVolumeClaim / hostPath volume / nothing, per bind mount',
    fidelity: 'exact',
    explanation: 'What the bind mounts of host paths become: claim (a claim to copy the data into), host-path (the same path on the node) or omit; one choice for the service, or one per mount keyed by its source or target path.',
    docs: `${K8S}/concepts/storage/volumes/#hostpath`,
  },
  {
    key: 'services.volumes.x-kubernetes',
    target: 'PersistentVolumeClaim / hostPath volume / nothing, and the claim spec',
    fidelity: 'exact',
    explanation: 'On one bind mount (long syntax): bindMount claim, host-path or omit, and the size, storageClassName and accessModes of the claim it becomes.',
    docs: `${K8S}/concepts/storage/persistent-volumes/#persistentvolumeclaims`,
  },
  {
    key: 'services.x-kubernetes.helperImages',
    target: 'image of the init containers compose2kube adds',
    fidelity: 'exact',
    explanation: 'The images of the wait-for-<dependency> init containers of this service (`wait`, `kubectl`), for a registry mirror or an air-gapped cluster; wins over the project\'s.',
    docs: `${K8S}/concepts/containers/images/`,
  },
  {
    key: 'x-kubernetes',
    target: '(hints for the whole project)',
    fidelity: 'exact',
    explanation: 'Settings for every service of the project that Compose has no key for: the images of the containers compose2kube adds.',
    docs: `${K8S}/concepts/overview/working-with-objects/`,
  },
  {
    key: 'x-kubernetes.helperImages',
    target: 'image of the init containers compose2kube adds',
    fidelity: 'exact',
    explanation: 'The images of every wait-for-<dependency> init container (`wait`: sh, nc, nslookup, awk, expr; `kubectl`: sh and kubectl), for a registry mirror or an air-gapped cluster; wins over --helper-image and --kubectl-image.',
    docs: `${K8S}/concepts/containers/images/`,
  },
  {
    key: 'volumes.x-kubernetes',
    target: 'PersistentVolumeClaim.spec (resources.requests.storage, storageClassName, accessModes)',
    fidelity: 'exact',
    explanation: 'The size, StorageClass and access modes of the claim made for the volume.',
    docs: `${K8S}/concepts/storage/persistent-volumes/#persistentvolumeclaims`,
  },
];
