import { Namespace } from '../mapping/kube-models.js';
import type { Project } from '../compose/model.js';
import type { KubeObject, MappedObject } from '../mapping/context.js';
import { labelValue } from '../mapping/names.js';

/** Kinds that live outside any namespace: they take no metadata.namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

/** A namespace name: a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters). */
export function isNamespaceName(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/**
 * Every namespaced object in `namespace`, and every reference that names a namespace with it:
 * the ServiceAccount subjects of RoleBindings (a binding grants to an account of one namespace).
 * Copies the objects; the notes and origins stay.
 */
export function inNamespace(objects: readonly MappedObject[], namespace: string): MappedObject[] {
  return objects.map((mapped) => ({ ...mapped, object: namespaced(mapped.object, namespace) }));
}

function namespaced(object: KubeObject, namespace: string): KubeObject {
  if (CLUSTER_SCOPED.has(object.kind)) return object;
  // metadata.namespace right after the name, where kubectl prints it.
  const { name, ...rest } = object.metadata;
  const out: KubeObject = { ...object, metadata: { name, namespace, ...rest } };
  if ((object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && Array.isArray(object.subjects)) {
    out.subjects = (object.subjects as { kind: string; namespace?: string }[]).map((s) => (s.kind === 'ServiceAccount' ? { ...s, namespace } : s));
  }
  return out;
}

/**
 * The Namespace of `--create-namespace`, first in apply order: a compose project is the unit that
 * owns its names (services, volumes, networks), and a namespace is that unit in Kubernetes.
 */
export function namespaceObject(namespace: string, project: Project): MappedObject {
  const nameEntry = project.node.entries.find((e) => e.key === 'name');
  const loc = nameEntry?.keyLoc ?? project.node.entries[0]?.keyLoc ?? project.node.loc;
  const object = new Namespace({
    metadata: {
      name: namespace,
      labels: { 'app.kubernetes.io/part-of': labelValue(project.name), 'app.kubernetes.io/managed-by': 'compose2kube' },
    },
  }).toJSON() as unknown as KubeObject;
  const named = nameEntry ? '' : ` (the project is named after its directory)`;
  return {
    object,
    origin: { what: `project "${project.name}"`, loc },
    notes: [
      { path: ['metadata', 'name'], loc, key: 'name', detail: `--create-namespace: ${namespace} holds the objects of project "${project.name}"${named}, as the project held its containers, networks and volumes` },
      { path: ['metadata', 'labels'], loc, key: 'name', detail: 'part-of names the project, as on every object' },
    ],
    subject: { section: 'project', name: project.name },
  };
}
