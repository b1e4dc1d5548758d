import {
  DATA_MAPS,
  FALSE_IS_ABSENT,
  JOB_CONTROLLER_LABELS,
  SERVER_ANNOTATIONS,
  SERVER_DEFAULTS,
  SERVER_METADATA,
  type Scope,
  type ScopeContext,
  type ServerDefault,
} from './defaults.js';
import { deepEqual, isObject, objectsAt, toPlain, type Json, type JsonObject } from './json.js';

/**
 * An object as it means, not as it is written: a deep copy without what a server adds (status,
 * server metadata, the defaults of defaults.ts), with Secret data in one canonical form, and
 * without fields whose value means the same as leaving them out (null, empty, `""`, some `false`).
 * Two manifests of the same object normalize to equal data.
 */
export function normalize(raw: unknown): JsonObject {
  const obj = toPlain(raw) as JsonObject;
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  delete obj.status;
  cleanMetadata(obj.metadata);
  if (kind === 'Namespace') dropNamespaceLabel(obj);
  if (kind === 'Secret') canonicalSecret(obj);
  if (kind === 'ConfigMap' && isObject(obj.binaryData)) canonicalBase64(obj.binaryData);
  if (kind === 'Job') dropJobControllerLabels(obj);
  if (kind === 'StatefulSet') cleanClaimTemplates(obj);
  for (const [scope, node, ctx] of scopes(obj, kind)) applyDefaults(scope, node, ctx);
  return (prune(obj, '', false, undefined) as JsonObject | undefined) ?? {};
}

/** The defaults normalize removed, by the map they were removed from: a change to or from a default shows its value. */
const removedDefaults = new WeakMap<JsonObject, Map<string, Json>>();

/** The default value `normalize` removed from `node` at `key`, if it removed one. */
export function removedDefault(node: JsonObject, key: string): Json | undefined {
  return removedDefaults.get(node)?.get(key);
}

const RULES_BY_SCOPE = new Map<Scope, ServerDefault[]>();
for (const rule of SERVER_DEFAULTS) RULES_BY_SCOPE.set(rule.scope, [...(RULES_BY_SCOPE.get(rule.scope) ?? []), rule]);

function applyDefaults(scope: Scope, node: JsonObject, ctx: ScopeContext): void {
  for (const rule of RULES_BY_SCOPE.get(scope) ?? []) {
    if (rule.when && !rule.when(node)) continue;
    for (const [parent, key] of holders(node, rule.field.split('.'))) {
      const value = parent[key]!;
      if (!(rule.is ? rule.is(value, node, ctx) : deepEqual(value, rule.value))) continue;
      delete parent[key];
      const removed = removedDefaults.get(parent) ?? new Map<string, Json>();
      removed.set(key, value);
      removedDefaults.set(parent, removed);
    }
  }
}

/** The maps that hold the field a path names (`a.b[].c`: `c` of every item of `a.b`). */
function holders(node: JsonObject, steps: string[]): [JsonObject, string][] {
  let at: JsonObject[] = [node];
  for (let i = 0; i < steps.length - 1; i++) {
    const step = steps[i]!;
    const list = step.endsWith('[]');
    const key = list ? step.slice(0, -2) : step;
    const next: JsonObject[] = [];
    for (const n of at) {
      const v = n[key];
      if (list) next.push(...(Array.isArray(v) ? v.filter(isObject) : []));
      else if (isObject(v)) next.push(v);
    }
    at = next;
  }
  const last = steps[steps.length - 1]!;
  return at.filter((n) => Object.hasOwn(n, last)).map((n) => [n, last]);
}

/** Every part of the object a scope of defaults.ts names, with its pod when it is inside one. */
function* scopes(obj: JsonObject, kind: string): Generator<[Scope, JsonObject, ScopeContext]> {
  const spec = isObject(obj.spec) ? obj.spec : undefined;
  yield [kind as Scope, obj, {}];
  if (kind === 'Job' && spec) yield ['job', spec, {}];
  const jobTemplateSpec = kind === 'CronJob' ? child(child(spec, 'jobTemplate'), 'spec') : undefined;
  if (jobTemplateSpec) yield ['job', jobTemplateSpec, {}];
  for (const pod of podSpecs(obj, kind)) {
    yield ['pod', pod, {}];
    foldServiceAccountAlias(pod);
    for (const volume of objectsAt(pod, 'volumes')) {
      if (Object.keys(volume).every((k) => k === 'name')) volume.emptyDir = {};
      yield ['volume', volume, { pod }];
      const claim = child(child(child(volume, 'ephemeral'), 'volumeClaimTemplate'), 'spec');
      if (claim) yield ['claim', claim, { pod }];
    }
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      for (const container of objectsAt(pod, list)) {
        yield ['container', container, { pod }];
        requestsFromLimits(child(container, 'resources'));
        for (const port of objectsAt(container, 'ports')) yield ['containerPort', port, { pod }];
        for (const env of objectsAt(container, 'env')) yield ['envVar', env, { pod }];
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          const p = child(container, probe);
          if (!p) continue;
          yield ['probe', p, { pod }];
          const get = child(p, 'httpGet');
          if (get) yield ['httpGet', get, { pod }];
        }
        for (const hook of ['postStart', 'preStop']) {
          const get = child(child(child(container, 'lifecycle'), hook), 'httpGet');
          if (get) yield ['httpGet', get, { pod }];
        }
      }
    }
    requestsFromLimits(child(pod, 'resources'));
  }
  if (kind === 'Service') for (const port of objectsAt(spec, 'ports')) yield ['servicePort', port, {}];
  if (kind === 'PersistentVolumeClaim' && spec) yield ['claim', spec, {}];
  if (kind === 'StatefulSet') for (const template of objectsAt(spec, 'volumeClaimTemplates')) if (isObject(template.spec)) yield ['claim', template.spec, {}];
  if (kind === 'NetworkPolicy') {
    for (const rule of [...objectsAt(spec, 'ingress'), ...objectsAt(spec, 'egress')]) for (const port of objectsAt(rule, 'ports')) yield ['networkPolicyPort', port, {}];
  }
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') for (const subject of objectsAt(obj, 'subjects')) yield ['subject', subject, {}];
}

/** The pod specs of an object, by kind. */
function podSpecs(obj: JsonObject, kind: string): JsonObject[] {
  const spec = child(obj, 'spec');
  const templateOf = (s: JsonObject | undefined) => {
    const template = child(s, 'template');
    cleanMetadata(template?.metadata);
    return child(template, 'spec');
  };
  let pod: JsonObject | undefined;
  switch (kind) {
    case 'Pod':
      pod = spec;
      break;
    case 'PodTemplate':
      pod = templateOf(obj);
      break;
    case 'CronJob': {
      const jobTemplate = child(spec, 'jobTemplate');
      cleanMetadata(jobTemplate?.metadata);
      pod = templateOf(child(jobTemplate, 'spec'));
      break;
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      pod = templateOf(spec);
      break;
  }
  return pod ? [pod] : [];
}

function child(node: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = node?.[key];
  return isObject(v) ? v : undefined;
}

const SERVER_METADATA_FIELDS = SERVER_METADATA.map((m) => m.field);
const SERVER_ANNOTATION_KEYS = SERVER_ANNOTATIONS.map((a) => a.key);

/** Server-written metadata, of an object or of a template inside one. */
function cleanMetadata(metadata: Json | undefined): void {
  if (!isObject(metadata)) return;
  for (const field of SERVER_METADATA_FIELDS) delete metadata[field];
  const annotations = metadata.annotations;
  if (isObject(annotations)) for (const key of SERVER_ANNOTATION_KEYS) delete annotations[key];
}

/** The API server labels every namespace with its own name. */
function dropNamespaceLabel(obj: JsonObject): void {
  const metadata = child(obj, 'metadata');
  const labels = child(metadata, 'labels');
  if (labels && labels['kubernetes.io/metadata.name'] === metadata?.name) delete labels['kubernetes.io/metadata.name'];
}

/** The Job controller labels the pods it creates (and a Job without labels) with its identity. */
function dropJobControllerLabels(obj: JsonObject): void {
  for (const labels of [child(child(obj, 'metadata'), 'labels'), child(child(child(child(obj, 'spec'), 'template'), 'metadata'), 'labels')]) {
    if (labels) for (const key of JOB_CONTROLLER_LABELS) delete labels[key];
  }
}

/** A dump writes each claim template as a full PersistentVolumeClaim, status included. */
function cleanClaimTemplates(obj: JsonObject): void {
  for (const template of objectsAt(child(obj, 'spec'), 'volumeClaimTemplates')) {
    if (template.apiVersion === 'v1') delete template.apiVersion;
    if (template.kind === 'PersistentVolumeClaim') delete template.kind;
    delete template.status;
    cleanMetadata(template.metadata);
  }
}

/** `serviceAccount` is the deprecated spelling of `serviceAccountName`; a server writes both. */
function foldServiceAccountAlias(pod: JsonObject): void {
  if (typeof pod.serviceAccount !== 'string') return;
  if (pod.serviceAccountName === undefined) pod.serviceAccountName = pod.serviceAccount;
  if (pod.serviceAccountName === pod.serviceAccount) delete pod.serviceAccount;
}

/** A container that sets a limit and no request for a resource requests the limit. */
function requestsFromLimits(resources: JsonObject | undefined): void {
  const limits = child(resources, 'limits');
  if (!resources || !limits) return;
  const requests = child(resources, 'requests') ?? {};
  for (const [name, value] of Object.entries(limits)) if (!Object.hasOwn(requests, name)) requests[name] = value;
  resources.requests = requests;
}

/**
 * `stringData` is write-only: the server merges it into `data` (base64), where `stringData` wins.
 * Base64 is compared in one spelling (no line breaks, padded).
 */
function canonicalSecret(obj: JsonObject): void {
  const data: JsonObject = isObject(obj.data) ? obj.data : {};
  canonicalBase64(data);
  if (isObject(obj.stringData)) {
    for (const [key, value] of Object.entries(obj.stringData)) data[key] = typeof value === 'string' ? encodeBase64(value) : value;
    delete obj.stringData;
  }
  if (Object.keys(data).length > 0 || obj.data !== undefined) obj.data = data;
}

function canonicalBase64(map: JsonObject): void {
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') continue;
    const compact = value.replace(/\s+/g, '');
    try {
      map[key] = btoa(atob(compact));
    } catch {
      // Not base64: compared as written, and reported as a difference.
    }
  }
}

function encodeBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Volume sources (`emptyDir: {}`) and NetworkPolicy peers (`podSelector: {}`) mean something when empty. */
function keepsEmpty(key: string, itemOf: string | undefined): boolean {
  return key === 'emptyDir' || itemOf === 'volumes' || ((itemOf === 'from' || itemOf === 'to') && (key === 'podSelector' || key === 'namespaceSelector'));
}

/**
 * Drops what means the same as leaving it out. Returns undefined for a value to drop. Entries of
 * data maps (labels, annotations, ConfigMap data...) are values and are kept as they are.
 */
function prune(value: Json, key: string, isDataEntry: boolean, itemOf: string | undefined): Json | undefined {
  if (isDataEntry) return value;
  if (value === null) return undefined;
  if (value === '') return undefined;
  if (value === false && FALSE_IS_ABSENT.includes(key)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => (item === null ? null : (prune(item, '', false, key) ?? (isObject(item) ? {} : item))));
    return items.length === 0 ? undefined : items;
  }
  if (!isObject(value)) return value;
  const entriesAreData = DATA_MAPS.has(key);
  for (const k of Object.keys(value)) {
    const pruned = prune(value[k]!, k, entriesAreData, undefined);
    if (pruned === undefined && !(isObject(value[k]) && keepsEmpty(k, itemOf))) delete value[k];
    else if (pruned !== undefined) value[k] = pruned;
  }
  return Object.keys(value).length === 0 ? undefined : value;
}
