import { isObject, type JsonObject } from './json.js';

/** What makes two manifests the same object of a cluster: API group, kind, namespace and name. */
export interface ObjectId {
  apiVersion: string;
  group: string;
  kind: string;
  /** Undefined when the manifest leaves it to the command that applies it (`kubectl apply -n`). */
  namespace?: string;
  name: string;
}

/** Kinds that live outside namespaces (a namespace written on them is ignored by the API server). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'RuntimeClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The identity of an object; objects without a namespace take `defaultNamespace` when one is given. */
export function identityOf(object: JsonObject, defaultNamespace?: string): ObjectId {
  const apiVersion = String(object.apiVersion);
  const slash = apiVersion.indexOf('/');
  const kind = String(object.kind);
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const written = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const id: ObjectId = { apiVersion, group: slash < 0 ? '' : apiVersion.slice(0, slash), kind, name: String(metadata.name) };
  const namespace = isClusterScoped(kind) ? undefined : (written ?? defaultNamespace);
  if (namespace !== undefined) id.namespace = namespace;
  return id;
}

/** Group, kind and name: objects that are the same when their namespaces are (or one is not set). */
export function nameKey(id: ObjectId): string {
  return `${id.group}\u0000${id.kind}\u0000${id.name}`;
}

/** `Deployment web`, `Deployment shop/web`. */
export function describeId(id: ObjectId): string {
  return `${id.kind} ${id.namespace !== undefined ? `${id.namespace}/` : ''}${id.name}`;
}
