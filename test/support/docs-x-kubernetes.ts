/**
 * What each field of the `x-kubernetes` extension does, for the tables of
 * docs/reference/x-kubernetes.md. The fields and their values come from the JSON schemas the
 * extension is checked with (src/mapping/hints/extension-schema.ts); test/docs.test.ts fails when
 * a field of a schema has no line here, or a line here names no field of a schema.
 * Keys: `<schema>.<field path>`, the schema being service, project, volume or mount. The Value
 * column comes from the schema, unless an entry says it better (`{ value, doc }`).
 */
export const X_KUBERNETES_FIELDS: Record<string, string | { value: string; doc: string }> = {
  'service.workload': 'The kind of workload, instead of the one `deploy.mode` and `restart` would choose. `CronJob` needs a `schedule`.',
  'service.schedule': 'Runs the service as a CronJob; without `workload`, a schedule alone asks for one.',
  'service.expose.type': 'The type of the Service of the service (default: ClusterIP, or `--service-type` for services that publish ports).',
  'service.expose.headless': 'A headless Service (`clusterIP: None`): the name resolves to the addresses of the pods.',
  'service.expose.nodePort': 'The node port of the first published port of a NodePort or LoadBalancer Service (from 30000 to 32767 on most clusters).',
  'service.ingress.host': 'Makes an Ingress to the service for those hosts (a single host may be written without a list; no host: every host the ingress controller serves).',
  'service.ingress.path': 'The path prefix the Ingress routes to the service (default `/`).',
  'service.ingress.tlsSecret': 'Terminates TLS with the certificate in that Secret (of type `kubernetes.io/tls`; it must exist).',
  'service.ingress.className': 'The IngressClass: the ingress controller that serves it.',
  'service.ingress.port': 'The port of the service the Ingress sends to.',
  'service.autoscaling.minReplicas': 'The fewest pods the HorizontalPodAutoscaler keeps (default 1).',
  'service.autoscaling.maxReplicas': 'The most pods it may run.',
  'service.autoscaling.cpu': 'The average CPU utilization to aim for, as a percentage of what the containers request (default: 80% CPU when neither `cpu` nor `memory` is given).',
  'service.autoscaling.memory': 'The average memory utilization to aim for, as a percentage of what the containers request.',
  'service.imagePullSecrets': 'Registry credentials (Secret names; one name alone stands for a list of one) the nodes use to pull the image.',
  'service.serviceAccountName': 'The identity (ServiceAccount) the pods run with.',
  'service.labels': 'Extra labels on the objects of the service (never in the pod selector): label keys to label values.',
  'service.annotations': 'Extra annotations on the workload and its pods: keys to strings.',
  'service.storage.size': 'Default storage request of the claims of the volumes the service mounts (as `size` of a volume, below).',
  'service.storage.storageClassName': 'Default StorageClass of the claims of the volumes the service mounts.',
  'service.storage.accessModes': 'Default access modes of the claims of the volumes the service mounts.',
  'service.bindMounts': 'What the service\'s bind mounts of host paths become, instead of `--bind-mounts` ([Host paths](../guide/storage.md#host-paths)): one choice for all, or a mapping from a bind mount\'s target or source path (`/cache`, `./data`) to one. An entry for a path also applies to a project path (`./data: claim`).',
  'service.helperImages.wait': {
    value: 'an image reference; it needs `sh`, `nc`, `nslookup`, `awk` and `expr` (busybox has them)',
    doc: 'The image of this service\'s `wait-for-<dependency>` init containers (see [the project\'s `x-kubernetes`](#the-projects-x-kubernetes)).',
  },
  'service.helperImages.kubectl': {
    value: 'an image reference; it needs `sh` and `kubectl`',
    doc: 'The image of this service\'s init containers that wait for a Job.',
  },
  'project.helperImages.wait': {
    value: 'an image reference; it needs `sh`, `nc`, `nslookup`, `awk` and `expr` (busybox has them)',
    doc: 'The image of the `wait-for-<dependency>` init containers (default `docker.io/library/busybox:1.36.1`). Wins over `--helper-image`; a service\'s own `helperImages` wins over it.',
  },
  'project.helperImages.kubectl': {
    value: 'an image reference; it needs `sh` and `kubectl`',
    doc: 'The image of the init containers that wait for a Job (default `registry.k8s.io/kubectl:v1.34.0`). Wins over `--kubectl-image`.',
  },
  'volume.size': 'The storage request of the PersistentVolumeClaim (default: `--volume-size`, 1Gi).',
  'volume.storageClassName': 'Where the data lives (default: the cluster\'s default class).',
  'volume.accessModes': 'How the claim may be mounted (default: ReadWriteOnce, or ReadWriteMany when several services or replicas mount it).',
  'mount.bindMount': 'What this mount becomes; wins over the service\'s `bindMounts` and `--bind-mounts`. `claim` also makes a claim of a project path, or of a path whose name looks like a file\'s but is a directory.',
  'mount.size': 'The storage request of the claim the mount\'s directory becomes; wins over the service\'s `storage`.',
  'mount.storageClassName': 'The StorageClass of that claim; wins over the service\'s `storage`.',
  'mount.accessModes': 'The access modes of that claim; wins over the service\'s `storage`.',
};
