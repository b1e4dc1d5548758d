/** One RFC 6902 operation (the subset a diff needs). */
export type PatchOp = { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

/** The steps of an op's path, for finding the notes of the field it changes. */
export interface LocatedOp {
  op: PatchOp;
  steps: (string | number)[];
}

const pointer = (steps: readonly (string | number)[]): string => steps.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

/**
 * The operations that turn `from` into `to`: keys added, removed and replaced one by one; a list
 * of the same length item by item; a list that only grew or shrank at its end by those items;
 * any other list replaced whole (index arithmetic over reordered items teaches nothing).
 */
export function diffJson(from: unknown, to: unknown, steps: (string | number)[] = []): LocatedOp[] {
  if (sameJson(from, to)) return [];
  const at = (op: PatchOp, s: (string | number)[]): LocatedOp => ({ op, steps: s });
  if (isMap(from) && isMap(to)) {
    const ops: LocatedOp[] = [];
    for (const key of Object.keys(from)) {
      if (from[key] === undefined) continue;
      if (to[key] === undefined) ops.push(at({ op: 'remove', path: pointer([...steps, key]) }, [...steps, key]));
      else ops.push(...diffJson(from[key], to[key], [...steps, key]));
    }
    for (const key of Object.keys(to)) {
      if (to[key] !== undefined && from[key] === undefined) ops.push(at({ op: 'add', path: pointer([...steps, key]), value: to[key] }, [...steps, key]));
    }
    return ops;
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    const common = Math.min(from.length, to.length);
    const prefixSame = from.slice(0, common).every((x, i) => sameJson(x, to[i]));
    if (from.length === to.length) return from.flatMap((x, i) => diffJson(x, to[i], [...steps, i]));
    if (prefixSame && to.length > from.length) return to.slice(common).map((v, i) => at({ op: 'add', path: pointer([...steps, '-']), value: v }, [...steps, common + i]));
    if (prefixSame) return from.slice(common).map((_, i) => at({ op: 'remove', path: pointer([...steps, from.length - 1 - i]) }, [...steps, from.length - 1 - i]));
  }
  return [at({ op: 'replace', path: pointer(steps), value: to }, steps)];
}
