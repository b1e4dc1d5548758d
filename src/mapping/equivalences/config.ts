import { K8S_DOCS as K8S, type Equivalence } from './types.js';

/** A mounted secret or config file cannot get its own owner in Kubernetes: the same two rows for both. */
function ownerRows(kind: 'secrets' | 'configs'): Equivalence[] {
  return [
    {
      key: `services.${kind}.uid`,
      target: '(none)',
      fidelity: 'approximate',
      explanation: 'The file is owned by root; only its mode is set.',
      reason: 'Kubernetes cannot choose the owner of one mounted file; files belong to root and the group of the pod (fsGroup)',
      instead: "make the file readable through its mode (0444 is the default), or set the pod's securityContext.fsGroup and mode 0440",
      docs: `${K8S}/tasks/configure-pod-container/security-context/`,
    },
    {
      key: `services.${kind}.gid`,
      target: '(none)',
      fidelity: 'approximate',
      explanation: 'The file belongs to the group of the pod (fsGroup), not to the gid written here.',
      reason: 'Kubernetes cannot choose the group of one mounted file; files belong to the pod-wide fsGroup',
      instead: "set the pod's securityContext.fsGroup to this gid and the mode to 0440",
      docs: `${K8S}/tasks/configure-pod-container/security-context/`,
    },
  ];
}

/** Rows for configuration and secrets: environment, env_file, configs and secrets. */
export const CONFIG_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'services.environment',
    target: 'containers[].env (value, or valueFrom.secretKeyRef for secret-looking names)',
    fidelity: 'exact',
    explanation:
      'Each variable arrives with the value Compose would pass, as a string; `env` wins over every envFrom source, as `environment` wins over env_file. Names that look secret (PASSWORD, TOKEN, API_KEY...), and values that interpolate a secret variable (`postgres://app:${DB_PASSWORD}@db`), are read from the Secret <service>-env-secret.',
    docs: `${K8S}/tasks/inject-data-application/define-environment-variable-container/`,
  },
  {
    key: 'services.env_file',
    target: 'ConfigMap <service>-env[-<n>] + containers[].envFrom',
    fidelity: 'exact',
    explanation:
      'Each env file becomes a ConfigMap listed in envFrom in file order: Kubernetes takes a key from the last source that has it, as Compose takes it from the last file; secret-looking names and values made from secrets go to the Secret, names envFrom would skip to `env`.',
    docs: `${K8S}/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables`,
  },
  {
    key: 'services.env_file.path',
    target: 'ConfigMap <service>-env[-<n>]',
    fidelity: 'exact',
    explanation: 'The file is read at convert time, relative to the compose file that names it.',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  {
    key: 'services.env_file.required',
    target: '(loading)',
    fidelity: 'exact',
    explanation: 'A missing optional file is skipped, as Compose skips it; a missing required one is an error.',
    docs: 'https://docs.docker.com/reference/compose-file/services/#env_file',
  },
  {
    key: 'services.env_file.format',
    target: '(loading)',
    fidelity: 'exact',
    explanation: 'With `format: raw` the values are taken as written, without quotes or interpolation, as Compose does.',
    docs: 'https://docs.docker.com/reference/compose-file/services/#env_file',
  },
  {
    key: 'secrets',
    target: 'Secret (v1)',
    fidelity: 'exact',
    explanation: 'One Secret per compose secret, with the bytes of its file or variable base64-encoded under one key.',
    docs: `${K8S}/concepts/configuration/secret/`,
  },
  {
    key: 'secrets.file',
    target: 'Secret.data',
    fidelity: 'exact',
    explanation: 'The file is read at convert time; its exact bytes are the Secret value.',
    docs: `${K8S}/concepts/configuration/secret/`,
  },
  {
    key: 'secrets.environment',
    target: 'Secret.data',
    fidelity: 'exact',
    explanation: 'The value of the variable in the environment of compose2kube at convert time is the Secret value.',
    docs: `${K8S}/concepts/configuration/secret/`,
  },
  {
    key: 'secrets.name',
    target: 'Secret.metadata.name',
    fidelity: 'exact',
    explanation: 'The name the platform knows the secret by names the Secret (made a valid Kubernetes name).',
    docs: `${K8S}/concepts/overview/working-with-objects/names/`,
  },
  {
    key: 'secrets.external',
    target: 'an existing Secret',
    fidelity: 'exact',
    explanation: 'Nothing is created: pods mount the existing Secret named by `name` (or the key), whose key is the compose secret name; a warning says how to create it.',
    docs: `${K8S}/concepts/configuration/secret/#creating-a-secret`,
  },
  {
    key: 'services.secrets',
    target: 'projected volume at /run/secrets (or a subPath mount for an absolute target)',
    fidelity: 'exact',
    explanation:
      'The secrets of a service are files side by side in /run/secrets, from one projected volume that keeps receiving updates; mode defaults to 0444 as in Compose.',
    docs: `${K8S}/concepts/storage/projected-volumes/`,
  },
  {
    key: 'services.secrets.source',
    target: 'the Secret of that secret',
    fidelity: 'exact',
    explanation: 'Names the top-level secret whose Secret is mounted.',
    docs: `${K8S}/concepts/configuration/secret/`,
  },
  {
    key: 'services.secrets.target',
    target: 'projected items[].path, or mountPath + subPath',
    fidelity: 'exact',
    explanation: 'A name is a file in /run/secrets; an absolute path is mounted there on its own.',
    docs: `${K8S}/concepts/storage/volumes/#using-subpath`,
  },
  {
    key: 'services.secrets.mode',
    target: 'projected items[].mode / secret defaultMode',
    fidelity: 'exact',
    explanation: 'The file gets the same permission bits.',
    docs: `${K8S}/concepts/configuration/secret/#using-secrets-as-files-from-a-pod`,
  },
  ...ownerRows('secrets'),
  {
    key: 'configs',
    target: 'ConfigMap (v1)',
    fidelity: 'exact',
    explanation: 'One ConfigMap per compose config; text under data, anything that is not UTF-8 under binaryData.',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  {
    key: 'configs.file',
    target: 'ConfigMap.data / binaryData',
    fidelity: 'exact',
    explanation: 'The file is read at convert time; its exact bytes are the ConfigMap value.',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  {
    key: 'configs.content',
    target: 'ConfigMap.data',
    fidelity: 'exact',
    explanation: 'The inline content (interpolated, as Compose does) is the ConfigMap value.',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  {
    key: 'configs.environment',
    target: 'ConfigMap.data',
    fidelity: 'exact',
    explanation: 'The value of the variable in the environment of compose2kube at convert time is the ConfigMap value.',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  {
    key: 'configs.name',
    target: 'ConfigMap.metadata.name',
    fidelity: 'exact',
    explanation: 'The name the platform knows the config by names the ConfigMap (made a valid Kubernetes name).',
    docs: `${K8S}/concepts/overview/working-with-objects/names/`,
  },
  {
    key: 'configs.external',
    target: 'an existing ConfigMap',
    fidelity: 'exact',
    explanation: 'Nothing is created: pods mount the existing ConfigMap named by `name` (or the key), whose key is the compose config name; a warning says how to create it.',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  {
    key: 'services.configs',
    target: 'configMap volume + subPath volumeMount',
    fidelity: 'exact',
    explanation:
      'Each config is one file at its target (default /<name>) with mode 0444 unless set; the subPath mount leaves the other files of that directory in place, like the bind mount Compose uses.',
    docs: `${K8S}/concepts/storage/volumes/#using-subpath`,
  },
  {
    key: 'services.configs.source',
    target: 'the ConfigMap of that config',
    fidelity: 'exact',
    explanation: 'Names the top-level config whose ConfigMap is mounted.',
    docs: `${K8S}/concepts/configuration/configmap/`,
  },
  {
    key: 'services.configs.target',
    target: 'volumeMounts[].mountPath + subPath',
    fidelity: 'exact',
    explanation: 'The file appears at that absolute path (default /<name>).',
    docs: `${K8S}/concepts/storage/volumes/#using-subpath`,
  },
  {
    key: 'services.configs.mode',
    target: 'configMap defaultMode',
    fidelity: 'exact',
    explanation: 'The file gets the same permission bits.',
    docs: `${K8S}/concepts/configuration/configmap/#using-configmaps-as-files-from-a-pod`,
  },
  ...ownerRows('configs'),
];
