import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { dirname, relative, resolve } from '../util/path.js';
import type { LoadOptions } from './host.js';
import type { SourceFile } from './parse.js';

export interface FoundFile extends SourceFile {
  absPath: string;
}

export interface FoundFiles {
  files: FoundFile[];
  projectDir: string;
}

/** Compose's default file names, in the order it tries them. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** How file names appear in diagnostics: relative to where the user ran the command. */
export function displayPath(options: LoadOptions, abs: string): string {
  const rel = relative(options.workingDir, abs);
  return rel.startsWith('../../') ? abs : rel;
}

/**
 * The compose files of the project: `-f` files, else COMPOSE_FILE, else the first default name in
 * the working directory plus its `.override` file. The project directory is `--project-directory`
 * or the directory of the first file.
 */
export function discoverFiles(options: LoadOptions, diags: Diagnostics): FoundFiles | undefined {
  const { reader, workingDir } = options;
  let names = options.files?.length ? options.files : undefined;
  if (!names) {
    const fromEnv = options.env.COMPOSE_FILE;
    if (fromEnv) {
      const sep = options.env.COMPOSE_PATH_SEPARATOR ?? (/^[A-Za-z]:\\/.test(workingDir) ? ';' : ':');
      names = fromEnv.split(sep).filter(Boolean);
    }
  }
  if (!names) {
    const base = options.projectDirectory ? resolve(workingDir, options.projectDirectory) : workingDir;
    const first = DEFAULT_FILES.find((n) => reader.readFile(resolve(base, n)) !== undefined);
    if (!first) {
      diags.error(
        'no-compose-file',
        `no compose file found in ${base}: looked for ${DEFAULT_FILES.join(', ')}`,
        undefined,
        'name one with -f FILE, or run the command in the directory of your compose project',
      );
      return undefined;
    }
    names = [first];
    const override = first.replace(/\.(ya?ml)$/, '.override.$1');
    if (reader.readFile(resolve(base, override)) !== undefined) names.push(override);
    names = names.map((n) => resolve(base, n));
  }
  const files: FoundFile[] = [];
  for (const name of names) {
    if (name === '-') {
      const absPath = resolve(workingDir, '-');
      files.push({ absPath, path: '-', text: options.stdin ?? '' });
      continue;
    }
    const absPath = resolve(workingDir, name);
    const text = reader.readFile(absPath);
    if (text === undefined) {
      diags.error('file-not-found', `compose file not found: ${displayPath(options, absPath)}`);
      continue;
    }
    files.push({ absPath, path: displayPath(options, absPath), text });
  }
  if (files.length === 0) return undefined;
  const projectDir = options.projectDirectory
    ? resolve(workingDir, options.projectDirectory)
    : files[0]!.path === '-'
      ? workingDir
      : dirname(files[0]!.absPath);
  return { files, projectDir };
}
