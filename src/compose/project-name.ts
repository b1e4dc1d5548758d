import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { basename } from '../util/path.js';
import type { LoadOptions } from './host.js';
import { substitute } from './interpolate.js';
import { entry, scalarString, type YEntry, type YMap } from './tree.js';

/**
 * The project name, by Compose's precedence: `-p`, COMPOSE_PROJECT_NAME (process environment or
 * `.env`), the last top-level `name:` written in the compose files (`trees`, not yet interpolated:
 * Compose names the project before it interpolates), the project directory's name. A name given with `-p` or COMPOSE_PROJECT_NAME must already be valid; the
 * others are normalized. An empty result is an error, as in Compose.
 */
export function projectNameFrom(
  options: LoadOptions,
  trees: readonly YMap[],
  projectDir: string,
  lookup: (name: string) => string | undefined,
  diags: Diagnostics,
): string {
  const explicit = options.projectName ? { name: options.projectName, from: '-p' } : undefined;
  const fromEnv = lookup('COMPOSE_PROJECT_NAME');
  const given = explicit ?? (fromEnv ? { name: fromEnv, from: 'COMPOSE_PROJECT_NAME' } : undefined);
  if (given) {
    if (normalizeProjectName(given.name) !== given.name) {
      diags.error('project-name', `invalid project name ${JSON.stringify(given.name)} (from ${given.from})`, undefined, HINT);
    }
    return given.name;
  }
  let named: YEntry | undefined;
  for (const tree of trees) {
    const e = entry(tree, 'name');
    if (scalarString(e?.value)) named = e;
  }
  if (named) {
    // Problems in the expression are reported when the file itself is interpolated.
    const written = substitute(scalarString(named.value)!, lookup).value;
    const name = normalizeProjectName(written);
    if (!name) diags.error('project-name', `the project name ${JSON.stringify(written)} has no valid character`, named.value.loc, HINT);
    return name;
  }
  const dir = basename(projectDir);
  const name = normalizeProjectName(dir);
  if (!name) {
    diags.error('project-name', `the project directory ${JSON.stringify(dir || projectDir)} gives no project name`, undefined, 'name the project with -p NAME or a top-level `name:`');
  }
  return name;
}

const HINT = 'a project name has only lowercase letters, digits, dashes and underscores, and starts with a letter or a digit';

/** Compose's normalization: lower-cased, characters other than [a-z0-9_-] dropped, no leading `_` or `-`. */
export function normalizeProjectName(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}
