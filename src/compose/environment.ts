import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { resolve } from '../util/path.js';
import { displayPath } from './discover.js';
import { parseDotenv } from './dotenv.js';
import type { LoadOptions } from './host.js';

export interface ProjectEnv {
  /** The variables interpolation sees: the process environment over the project's env files. */
  vars: Record<string, string>;
  lookup(name: string): string | undefined;
}

/** The project environment: `.env` in the project directory (or `--env-file`s), under the process env. */
export function loadEnvironment(
  options: LoadOptions,
  projectDir: string,
  diags: Diagnostics,
  sources: Map<string, string>,
): ProjectEnv {
  const vars: Record<string, string> = {};
  const disabled = /^(1|true)$/i.test(options.env.COMPOSE_DISABLE_ENV_FILE ?? '');
  const explicit = options.envFiles?.length ? options.envFiles.map((f) => resolve(options.workingDir, f)) : undefined;
  const files = disabled ? [] : (explicit ?? [resolve(projectDir, '.env')]);
  for (const abs of files) {
    const text = options.reader.readFile(abs);
    if (text === undefined) {
      if (explicit) diags.error('file-not-found', `env file not found: ${displayPath(options, abs)}`);
      continue;
    }
    const shown = displayPath(options, abs);
    sources.set(shown, text);
    for (const e of parseDotenv(text, shown, diags)) vars[e.name] = e.value;
  }
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) vars[k] = v;
  return { vars, lookup: (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined) };
}
