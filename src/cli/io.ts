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
  /** Whether stdout is a terminal (the diff and dry-run reports are then coloured by default); absent: not one. */
  isTTY?: boolean;
  /** Whether stderr is a terminal (diagnostics are then coloured by default); absent: not one. */
  stderrIsTTY?: boolean;
}

/**
 * A reader that stops early (`convert | head`) closes the pipe: the next write fails with EPIPE,
 * which Node reports as an error event on the stream. That is the reader's choice, not a failure:
 * the run ends quietly with the exit code it has, never with a stack trace.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const guarded = new WeakSet<NodeJS.WriteStream>();

export function processIO(): CliIO {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  return {
    cwd: process.cwd(),
    env: { ...process.env },
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: () => readFileSync(0, 'utf8'),
    isTTY: process.stdout.isTTY === true,
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
    stat(path) {
      try {
        const st = statSync(path);
        return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', mode: st.mode & 0o7777, size: st.size };
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Write every file or none, under `dir` (see writeAtomically): an existing output is never
 * half-written or lost, and a file compose2kube did not write is never replaced unless `force`.
 * `remove` (paths inside `dir`) are stale files of an earlier run, deleted in the same step.
 */
export function writeOutputFiles(dir: string, files: readonly OutputFile[], options: { force?: boolean; remove?: readonly string[] } = {}): void {
  const root = resolve(dir);
  writeAtomically(
    files.map((f) => ({ path: join(root, f.path), content: f.content })),
    { ...(options.force ? { force: true } : {}), ...(options.remove ? { remove: options.remove.map((p) => join(root, p)) } : {}) },
  );
}
