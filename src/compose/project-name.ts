import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { basename } from '../util/path.js';
import type { LoadOptions } from './host.js';
import { get, scalarString, type YMap } from './tree.js';

/**
 * The project name, by Compose's precedence: `-p`, COMPOSE_PROJECT_NAME, top-level `name:`, the
 * project directory's name; lower-cased with characters other than [a-z0-9_-] removed.
 */
export function projectNameFrom(
  options: LoadOptions,
  tree: YMap,
  projectDir: string,
  lookup: (name: string) => string | undefined,
  _diags: Diagnostics,
): string {
  const raw =
    options.projectName || lookup('COMPOSE_PROJECT_NAME') || scalarString(get(tree, 'name')) || basename(projectDir);
  return normalizeProjectName(raw);
}

export function normalizeProjectName(raw: string): string {
  const cleaned = raw.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return cleaned.replace(/^[^a-z0-9]+/, '') || 'default';
}
