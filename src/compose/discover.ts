import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { dirname, resolve } from '../util/path.js';
import { displayPathOf } from './display.js';
import type { LoadOptions } from './host.js';
import type { SourceFile } from './parse.js';

export interface FoundFile extends SourceFile {
  absPath: string;
}

export interface FoundFiles {
  files: FoundFile[];
  projectDir: string;
}

/** Compose's default file names, in the order it prefers them (compose-go cli/options.go). */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** The override file read with the default file: the first that exists, whatever the default's name. */
export const OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** How file names appear in diagnostics: relative to where the user ran the command. */
export function displayPath(options: LoadOptions, abs: string): string {
  return displayPathOf(options, abs);
}

/**
 * Where the project directory is before the compose files are known: `--project-directory`, else
 * the directory of the first `-f` file, else the working directory. Compose reads the `.env` there
 * first, since it may set COMPOSE_FILE.
 */
export function initialProjectDir(options: LoadOptions): string {
  if (options.projectDirectory) return resolve(options.workingDir, options.projectDirectory);
  const first = options.files?.find((f) => f !== '-');
  return first === undefined ? options.workingDir : dirname(resolve(options.workingDir, first));
}

/**
 * The compose files of the project, as `docker compose` finds them: the `-f` files (`-` is
 * stdin), else COMPOSE_FILE (split on COMPOSE_PATH_SEPARATOR), else the first default file name
 * in the project directory or the nearest parent directory that has one, with its override file.
 * The project directory is `--project-directory`, else the directory of the first file read from
 * disk, else the working directory.
 */
export function discoverFiles(options: LoadOptions, lookup: (name: string) => string | undefined, diags: Diagnostics): FoundFiles | undefined {
  const { reader, workingDir } = options;
  let names = options.files?.length ? options.files : undefined;
  const fromEnv = lookup('COMPOSE_FILE');
  if (!names && fromEnv) {
    const sep = lookup('COMPOSE_PATH_SEPARATOR') || (/^[A-Za-z]:[\\/]/.test(workingDir) ? ';' : ':');
    names = fromEnv.split(sep).filter(Boolean);
  }
  names ??= defaultFiles(options, diags);
  if (!names) return undefined;

  const files: FoundFile[] = [];
  for (const name of names) {
    if (name === '-') {
      files.push({ absPath: resolve(workingDir, '-'), path: '-', text: options.stdin ?? '' });
      continue;
    }
    const absPath = resolve(workingDir, name);
    const text = reader.readFile(absPath);
    if (text === undefined) {
      const inside = reader.readDir?.(absPath);
      if (inside !== undefined) {
        const found = DEFAULT_FILES.find((n) => inside.includes(n));
        const shown = displayPath(options, absPath);
        diags.error(
          'file-not-found',
          `${shown} is a directory, not a compose file`,
          undefined,
          found ? `name the file: -f ${shown.replace(/\/$/, '')}/${found}, or use --project-directory ${shown}` : 'name a compose file with -f, or run the command in the directory of the project',
        );
      } else diags.error('file-not-found', `compose file not found: ${displayPath(options, absPath)}`);
      continue;
    }
    files.push({ absPath, path: displayPath(options, absPath), text });
  }
  if (files.length < names.length) return undefined;
  const fromDisk = files.find((f) => f.path !== '-');
  const projectDir = options.projectDirectory
    ? resolve(workingDir, options.projectDirectory)
    : fromDisk
      ? dirname(fromDisk.absPath)
      : workingDir;
  return { files, projectDir };
}

function defaultFiles(options: LoadOptions, diags: Diagnostics): string[] | undefined {
  const start = initialProjectDir(options);
  const exists = (dir: string) => (name: string) => options.reader.readFile(resolve(dir, name)) !== undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    const found = DEFAULT_FILES.filter(exists(dir));
    if (found.length > 0) {
      const overrides = OVERRIDE_FILES.filter(exists(dir));
      warnAmbiguous(found, dir, options, diags);
      warnAmbiguous(overrides, dir, options, diags);
      return [found[0]!, ...overrides.slice(0, 1)].map((n) => resolve(dir, n));
    }
    if (dirname(dir) === dir) break;
  }
  diags.error(
    'no-compose-file',
    `no compose file found in ${start} or its parent directories: looked for ${DEFAULT_FILES.join(', ')}`,
    undefined,
    'name one with -f FILE, or run the command in the directory of your compose project',
  );
  return undefined;
}

function warnAmbiguous(names: string[], dir: string, options: LoadOptions, diags: Diagnostics): void {
  if (names.length < 2) return;
  const shown = names.map((n) => displayPath(options, resolve(dir, n)));
  diags.warn('compose-file-ambiguous', `found several compose files: ${shown.join(', ')}; using ${shown[0]}, as Docker Compose does`, undefined, 'remove the ones you do not use, or name the files with -f');
}
