/**
 * How the pipeline sees files. The CLI backs it with the disk; a browser or a test backs it with
 * a map of contents (`memoryReader`). Paths are POSIX and absolute or relative to `workingDir`.
 */
export interface FileReader {
  /** File contents, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  /** Names in a directory, or undefined when `path` is not a directory. */
  readDir?(path: string): string[] | undefined;
  /** Raw bytes of a file (binary secrets, configs and bind-mounted files); absent: readFile's text is used. */
  readBytes?(path: string): Uint8Array | undefined;
  /**
   * What is at `path`, following symbolic links, or undefined when nothing is. Absent (a browser
   * given contents only): kinds are told by reading, sizes and file modes are unknown.
   */
  stat?(path: string): FileStat | undefined;
}

export interface FileStat {
  /** `other`: a socket, a device, a pipe. */
  kind: 'file' | 'directory' | 'other';
  /** Permission bits, setuid, setgid and sticky included (`mode & 0o7777` of stat). */
  mode: number;
  /** Size in bytes (of a file). */
  size: number;
}

export function memoryReader(files: Readonly<Record<string, string>>, workingDir = '/'): FileReader {
  const norm = (p: string) => (p.startsWith('/') ? p : `${workingDir.replace(/\/$/, '')}/${p}`).replace(/\/\.\//g, '/');
  const table = new Map(Object.entries(files).map(([k, v]) => [norm(k), v]));
  return {
    readFile: (p) => table.get(norm(p)),
    readBytes: (p) => {
      const text = table.get(norm(p));
      return text === undefined ? undefined : new TextEncoder().encode(text);
    },
    readDir: (p) => {
      const dir = norm(p).replace(/\/$/, '') + '/';
      const names = new Set<string>();
      for (const k of table.keys()) if (k.startsWith(dir)) names.add(k.slice(dir.length).split('/')[0]!);
      return names.size > 0 ? [...names].sort() : undefined;
    },
  };
}

export interface LoadOptions {
  reader: FileReader;
  /** The directory the user ran the command in (POSIX, absolute). */
  workingDir: string;
  /** `-f` files in order; empty or absent means discovery (COMPOSE_FILE, then the default names). */
  files?: string[];
  /** Contents of `-f -`. */
  stdin?: string;
  projectDirectory?: string;
  projectName?: string;
  /** The environment of the convert process (never read from `process` inside the pipeline). */
  env: Readonly<Record<string, string | undefined>>;
  /** `--env-file` values in order; replaces the default `.env`. */
  envFiles?: string[];
  /** `--profile` values. */
  profiles?: string[];
}
