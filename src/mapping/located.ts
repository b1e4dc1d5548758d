import type { Service } from '../compose/model.js';
import { get, isMap, isScalar, isSeq, type YNode } from '../compose/tree.js';
import type { Loc } from '../util/loc.js';

/** A value of a service key together with where it was written, for precise diagnostics. */
export interface Located<T = string> {
  value: T;
  loc: Loc;
}

function str(node: YNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

/** The items of a list-valued service key (a single string counts as one item). */
export function locatedItems(svc: Service, ...path: string[]): Located[] {
  let node: YNode | undefined = svc.node;
  for (const p of path) node = get(node, p);
  if (isSeq(node)) return node.items.flatMap((i) => (str(i) === undefined ? [] : [{ value: str(i)!, loc: i.loc }]));
  const s = str(node);
  return s === undefined || node === undefined ? [] : [{ value: s, loc: node.loc }];
}

/** The entries of a `KEY: value` map or a `KEY=value` list, each with its own position. */
export function locatedEntries(svc: Service, key: string): { key: string; value: string; loc: Loc }[] {
  const node = get(svc.node, key);
  if (isMap(node)) return node.entries.map((e) => ({ key: e.key, value: str(e.value) ?? '', loc: e.keyLoc }));
  return locatedItems(svc, key).map(({ value, loc }) => {
    const eq = value.indexOf('=');
    return { key: eq < 0 ? value : value.slice(0, eq), value: eq < 0 ? '' : value.slice(eq + 1), loc };
  });
}
