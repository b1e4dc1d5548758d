import type { LoadContext } from './include.js';
import type { YMap } from './tree.js';

/** Resolve `extends` of every service of one file (same file, other files, chains). */
export function resolveExtends(tree: YMap, _absPath: string, _ctx: LoadContext): YMap {
  return tree;
}
