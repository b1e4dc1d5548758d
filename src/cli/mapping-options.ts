import { Option, type Command } from 'commander';
import { isNamespaceName } from '../emit/namespace.js';
import type { BindChoice, MapOptions, ServiceType } from '../mapping/context.js';
import { storageQuantityProblem } from '../mapping/kube-values.js';
import { imageReferenceProblem } from '../util/image-reference.js';

/**
 * The options that change which objects a conversion produces, in one place: `convert` and
 * `diff` both take them, so a diff compares exactly what `convert` with the same options writes.
 * Options that change only how the objects are written (comments, the output location) belong
 * to `convert` alone.
 */
export interface MappingFlags {
  serviceType: ServiceType;
  volumeSize: string;
  networkPolicies?: boolean;
  secretEnv: boolean;
  hostPath?: boolean;
  bindMounts?: BindChoice;
  waitForDependencies: boolean;
  helperImage?: string;
  kubectlImage?: string;
  namespace?: string;
  createNamespace?: boolean;
}

/** What the mapping flags ask of a conversion: the mapper's options and the namespace of every object. */
export interface MappingRequest extends MapOptions {
  namespace?: string;
  createNamespace?: boolean;
}

export function addMappingOptions(cmd: Command): Command {
  return (
    cmd
      .addOption(
        new Option('--service-type <type>', 'Service type for services that publish ports')
          .choices(['ClusterIP', 'NodePort', 'LoadBalancer'])
          .default('ClusterIP'),
      )
      .option('--volume-size <size>', 'storage request of each PersistentVolumeClaim', '1Gi')
      // Declared in this order, neither sets a default: absent means "when the networks isolate services".
      .option('--network-policies', 'always emit NetworkPolicies that keep the isolation of the compose networks')
      .option('--no-network-policies', 'never emit NetworkPolicies (by default they are emitted when the compose networks keep services apart)')
      .option('--no-secret-env', 'keep environment variables whose names look secret (PASSWORD, TOKEN, API_KEY...) in plain env instead of a Secret')
      .addOption(
        new Option('--bind-mounts <choice>', 'what bind mounts of host paths (outside the project) become: a claim to copy the data into, the node\'s path (hostPath), or nothing')
          .choices(['claim', 'host-path', 'omit']),
      )
      .option('--host-path', 'the same as --bind-mounts host-path (Kompose\'s and earlier versions\' flag)')
      .option('--no-wait-for-dependencies', 'leave out the init containers that make a pod wait for the services it depends_on')
      .option('--helper-image <image>', 'image of the wait-for-<dependency> init containers (needs sh, nc, nslookup; default docker.io/library/busybox:1.36.1)')
      .option('--kubectl-image <image>', 'image of the init containers that wait for a Job (needs sh and kubectl; default registry.k8s.io/kubectl)')
      // The namespace is part of each object's identity, so `diff -n NS` compares what `convert -n NS` writes.
      .option('-n, --namespace <namespace>', 'put every namespaced object in this namespace (default: none, the one you apply to); diff also takes manifests that name none to be in it')
      .option('--create-namespace', 'also emit the Namespace, first (its name: --namespace, else the project name)')
  );
}

/** The flags as mapping options, or the usage error that makes them unusable. */
export function mappingOptions(flags: MappingFlags): { options: MappingRequest } | { error: string } {
  if (flags.namespace !== undefined && !isNamespaceName(flags.namespace)) {
    return { error: `--namespace ${JSON.stringify(flags.namespace)} is not a namespace name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters` };
  }
  if (storageQuantityProblem(flags.volumeSize)) {
    return { error: `--volume-size must be a Kubernetes quantity above zero such as 1Gi or 500Mi, got ${JSON.stringify(flags.volumeSize)}` };
  }
  for (const [flag, image] of [['--helper-image', flags.helperImage], ['--kubectl-image', flags.kubectlImage]] as const) {
    const problem = image === undefined ? undefined : imageReferenceProblem(image);
    if (problem) return { error: `${flag} ${JSON.stringify(image)} is not a valid image reference: ${problem}` };
  }
  const helperImages = { ...(flags.helperImage ? { wait: flags.helperImage } : {}), ...(flags.kubectlImage ? { kubectl: flags.kubectlImage } : {}) };
  if (flags.hostPath && flags.bindMounts !== undefined && flags.bindMounts !== 'host-path') {
    return { error: `--host-path means --bind-mounts host-path, which contradicts --bind-mounts ${flags.bindMounts}` };
  }
  return {
    options: {
      serviceType: flags.serviceType,
      volumeSize: flags.volumeSize,
      ...(flags.networkPolicies !== undefined ? { networkPolicies: flags.networkPolicies } : {}),
      secretEnv: flags.secretEnv,
      bindMounts: flags.bindMounts ?? (flags.hostPath ? 'host-path' : 'claim'),
      waitForDependencies: flags.waitForDependencies,
      ...(Object.keys(helperImages).length > 0 ? { helperImages } : {}),
      ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
      ...(flags.createNamespace ? { createNamespace: true } : {}),
    },
  };
}
