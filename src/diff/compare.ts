import { ASSIGNED, SERVER_DEFAULTS } from './defaults.js';
import { deepEqual, isObject, type Json, type JsonObject } from './json.js';
import { removedDefault } from './normalize.js';
import { sameQuantity } from './quantity.js';

/** One step of a field path: a key, a list item by its key field, or a list item by position. */
export type PathStep = string | { index: number } | { field: string; value: string };

export interface FieldChange {
  steps: PathStep[];
  /** `spec.template.spec.containers[name=web].image` */
  path: string;
  type: 'added' | 'removed' | 'changed' | 'reordered';
  /** The existing value (absent when added). */
  before?: Json;
  /** The value converting would write (absent when removed). */
  after?: Json;
  /** Keys and list positions of the field in the existing object, to find where it is written. */
  beforeAt?: (string | number)[];
}

export interface Comparison {
  changes: FieldChange[];
  /**
   * The existing object arranged like the new one (its key order, its order of named list items,
   * its spelling of equal quantities) without the fields a server assigned: what a readable
   * line diff of the two is made from.
   */
  aligned: JsonObject;
}

/** Lists of named items whose order means something: init containers run in turn, env entries can refer to earlier ones. */
const ORDERED_LISTS = new Set(['initContainers', 'env']);

/** Fields that identify an item of a list when its items have no unique `name` (the strategic merge keys). */
const ITEM_KEYS: Record<string, readonly string[]> = {
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  ports: ['containerPort', 'port'],
  hostAliases: ['ip'],
  items: ['key', 'path'],
  topologySpreadConstraints: ['topologyKey'],
  readinessGates: ['conditionType'],
  imagePullSecrets: ['name'],
};

/** Maps of quantities, and whether the API server rounds them up to thousandths. */
const QUANTITY_MAPS: Record<string, boolean> = { requests: true, limits: true, overhead: true, hard: true, capacity: false, allocatable: false, used: false };
const QUANTITY_FIELDS = new Set(['sizeLimit', 'divisor', 'averageValue']);

interface At {
  steps: PathStep[];
  /** The path with every list step as `[]`, to match ASSIGNED rows. */
  pattern: string;
  beforeAt: (string | number)[];
  key: string;
  parentKey: string;
}

/**
 * The field-by-field differences between what converting would write (`after`) and what exists
 * (`before`), both normalized. Lists of named items are matched by name (or by their merge key),
 * not by position; other lists item by item; lists of plain values as a whole.
 */
export function compareObjects(after: JsonObject, before: JsonObject, kind: string): Comparison {
  const assigned = new Set(ASSIGNED.filter((a) => a.kinds.includes('*') || a.kinds.includes(kind)).map((a) => a.field));
  // Fields of this kind with one default: a value removed in favour of the default shows what it becomes.
  const defaults = new Map(SERVER_DEFAULTS.filter((d) => d.scope === kind && d.value !== undefined && !d.is && !d.when).map((d) => [d.field, d.value!]));
  const changes: FieldChange[] = [];
  const push = (at: At, type: FieldChange['type'], values: { before?: Json; after?: Json }) => {
    const change: FieldChange = { steps: at.steps, path: formatPath(at.steps), type, ...values };
    if (type !== 'added') change.beforeAt = at.beforeAt;
    changes.push(change);
  };

  const value = (a: Json, b: Json, at: At): Json => {
    if (isObject(a) && isObject(b)) return map(a, b, at);
    if (Array.isArray(a) && Array.isArray(b)) return list(a, b, at);
    if (a === b || deepEqual(a, b)) return b;
    const roundsToMilli = QUANTITY_MAPS[at.parentKey];
    const quantity = roundsToMilli !== undefined || QUANTITY_FIELDS.has(at.key) || (at.parentKey === 'target' && at.key === 'value');
    if (quantity && sameQuantity(a, b, roundsToMilli === true)) return a;
    push(at, 'changed', { before: b, after: a });
    return b;
  };

  const map = (a: JsonObject, b: JsonObject, at: At): JsonObject => {
    const aligned: JsonObject = {};
    for (const key of Object.keys(a)) {
      const inner = keyAt(at, key);
      if (Object.hasOwn(b, key)) aligned[key] = value(a[key]!, b[key]!, inner);
      else if (removedDefault(b, key) !== undefined) push(inner, 'changed', { before: removedDefault(b, key)!, after: a[key]! });
      else push(inner, 'added', { after: a[key]! });
    }
    for (const key of Object.keys(b)) {
      if (Object.hasOwn(a, key)) continue;
      const inner = keyAt(at, key);
      if (assigned.has(inner.pattern)) continue;
      // Written with a value other than the default that converting leaves to the server.
      const becomes = removedDefault(a, key) ?? defaults.get(inner.pattern);
      if (becomes !== undefined) push(inner, 'changed', { before: b[key]!, after: becomes });
      else push(inner, 'removed', { before: b[key]! });
      aligned[key] = b[key]!;
    }
    return aligned;
  };

  const list = (a: Json[], b: Json[], at: At): Json[] => {
    if (![...a, ...b].every(isObject)) {
      if (!deepEqual(a, b)) push(at, 'changed', { before: b, after: a });
      return b;
    }
    const as = a as JsonObject[];
    const bs = b as JsonObject[];
    const keyOf = itemKey(at.key, as, bs);
    if (!keyOf) {
      const aligned = bs.map((item, i) => (i < as.length ? value(as[i]!, item, indexAt(at, i, i)) : item));
      for (let i = bs.length; i < as.length; i++) push(indexAt(at, i, i), 'added', { after: as[i]! });
      for (let i = as.length; i < bs.length; i++) push(indexAt(at, i, i), 'removed', { before: bs[i]! });
      return aligned;
    }
    const beforeByKey = new Map(bs.map((item, i) => [keyOf(item), { item, i }]));
    const afterKeys = new Set(as.map(keyOf));
    const alignedByKey = new Map<string, Json>();
    for (const item of as) {
      const k = keyOf(item);
      const match = beforeByKey.get(k);
      const inner = itemAt(at, k, match?.i);
      if (match) alignedByKey.set(k, value(item, match.item, inner));
      else push(inner, 'added', { after: item });
    }
    for (const [k, { item, i }] of beforeByKey) {
      if (afterKeys.has(k)) continue;
      push(itemAt(at, k, i), 'removed', { before: item });
      alignedByKey.set(k, item);
    }
    if (ORDERED_LISTS.has(at.key)) {
      const common = (keys: string[]) => keys.filter((k) => afterKeys.has(k) && beforeByKey.has(k));
      const beforeOrder = common(bs.map(keyOf));
      const afterOrder = common(as.map(keyOf));
      if (!deepEqual(beforeOrder, afterOrder)) push(at, 'reordered', { before: beforeOrder.map(itemLabel), after: afterOrder.map(itemLabel) });
      return bs.map((item) => alignedByKey.get(keyOf(item))!);
    }
    const order = [...as.map(keyOf).filter((k) => beforeByKey.has(k)), ...bs.map(keyOf).filter((k) => !afterKeys.has(k))];
    return order.map((k) => alignedByKey.get(k)!);
  };

  const root: At = { steps: [], pattern: '', beforeAt: [], key: '', parentKey: '' };
  const aligned = map(after, before, root);
  return { changes, aligned };
}

function keyAt(at: At, key: string): At {
  return { steps: [...at.steps, key], pattern: at.pattern ? `${at.pattern}.${key}` : key, beforeAt: [...at.beforeAt, key], key, parentKey: at.key };
}

function indexAt(at: At, index: number, beforeIndex: number): At {
  return { steps: [...at.steps, { index }], pattern: `${at.pattern}[]`, beforeAt: [...at.beforeAt, beforeIndex], key: '', parentKey: at.key };
}

function itemAt(at: At, key: string, beforeIndex: number | undefined): At {
  const eq = key.indexOf('=');
  const step = { field: key.slice(0, eq), value: key.slice(eq + 1) };
  return { steps: [...at.steps, step], pattern: `${at.pattern}[]`, beforeAt: beforeIndex === undefined ? at.beforeAt : [...at.beforeAt, beforeIndex], key: '', parentKey: at.key };
}

function itemLabel(key: string): string {
  return key.slice(key.indexOf('=') + 1);
}

/**
 * How the items of a list are told apart: `name=...` when every item on both sides has a unique
 * name, else the list's merge key when it is unique, else undefined (by position).
 */
function itemKey(field: string, a: JsonObject[], b: JsonObject[]): ((item: JsonObject) => string) | undefined {
  const unique = (key: (item: JsonObject) => string | undefined) => {
    for (const side of [a, b]) {
      const seen = new Set<string>();
      for (const item of side) {
        const k = key(item);
        if (k === undefined || seen.has(k)) return false;
        seen.add(k);
      }
    }
    return true;
  };
  const byName = (item: JsonObject) => (typeof item.name === 'string' && item.name !== '' ? `name=${item.name}` : undefined);
  if (unique(byName)) return (item) => byName(item)!;
  for (const field_ of ITEM_KEYS[field] ?? []) {
    const byField = (item: JsonObject) => {
      const v = item[field_];
      if (typeof v !== 'string' && typeof v !== 'number') return undefined;
      // Ports are told apart by number and protocol (TCP was normalized away).
      const protocol = field === 'ports' && typeof item.protocol === 'string' ? `/${item.protocol}` : '';
      return `${field_}=${v}${protocol}`;
    };
    if (unique(byField)) return (item) => byField(item)!;
  }
  return undefined;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `spec.template.spec.containers[name=web].env[name=DEBUG].value`, `metadata.labels["app.kubernetes.io/name"]`. */
export function formatPath(steps: readonly PathStep[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'string') out += PLAIN_KEY.test(step) ? `${out ? '.' : ''}${step}` : `[${JSON.stringify(step)}]`;
    else if ('index' in step) out += `[${step.index}]`;
    else out += `[${step.field}=${step.value}]`;
  }
  return out || '(the whole object)';
}
