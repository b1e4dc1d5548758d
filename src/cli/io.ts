import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { FileReader } from '../compose/host.js';
import type { OutputFile } from '../emit/yaml.js';
import { writeAtomically } from './writer.js';

/** What the CLI talks to; tests pass their own to run commands in-process. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  /** Whether stderr is a terminal (colours by default); absent: not a terminal. */
  stderrIsTTY?: boolean;
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: { ...process.env },
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: () => readFileSync(0, 'utf8'),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Platform path -> the POSIX form the pipeline uses. */
export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** The pipeline's view of the disk: reads on demand, never writes. */
export function diskReader(): FileReader {
  return {
    readFile(path) {
      try {
        const st = statSync(path);
        return st.isFile() ? readFileSync(path, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    readBytes(path) {
      try {
        return statSync(path).isFile() ? readFileSync(path) : undefined;
      } catch {
        return undefined;
      }
    },
    readDir(path) {
      try {
        return readdirSync(path).sort();
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Write every file or none, under `dir` (see writeAtomically): an existing output is never
 * half-written or lost, and a file compose2kube did not write is never replaced unless `force`.
 */
export function writeOutputFiles(dir: string, files: readonly OutputFile[], options: { force?: boolean } = {}): void {
  const root = resolve(dir);
  writeAtomically(
    files.map((f) => ({ path: join(root, f.path), content: f.content })),
    options,
  );
}
