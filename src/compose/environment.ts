import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { resolve } from '../util/path.js';
import { displayPath } from './discover.js';
import { parseDotenv } from './dotenv.js';
import type { LoadOptions } from './host.js';
import type { VariableUse } from './tree.js';

export interface ProjectEnv {
  /** The variables interpolation sees: the process environment over the project's env files. */
  vars: Record<string, string>;
  lookup(name: string): string | undefined;
  /** The variables that come from an env file, not the process: the file (as diagnostics name it) and what each value interpolated. */
  fromFiles?: Record<string, { file: string; uses?: VariableUse[] }>;
}

/** Go's strconv.ParseBool spellings of true, which is how Compose reads its switches. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/**
 * The project environment, as Docker Compose builds it: the env files are `--env-file` (repeatable,
 * later files win), else COMPOSE_ENV_FILES (comma-separated), else `.env` in the project directory
 * unless COMPOSE_DISABLE_ENV_FILE is true. Each file may refer to the process environment, to its
 * own earlier lines and to the files read before it, in that order. The process environment wins
 * over every file.
 */
export function loadEnvironment(
  options: LoadOptions,
  projectDir: string,
  diags: Diagnostics,
  sources: Map<string, string>,
): ProjectEnv {
  const processEnv = (name: string) => options.env[name];
  const fromFiles = new Map<string, string>();
  const origins: NonNullable<ProjectEnv['fromFiles']> = {};
  for (const { abs, explicit } of envFilesOf(options, projectDir)) {
    const text = options.reader.readFile(abs);
    const shown = displayPath(options, abs);
    if (text === undefined) {
      if (explicit) diags.error('file-not-found', `env file not found: ${shown}`, undefined, 'check the --env-file path (it is relative to the current directory)');
      continue;
    }
    sources.set(shown, text);
    // compose-go: the process environment first, then this file's own earlier lines, then the files before it.
    for (const e of parseDotenv(text, shown, diags, { lookup: processEnv, fallback: (name) => fromFiles.get(name), bareFromFallback: true })) {
      fromFiles.set(e.name, e.value);
      origins[e.name] = e.uses ? { file: shown, uses: e.uses } : { file: shown };
    }
  }
  const vars: Record<string, string> = Object.fromEntries(fromFiles);
  for (const [k, v] of Object.entries(options.env)) {
    if (v === undefined) continue;
    vars[k] = v;
    delete origins[k];
  }
  return { vars, lookup: (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined), fromFiles: origins };
}

function envFilesOf(options: LoadOptions, projectDir: string): { abs: string; explicit: boolean }[] {
  const named = options.envFiles?.length ? options.envFiles : options.env.COMPOSE_ENV_FILES?.split(',').filter(Boolean);
  if (named?.length) return named.map((f) => ({ abs: resolve(options.workingDir, f), explicit: true }));
  if (TRUE.has(options.env.COMPOSE_DISABLE_ENV_FILE ?? '')) return [];
  return [{ abs: resolve(projectDir, '.env'), explicit: false }];
}
