import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { get, isMap, type YMap } from './tree.js';

/** Validate one file against the compose schema; true when it has no errors. */
export function validateCompose(tree: YMap, diags: Diagnostics): boolean {
  const services = get(tree, 'services');
  if (services !== undefined && !isMap(services)) {
    diags.error('schema', 'services must be a mapping', services.loc);
    return false;
  }
  return true;
}
