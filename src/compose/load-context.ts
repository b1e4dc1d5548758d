import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { FoundFile } from './discover.js';
import type { ProjectEnv } from './environment.js';
import type { LoadOptions } from './host.js';
import type { YMap } from './tree.js';

/** What `extends` remembers within one project scope, so each file is read and reported once. */
export interface ExtendsState {
  /** Files read for `extends`, parsed and interpolated; null when unreadable. */
  files: Map<string, YMap | null>;
  /** Resolved services by file, base directory and name; null when resolution failed. */
  resolved: Map<string, YMap | null>;
}

/** What every loader stage shares for one `loadProject` call. */
export interface LoadContext {
  options: LoadOptions;
  diags: Diagnostics;
  /** Every source text read, keyed by the file name diagnostics use (for code frames). */
  sources: Map<string, string>;
  /** The environment of the top-level project. */
  env: ProjectEnv;
  /**
   * Parse, interpolate and resolve extends and include in each file of a compose project; the
   * files that could not be read are left out (and reported). `include` loads the included
   * project with it, in the included project's scope.
   */
  loadTrees(files: FoundFile[], scope: LoadScope): YMap[];
}

/**
 * A compose project being loaded: the top-level one, or one pulled in by `include` (which has its
 * own project directory and environment).
 */
export interface LoadScope {
  /** Relative paths of this project resolve against it. */
  workingDir: string;
  env: ProjectEnv;
  /** Absolute paths of the files whose `include` led here, outermost first. */
  includeChain: string[];
  /** Set by `extends`: files it read and services it resolved in this scope. */
  extendsState?: ExtendsState;
}
