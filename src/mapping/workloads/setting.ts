import type { Service } from '../../compose/model.js';
import { at, locAt, scalarString } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';

/** One resource setting as written: where, and under which row of the table. */
export interface Setting {
  text: string;
  /** Row of the table (`services.deploy.resources.limits.memory`). */
  key: string;
  /** The key as written, for messages (`deploy.resources.limits.memory`). */
  what: string;
  keyLoc: Loc;
  valueLoc: Loc;
}

export function setting(svc: Service, ...path: string[]): Setting | undefined {
  const node = at(svc.node, ...path);
  const text = scalarString(node);
  if (node === undefined || text === undefined) return undefined;
  const what = path.join('.');
  return { text, key: `services.${what}`, what, keyLoc: locAt(svc.node, ...path), valueLoc: node.loc };
}
