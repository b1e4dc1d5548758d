import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { YMap } from './tree.js';

/** Merge compose files in order, later files overriding earlier ones by the compose merge rules. */
export function mergeFiles(trees: YMap[], _diags: Diagnostics): YMap {
  return trees[0]!;
}
