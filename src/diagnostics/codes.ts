/**
 * Every diagnostic the tool can produce, in one table (like Vue's compiler error codes).
 * The key is the stable code users can search for; `severity` is the default.
 * Add a row here before emitting a new code.
 */
export const DIAGNOSTIC_CODES = {
  // input / usage
  'no-compose-file': { severity: 'error', summary: 'no compose file found' },
  'compose-file-ambiguous': { severity: 'warning', summary: 'several default compose file names exist; Compose uses the first' },
  'project-name': { severity: 'error', summary: 'the project name is not valid or is empty' },
  'file-not-found': { severity: 'error', summary: 'a file named by the project does not exist' },
  'file-too-large': { severity: 'error', summary: 'a compose or env file is larger than the 16 MiB the tool reads' },
  'file-encoding': { severity: 'error', summary: 'a compose or env file is not UTF-8 text, or holds control characters YAML does not allow' },
  'file-unreadable': { severity: 'error', summary: 'a file named by the project exists but cannot be read (permissions)' },
  'usage': { severity: 'error', summary: 'invalid command-line usage' },
  'output-write-failed': { severity: 'error', summary: 'an output file could not be written' },
  'output-exists': { severity: 'error', summary: 'an output file exists and was not written by compose2kube (use --force to replace it)' },

  // YAML
  'yaml-syntax': { severity: 'error', summary: 'YAML syntax error' },
  'yaml-duplicate-key': { severity: 'error', summary: 'a mapping has the same key twice' },
  'yaml-warning': { severity: 'warning', summary: 'YAML parser warning' },
  'yaml-not-a-mapping': { severity: 'error', summary: 'the top level of a compose file must be a mapping' },
  'yaml-non-string-key': { severity: 'error', summary: 'mapping keys must be strings' },
  'yaml-too-large': { severity: 'error', summary: 'aliases expand the document beyond the size the tool reads, or it nests too deep' },

  // interpolation and environment
  'interpolation-unset': { severity: 'warning', summary: 'a variable is not set and defaults to an empty string' },
  'interpolation-required': { severity: 'error', summary: 'a required variable is missing' },
  'interpolation-syntax': { severity: 'error', summary: 'invalid interpolation syntax' },
  'dotenv-syntax': { severity: 'error', summary: 'invalid line in an environment file' },
  'outside-project': { severity: 'warning', summary: 'an env_file, a secret or config file, or an included file is outside the project directory: its content ends up in the cluster' },
  'env-file-missing': { severity: 'error', summary: 'a required env_file does not exist' },

  // schema and structure
  'schema': { severity: 'error', summary: 'the compose file does not match the compose schema' },
  'schema-unknown-key': { severity: 'error', summary: 'a key is not part of the compose specification' },
  'merge-conflict': { severity: 'error', summary: 'files cannot be merged' },
  'extends-cycle': { severity: 'error', summary: 'extends forms a cycle' },
  'extends-missing': { severity: 'error', summary: 'extends names a service that does not exist' },
  'include-cycle': { severity: 'error', summary: 'include forms a cycle' },
  'include-conflict': { severity: 'error', summary: 'an included file defines a resource that already exists' },
  'profile-unknown': { severity: 'warning', summary: 'a selected profile is not used by any service' },
  'dependency-cycle': { severity: 'error', summary: 'services depend on each other in a cycle (depends_on, links, volumes_from, network_mode, ipc, pid)' },
  'undefined-reference': { severity: 'error', summary: 'a service refers to a volume, network, secret, config or service that is not defined' },
  'no-services': { severity: 'error', summary: 'the project has no services' },
  'nothing-converted': { severity: 'warning', summary: 'the project converts to no objects: it has no services, or every service is behind a profile that is not enabled' },
  'invalid-value': { severity: 'error', summary: 'a value cannot be understood' },
  'kubernetes-rejects': { severity: 'error', summary: 'a value Docker Compose accepts, but the Kubernetes API server or the kubelet would refuse' },
  'reserved-name': { severity: 'error', summary: 'a service, volume, network, secret or config is named `__proto__`, a name the tool cannot hold' },
  'image-reference': { severity: 'error', summary: 'an image is not a valid image reference (often an interpolation left it broken: `nginx:` when TAG is unset)' },

  // mapping
  'name-changed': { severity: 'warning', summary: 'a name was changed to be a valid Kubernetes name' },
  'name-collision': { severity: 'error', summary: 'two compose names map to the same Kubernetes name' },
  'build-needs-push': { severity: 'warning', summary: 'an image is built locally and must be pushed to a registry' },
  'unmapped-key': { severity: 'warning', summary: 'a compose key has no Kubernetes equivalent yet and was not converted' },
  'unsupported': { severity: 'warning', summary: 'a compose key cannot be expressed in Kubernetes' },
  'approximate': { severity: 'warning', summary: 'a compose key is converted with a different behaviour' },
  'env-from-process': { severity: 'info', summary: 'an environment value was taken from the environment of the convert process' },
  'port-conflict': { severity: 'warning', summary: 'two ports of a service clash' },
  'too-many-ports': { severity: 'warning', summary: 'a service has more ports than a Service can list (port ranges); its Service is headless and lists none' },
  'insecure': { severity: 'warning', summary: 'a setting weakens isolation' },
  'autoscaling-without-requests': { severity: 'warning', summary: 'an autoscaler targets the utilization of a resource the pods do not request' },
  'ingress-without-port': { severity: 'warning', summary: 'an Ingress was asked for, but the service has no TCP port to send traffic to' },
  'x-kubernetes': { severity: 'error', summary: 'invalid x-kubernetes extension' },
  'env-name': { severity: 'warning', summary: 'an environment variable name is not portable to every Kubernetes version' },
  'too-large': { severity: 'warning', summary: 'content is bigger than a ConfigMap or Secret can hold (1 MiB)' },
  'copy-host-data': { severity: 'warning', summary: 'a host directory became a new, empty PersistentVolumeClaim: its data must be copied into it' },
  'omitted-mount': { severity: 'info', summary: 'a bind mount is left out, as --bind-mounts omit or x-kubernetes asks' },
  'external-object': { severity: 'warning', summary: 'an external secret or config must be created in the cluster before deploying' },
  'secret-in-plain-text': { severity: 'warning', summary: 'a field interpolates a secret and Kubernetes cannot read it from a Secret: the value is copied in plain text' },
  'kubernetes-schema': { severity: 'error', summary: 'convert --validate: an emitted object does not match the Kubernetes OpenAPI schema (the kubernetes-models validators)' },
  'kompose-label': { severity: 'warning', summary: 'a kompose.* label is not read, or has a value that cannot be used; it is ignored' },

  // diff (`diff --against`, `diff --cluster`, `convert --dry-run`)
  'manifest-not-found': { severity: 'error', summary: 'a manifest path to compare with does not exist or cannot be read' },
  'json-syntax': { severity: 'error', summary: 'a JSON manifest is not valid JSON' },
  'manifest-invalid': { severity: 'error', summary: 'a manifest document is not a Kubernetes object (apiVersion, kind and metadata.name)' },
  'manifest-duplicate': { severity: 'warning', summary: 'the manifests define the same object twice; the last one is compared, as kubectl apply would leave it' },
  'kubectl-missing': { severity: 'error', summary: 'kubectl is needed for diff --cluster and was not found on PATH' },
  'cluster-unreachable': { severity: 'error', summary: 'kubectl could not reach the cluster' },
  'kubectl-failed': { severity: 'error', summary: 'kubectl diff failed' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type Severity = 'error' | 'warning' | 'info';
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
