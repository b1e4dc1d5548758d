import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import { relative } from '../util/path.js';

/**
 * Files outside the project directory are read as Compose reads them, with a warning: what an
 * env_file, a secret or config file, or an included file holds ends up in the cluster (in a
 * ConfigMap, a Secret or the manifests), and a path like `../../home/me/.ssh/id_rsa` or
 * `/etc/shadow` in a compose file from elsewhere should not go unnoticed. The warning names the
 * path, never the content.
 */
export function warnIfOutside(diags: Diagnostics, projectDir: string, abs: string, what: string, loc: Loc | undefined): void {
  const rel = relative(projectDir, abs);
  if (rel !== '..' && !rel.startsWith('../') && !rel.startsWith('/')) return;
  diags.warn('outside-project', `${what} is outside the project directory (${abs}): its content ends up in the cluster`, loc, 'check that this file is meant to be deployed, or move it into the project directory');
}
