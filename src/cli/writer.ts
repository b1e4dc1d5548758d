import { lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file to write: its absolute path and its text. */
export interface WriteTarget {
  path: string;
  content: string;
}

export interface WriteOptions {
  /** Replace files compose2kube did not write. */
  force?: boolean;
  /** Absolute paths of files to delete in the same all-or-nothing step (none of them a target). */
  remove?: readonly string[];
}

/** The run must not write: a file is in the way. Nothing was written; the message names the file. */
export class OutputRefused extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** What every file compose2kube writes carries, in YAML or JSON: the managed-by label. */
const MANAGED_BY = /["']?app\.kubernetes\.io\/managed-by["']?\s*:\s*["']?compose2kube(?=["'\s,}]|$)/m;

/** Whether a file's text is output of compose2kube, which a new run may replace. */
export function isGeneratedContent(content: string): boolean {
  return MANAGED_BY.test(content);
}

/**
 * Writes every file or none, and never loses data:
 * - a file that exists and was not written by compose2kube (no managed-by label) is refused
 *   unless `force`, before anything is touched; so is a directory in the way;
 * - directories are created as needed;
 * - each file is written to a temporary name beside its target, then renamed over it, so no
 *   reader ever sees half a file;
 * - `remove` (stale files of an earlier run, judged by the caller) are moved aside with the
 *   commit and deleted only when every file is in place;
 * - on any error, what was renamed is put back, the old and removed files restored, temporary
 *   files and the directories this run created removed: the output location is exactly as it was.
 */
export function writeAtomically(targets: readonly WriteTarget[], options: WriteOptions = {}, fs: FileOps = NODE_FS): void {
  const paths = new Set(targets.map((t) => t.path));
  const both = options.remove?.find((p) => paths.has(p));
  if (both !== undefined) throw new OutputRefused(both, `${both} would be both written and removed`);
  if (paths.size !== targets.length) {
    const twice = targets.find((t, i) => targets.findIndex((u) => u.path === t.path) !== i)!;
    throw new OutputRefused(twice.path, `${twice.path} would be written twice`);
  }
  for (const t of targets) {
    for (let d = dirname(t.path); dirname(d) !== d; d = dirname(d)) {
      if (paths.has(d)) throw new OutputRefused(d, `${d} would be both a file and the directory of ${t.path}`);
    }
    refuseToClobber(t.path, options.force === true);
  }
  const created: string[] = [];
  const temps: { temp: string; target: WriteTarget }[] = [];
  const committed: Committed[] = [];
  const tag = `${process.pid}.${Date.now().toString(36)}`;
  try {
    for (const dir of new Set(targets.map((t) => dirname(t.path)))) makeDirectories(dir, created, fs);
    for (const target of targets) {
      const temp = join(dirname(target.path), `.${basename(target.path)}.${tag}.tmp`);
      fs.writeNew(temp, target.content);
      temps.push({ temp, target });
    }
    for (const { temp, target } of temps) {
      const kind = entryKind(target.path);
      if (kind === 'other') throw new Error(`${target.path} is no longer a file`);
      const backup = kind === 'file' ? backupOf(target.path, tag) : undefined;
      if (backup) fs.rename(target.path, backup);
      committed.push(backup ? { target: target.path, backup } : { target: target.path });
      fs.rename(temp, target.path);
    }
    for (const path of options.remove ?? []) {
      if (entryKind(path) !== 'file') continue;
      const backup = backupOf(path, tag);
      fs.rename(path, backup);
      committed.push({ target: path, backup });
    }
  } catch (e) {
    rollBack(committed, temps.map((t) => t.temp), created, fs);
    throw e;
  }
  for (const c of committed) if (c.backup) rmSync(c.backup, { force: true });
}

/** The file system operations that change something: tests make one of them fail to check the rollback. */
export interface FileOps {
  /** Create a file that must not exist yet. */
  writeNew(path: string, content: string): void;
  rename(from: string, to: string): void;
  mkdir(path: string): void;
}

const NODE_FS: FileOps = {
  writeNew: (path, content) => writeFileSync(path, content, { flag: 'wx' }),
  rename: (from, to) => renameSync(from, to),
  mkdir: (path) => mkdirSync(path),
};

/** A file renamed aside: a target's old content, or a removed file; put back on failure. */
interface Committed {
  target: string;
  backup?: string;
}

function backupOf(path: string, tag: string): string {
  return join(dirname(path), `.${basename(path)}.${tag}.bak`);
}

function entryKind(path: string): 'none' | 'file' | 'other' {
  try {
    return lstatSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'none';
  }
}

function refuseToClobber(path: string, force: boolean): void {
  let isDirectory: boolean;
  try {
    isDirectory = lstatSync(path).isDirectory();
  } catch {
    return;
  }
  if (isDirectory) throw new OutputRefused(path, `${path} is a directory`);
  if (force) return;
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (e) {
    throw new OutputRefused(path, `${path} exists and cannot be read to tell whether compose2kube wrote it (${(e as Error).message}); use --force to replace it`);
  }
  if (!isGeneratedContent(content)) {
    throw new OutputRefused(path, `${path} exists and was not written by compose2kube (it has no app.kubernetes.io/managed-by: compose2kube label); nothing was written; use --force to replace it`);
  }
}

/** Like `mkdir -p`, remembering each directory it made (outermost first) so a failed run can remove them. */
function makeDirectories(dir: string, created: string[], fs: FileOps): void {
  const missing: string[] = [];
  for (let d = dir; !exists(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    fs.mkdir(d);
    created.push(d);
  }
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
}

function rollBack(committed: readonly Committed[], temps: readonly string[], created: readonly string[], fs: FileOps): void {
  for (const c of [...committed].reverse()) {
    try {
      // A backup is renamed over the new file (or back to a removed file's name).
      if (c.backup) fs.rename(c.backup, c.target);
      else rmSync(c.target, { force: true });
    } catch {
      // Best effort: the backup keeps the old content beside its name when it cannot be moved back.
    }
  }
  for (const t of temps) rmSync(t, { force: true });
  for (const d of [...created].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      // Not empty: something else wrote there meanwhile; leave it.
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
