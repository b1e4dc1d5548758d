/** Plain JSON data: what a Kubernetes object is once read, whatever file or library it came from. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A deep copy as plain JSON data: objects with `toJSON` (kubernetes-models instances) by their
 * JSON, `undefined` fields left out, as `JSON.parse(JSON.stringify(value))` would, without the text.
 */
export function toPlain(value: unknown): Json {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value === undefined ? null : (value as Json);
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toPlain(v)));
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') {
    const json = withJson.toJSON();
    if (json !== value) return toPlain(json);
  }
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function') continue;
    out[key] = toPlain(v);
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.hasOwn(b as object, k) || !deepEqual((a as JsonObject)[k], (b as JsonObject)[k])) return false;
  return true;
}

/** The value at a dotted path of keys (no list steps), or undefined. */
export function getPath(node: Json | undefined, path: readonly string[]): Json | undefined {
  let at: Json | undefined = node;
  for (const key of path) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/** Deletes the field at a dotted path; true when it was there. */
export function deletePath(node: Json | undefined, path: readonly string[]): boolean {
  const parent = getPath(node, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (!isObject(parent) || !Object.hasOwn(parent, last)) return false;
  delete parent[last];
  return true;
}

/** The list of objects at `key` of a node (empty when there is none). */
export function objectsAt(node: Json | undefined, key: string): JsonObject[] {
  const value = isObject(node) ? node[key] : undefined;
  return Array.isArray(value) ? value.filter(isObject) : [];
}
