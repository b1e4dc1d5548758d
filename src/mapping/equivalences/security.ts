import { K8S_DOCS as K8S, type Equivalence } from './types.js';

const SECURITY_CONTEXT = `${K8S}/tasks/configure-pod-container/security-context/`;
const POD_SECURITY = `${K8S}/concepts/security/pod-security-standards/`;
const ONE_POD = 'run both containers in one pod (containers of a pod can share namespaces), or let them talk over the network';

/** Rows for the keys of security.ts: users, privileges, capabilities, confinement, sysctls, namespaces. */
export const SECURITY_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services.user',
    target: 'containers[].securityContext.runAsUser / runAsGroup',
    fidelity: 'exact',
    explanation: 'A numeric uid[:gid] runs the process as that user and group; Kubernetes does not look user names up in the image.',
    docs: SECURITY_CONTEXT,
  },
  {
    key: 'services.privileged',
    target: 'containers[].securityContext.privileged',
    fidelity: 'exact',
    explanation: 'The container gets every capability and the devices of the node, as a privileged Docker container does.',
    docs: SECURITY_CONTEXT,
  },
  {
    key: 'services.cap_add',
    target: 'containers[].securityContext.capabilities.add',
    fidelity: 'exact',
    explanation: 'The capabilities are added to the runtime default set, named without the CAP_ prefix; ALL adds every one.',
    docs: `${SECURITY_CONTEXT}#set-capabilities-for-a-container`,
  },
  {
    key: 'services.cap_drop',
    target: 'containers[].securityContext.capabilities.drop',
    fidelity: 'exact',
    explanation: 'The capabilities are removed; ALL removes every one first, so cap_add then lists exactly what the container keeps.',
    docs: `${SECURITY_CONTEXT}#set-capabilities-for-a-container`,
  },
  {
    key: 'services.read_only',
    target: 'containers[].securityContext.readOnlyRootFilesystem',
    fidelity: 'exact',
    explanation: 'The image filesystem is mounted read-only; volumes and tmpfs mounts stay writable.',
    docs: SECURITY_CONTEXT,
  },
  {
    key: 'services.group_add',
    target: 'pod securityContext.supplementalGroups',
    fidelity: 'exact',
    explanation: 'The process also belongs to these numeric groups; group names must be written as their gid.',
    docs: SECURITY_CONTEXT,
  },
  {
    key: 'services.security_opt',
    target: 'containers[].securityContext (allowPrivilegeEscalation, seccompProfile, appArmorProfile, seLinuxOptions)',
    fidelity: 'exact',
    explanation: 'Each option becomes the securityContext field with the same effect; options Kubernetes lacks are reported one by one.',
    docs: SECURITY_CONTEXT,
  },
  {
    key: 'services.security_opt.no-new-privileges',
    target: 'containers[].securityContext.allowPrivilegeEscalation: false',
    fidelity: 'exact',
    explanation: 'The process and its children cannot gain privileges (setuid binaries, file capabilities).',
    docs: SECURITY_CONTEXT,
  },
  {
    key: 'services.security_opt.seccomp',
    target: 'securityContext.seccompProfile',
    fidelity: 'exact',
    explanation:
      "Docker filters system calls with its default seccomp profile unless told otherwise; RuntimeDefault is the container runtime's equivalent, unconfined is Unconfined.",
    values: {
      '<file>': {
        fidelity: 'approximate',
        reason: 'Docker reads the profile file when it creates the container; Kubernetes loads a Localhost profile from a directory on each node',
        instead: 'install the file under /var/lib/kubelet/seccomp/ on every node, or manage it with the Security Profiles Operator',
      },
    },
    docs: `${K8S}/tutorials/security/seccomp/`,
  },
  {
    key: 'services.security_opt.apparmor',
    target: 'containers[].securityContext.appArmorProfile',
    fidelity: 'exact',
    explanation: 'unconfined becomes Unconfined; a profile name becomes a Localhost profile of that name.',
    values: {
      '<profile>': {
        fidelity: 'approximate',
        reason: 'the profile must be loaded on every node the pod can run on',
        instead: 'load it with apparmor_parser on each node, or with the Security Profiles Operator',
      },
    },
    docs: `${K8S}/tutorials/security/apparmor/`,
  },
  {
    key: 'services.security_opt.label',
    target: 'containers[].securityContext.seLinuxOptions',
    fidelity: 'approximate',
    explanation: 'user:, role:, type: and level: set the same SELinux fields; disable runs the container as the unconfined type spc_t.',
    reason: 'Docker turns labelling off with disable; Kubernetes can only pick a type, and spc_t is the one container engines use for that',
    instead: 'give the container the SELinux type it needs instead of disabling separation',
    docs: `${SECURITY_CONTEXT}#assign-selinux-labels-to-a-container`,
  },
  {
    key: 'services.sysctls',
    target: 'pod securityContext.sysctls',
    fidelity: 'approximate',
    explanation: "The kernel parameters are set in the pod's namespaces; the safe set works everywhere.",
    reason: 'other namespaced sysctls (most net.*) are "unsafe" for Kubernetes: the kubelet refuses the pod unless it allows them, and node-wide ones are refused outright',
    instead: 'allow them with the kubelet flag --allowed-unsafe-sysctls on the nodes that run the pod, or set node-wide ones on the nodes',
    docs: `${K8S}/tasks/administer-cluster/sysctl-cluster/`,
  },
  {
    key: 'services.pid',
    target: 'pod hostPID',
    fidelity: 'exact',
    explanation: 'host shares the process list of the node with the container, as with Docker.',
    values: {
      'service:<name>': {
        fidelity: 'unsupported',
        reason: 'separate pods cannot share a process namespace',
        instead: 'run both containers in one pod with shareProcessNamespace: true',
      },
      'container:<name>': {
        fidelity: 'unsupported',
        reason: 'a container outside the project has no counterpart in the cluster',
        instead: 'run that container as a service of the project, in the same pod with shareProcessNamespace: true',
      },
    },
    docs: `${K8S}/tasks/configure-pod-container/share-process-namespace/`,
  },
  {
    key: 'services.ipc',
    target: 'pod hostIPC',
    fidelity: 'exact',
    explanation: 'host shares the IPC namespace (shared memory, semaphores) of the node; private and shareable are the default private namespace.',
    values: {
      none: {
        fidelity: 'approximate',
        reason: 'every pod has a private IPC namespace and /dev/shm; it cannot go without',
        instead: 'leave it out',
      },
      'service:<name>': { fidelity: 'unsupported', reason: 'separate pods cannot share an IPC namespace', instead: ONE_POD },
      'container:<name>': { fidelity: 'unsupported', reason: 'a container outside the project has no counterpart in the cluster', instead: ONE_POD },
    },
    docs: POD_SECURITY,
  },
  {
    key: 'services.userns_mode',
    target: 'pod hostUsers',
    fidelity: 'unsupported',
    explanation: 'Pods share the user namespace of the host unless hostUsers is false, so host is the default.',
    values: { host: { fidelity: 'exact' } },
    reason: 'a pod is either in the host user namespace or in one of its own; it cannot join another',
    instead: 'leave it out, or set hostUsers: false on the pod for a user namespace of its own',
    docs: `${K8S}/concepts/workloads/pods/user-namespaces/`,
  },
  {
    key: 'services.uts',
    target: 'pod hostNetwork',
    fidelity: 'unsupported',
    explanation: "A pod has a UTS namespace of its own; it shares the node's only together with its network (network_mode: host).",
    reason: 'a pod can only share the host UTS namespace together with its network (hostNetwork)',
    instead: 'leave it out and set `hostname:` for the name the container sees, or use network_mode: host',
    docs: POD_SECURITY,
  },
  {
    key: 'services.ulimits',
    target: '(none)',
    fidelity: 'unsupported',
    explanation: "Resource limits of a process (open files, processes, locked memory) come from the container runtime's defaults.",
    reason: 'a pod spec has no per-container rlimits',
    instead:
      "raise the soft limit up to the runtime's hard limit in the entrypoint (`ulimit -n 65536 && exec ...`), or configure the default limits of the container runtime on the nodes",
    docs: `${K8S}/concepts/configuration/manage-resources-containers/`,
  },
];
