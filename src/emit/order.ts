import type { MappedObject } from '../mapping/context.js';

/** Kinds in the order `kubectl apply` can create them: what others refer to comes first. */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'DaemonSet',
  'Deployment',
  'StatefulSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'Ingress',
];

export function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/** Deterministic order: by kind rank, then name; independent of the order transforms ran in. */
export function orderObjects(objects: readonly MappedObject[]): MappedObject[] {
  return [...objects].sort(
    (a, b) =>
      kindRank(a.object.kind) - kindRank(b.object.kind) ||
      a.object.kind.localeCompare(b.object.kind) ||
      a.object.metadata.name.localeCompare(b.object.metadata.name),
  );
}
