import type { Loc } from '../util/loc.js';
import { setOwn } from '../util/own.js';

/**
 * The located YAML tree every loader stage works on: plain data, every node knows where it came
 * from. Stages never mutate a tree; they build new nodes (sharing untouched subtrees), so a location
 * always points at the text that produced the value, even after merge, extends and include.
 */
export type YNode = YScalar | YMap | YSeq;

/** `!reset` and `!override` are compose merge tags; other tags are not kept. */
export type MergeTag = '!reset' | '!override';

interface NodeBase {
  loc: Loc;
  tag?: MergeTag;
}

export type ScalarValue = string | number | boolean | null;

export interface YScalar extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
  /** The variables interpolation substituted into this value, in order (absent: none). */
  uses?: readonly VariableUse[];
}

/**
 * A variable one `$NAME` or `${NAME...}` expression read, with its value when it is set. The
 * mapper uses it to keep values made from secrets out of plain objects; it is never printed.
 */
export interface VariableUse {
  name: string;
  value?: string;
}

export interface YEntry {
  key: string;
  keyLoc: Loc;
  value: YNode;
}

export interface YMap extends NodeBase {
  kind: 'map';
  entries: YEntry[];
}

export interface YSeq extends NodeBase {
  kind: 'seq';
  items: YNode[];
}

export const isMap = (n: YNode | undefined): n is YMap => n?.kind === 'map';
export const isSeq = (n: YNode | undefined): n is YSeq => n?.kind === 'seq';
export const isScalar = (n: YNode | undefined): n is YScalar => n?.kind === 'scalar';

export function entry(map: YMap | undefined, key: string): YEntry | undefined {
  return map?.entries.find((e) => e.key === key);
}

export function get(map: YNode | undefined, key: string): YNode | undefined {
  return isMap(map) ? entry(map, key)?.value : undefined;
}

/** Walk a path of keys and indexes. */
export function at(node: YNode | undefined, ...path: (string | number)[]): YNode | undefined {
  let cur = node;
  for (const p of path) {
    if (cur === undefined) return undefined;
    if (typeof p === 'number') cur = isSeq(cur) ? cur.items[p] : undefined;
    else cur = get(cur, p);
  }
  return cur;
}

/** The location of the key (for maps) or item at `path`, falling back to the nearest ancestor. */
export function locAt(node: YNode, ...path: (string | number)[]): Loc {
  let cur: YNode | undefined = node;
  let loc = node.loc;
  for (const p of path) {
    if (cur === undefined) break;
    if (typeof p === 'number') {
      cur = isSeq(cur) ? cur.items[p] : undefined;
      if (cur) loc = cur.loc;
    } else {
      const e: YEntry | undefined = isMap(cur) ? entry(cur, p) : undefined;
      cur = e?.value;
      if (e) loc = e.keyLoc;
    }
  }
  return loc;
}

/** Plain JavaScript value (for schema validation and tests). */
export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) setOwn(out, e.key, toPlain(e.value));
      return out;
    }
  }
}

/** Build a tree from plain data, every node at `loc` (for values the tool synthesises). */
export function fromPlain(value: unknown, loc: Loc): YNode {
  if (Array.isArray(value)) return { kind: 'seq', loc, items: value.map((v) => fromPlain(v, loc)) };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      loc,
      entries: Object.entries(value).map(([key, v]) => ({ key, keyLoc: loc, value: fromPlain(v, loc) })),
    };
  }
  return { kind: 'scalar', loc, value: value as ScalarValue };
}

/** A copy of `map` with `key` set (replaced in place or appended). */
export function withEntry(map: YMap, key: string, value: YNode, keyLoc: Loc = value.loc): YMap {
  const i = map.entries.findIndex((e) => e.key === key);
  const entries = [...map.entries];
  if (i >= 0) entries[i] = { key, keyLoc: entries[i]!.keyLoc, value };
  else entries.push({ key, keyLoc, value });
  return { ...map, entries };
}

export function withoutEntry(map: YMap, key: string): YMap {
  return { ...map, entries: map.entries.filter((e) => e.key !== key) };
}

/** String form of a scalar the way Compose reads it (numbers and booleans as written). */
export function scalarString(node: YNode | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return String(node.value);
}
