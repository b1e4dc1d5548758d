import { K8S_DOCS as K8S } from './types.js';

/**
 * Why each kind of object exists in the output, in the words a compose user is learning: what it
 * does that the compose app relied on, and why it is this kind and not a neighbouring one. Data,
 * like the table of equivalences: the annotations (`--annotate full`) print it above each object.
 */
export interface KindRationale {
  /** What the object does for the app, as a sentence that follows "Why a <Kind>: ". */
  why: string;
  /** Why not the kinds a reader might expect instead. */
  notInstead?: string;
  docs: string;
}

export const KIND_RATIONALES: Readonly<Record<string, KindRationale>> = {
  Deployment: {
    why:
      'the service is a long-running process whose replicas are interchangeable. A Deployment keeps that many pods running (scaling: `replicas`, `kubectl scale`), replaces a pod that crashes or loses its node (self-healing), and swaps pods gradually when the spec changes (rollout; `kubectl rollout undo` is the rollback).',
    notInstead:
      'Not a StatefulSet: no replica needs a stable name or storage of its own (ask with x-kubernetes.workload: StatefulSet). Not a Job: it is not meant to run once to completion. Not a DaemonSet: deploy.mode is not global.',
    docs: `${K8S}/concepts/workloads/controllers/deployment/`,
  },
  StatefulSet: {
    why:
      'each replica keeps a stable name (<name>-0, <name>-1...) and network identity through the Service, and pods start, stop and roll out one at a time, in order: what databases and clustered services need. It still replaces failed pods (self-healing) and scales with `replicas`.',
    notInstead: 'Not a Deployment: its replicas would be interchangeable pods with random names, started all at once.',
    docs: `${K8S}/concepts/workloads/controllers/statefulset/`,
  },
  DaemonSet: {
    why:
      'deploy.mode: global runs one container on every swarm node; a DaemonSet runs one pod on every node of the cluster, adds one to each node that joins, and replaces one that fails (self-healing). Node agents (log shippers, exporters) run this way.',
    notInstead: 'Not a Deployment: a replica count would not follow the nodes.',
    docs: `${K8S}/concepts/workloads/controllers/daemonset/`,
  },
  Job: {
    why:
      'the service runs once to completion (a migration, a seed, a batch step). A Job runs its pod until it succeeds, retrying a failed one up to backoffLimit, and then stays completed; other pods can wait for that.',
    notInstead: 'Not a Deployment: it would restart the finished container forever.',
    docs: `${K8S}/concepts/workloads/controllers/job/`,
  },
  CronJob: {
    why: 'the service runs on a schedule: a CronJob creates a Job at each time of the schedule, and each Job runs its pod once to completion.',
    notInstead: 'Not a Job: one Job runs once; the schedule needs a new one each time.',
    docs: `${K8S}/concepts/workloads/controllers/cron-jobs/`,
  },
  Service: {
    why:
      'service discovery and load balancing. Pods come and go with new addresses; a Service gives the compose name a stable DNS name (`<service>` in the namespace, as on the compose network) and spreads connections over the pods that are ready.',
    notInstead: 'Pods cannot be reached reliably by their own addresses, and an Ingress only routes HTTP from outside to a Service.',
    docs: `${K8S}/concepts/services-networking/service/`,
  },
  PersistentVolumeClaim: {
    why:
      "persistent volumes. A named volume outlives its containers; a claim asks the cluster's storage for a volume that outlives every pod that mounts it, and follows a rescheduled pod to another node where the storage allows.",
    notInstead: 'Not an emptyDir: that lives and dies with one pod. Not a directory of the node: that is one node\'s disk, and a pod may run on any node.',
    docs: `${K8S}/concepts/storage/persistent-volumes/`,
  },
  ConfigMap: {
    why: 'configuration kept apart from the image: the pods read it as files or environment variables, as compose configs, env_file and bind-mounted project files are read.',
    notInstead: 'Not a Secret: nothing in it looks secret (secret files and secret-looking variables go to a Secret).',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  Secret: {
    why:
      'sensitive values kept apart from the image and from plain configuration: only the pods that mount it read it, and the cluster can encrypt it at rest. Compose secrets are mounted at /run/secrets/<name>, as Compose does.',
    notInstead: 'Not a ConfigMap: ConfigMaps are meant to be read by anyone who can read the namespace.',
    docs: `${K8S}/concepts/configuration/secret/`,
  },
  NetworkPolicy: {
    why:
      'network isolation. Containers on different compose networks cannot reach each other; in a cluster every pod can reach every pod, so NetworkPolicies allow only the traffic the compose networks allowed (the network plugin of the cluster enforces them).',
    docs: `${K8S}/concepts/services-networking/network-policies/`,
  },
  ServiceAccount: {
    why: 'an identity for the pods, so what they may do with the Kubernetes API (read the status of the Jobs they wait for) is granted to them alone.',
    notInstead: "Not the namespace's default account: permissions granted to it would apply to every pod of the namespace.",
    docs: `${K8S}/concepts/security/service-accounts/`,
  },
  Role: {
    why: 'the permissions the pods need, and no more: reading the status of the Jobs they wait for (depends_on with service_completed_successfully).',
    notInstead: 'Not a ClusterRole: the permission stays inside the namespace.',
    docs: `${K8S}/reference/access-authn-authz/rbac/`,
  },
  RoleBinding: {
    why: 'grants the Role to the ServiceAccount of the pods; without it the account may do nothing.',
    docs: `${K8S}/reference/access-authn-authz/rbac/`,
  },
  HorizontalPodAutoscaler: {
    why: 'scaling by load: it adds replicas when the pods use more CPU or memory than the target, and removes them when the load falls, between a minimum and a maximum.',
    notInstead: 'Not a fixed `replicas`: that never follows the load.',
    docs: `${K8S}/tasks/run-application/horizontal-pod-autoscale/`,
  },
  Ingress: {
    why: 'HTTP routing from outside the cluster: requests for a host name and path go to the Service, through the ingress controller of the cluster (TLS included when asked).',
    notInstead: 'Not a LoadBalancer Service: that gives each service an address of its own, without host or path routing.',
    docs: `${K8S}/concepts/services-networking/ingress/`,
  },
  Namespace: {
    why:
      'a namespace holds the objects of one project, as a compose project holds its containers, networks and volumes: Service and claim names are unique inside it, so two projects in two namespaces cannot clash, and `kubectl delete namespace` removes the project.',
    docs: `${K8S}/concepts/overview/working-with-objects/namespaces/`,
  },
};
