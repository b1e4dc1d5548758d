import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileContent } from '../diff/plan.js';
import type { ManifestSource } from '../diff/read.js';
import { toPosix } from './io.js';

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * The manifests at a path given to `diff --against`: the file itself, or every .yaml, .yml and
 * .json file under the directory (recursively, in name order, skipping entries whose names start
 * with a dot such as .git or .github). Names are shown relative to the working directory.
 */
export function readManifestPath(cwd: string, path: string): { sources: ManifestSource[]; diagnostics: Diagnostic[] } {
  const diags = new Diagnostics();
  const root = resolve(cwd, path);
  const show = (abs: string) => {
    const rel = toPosix(relative(cwd, abs));
    return rel === '' ? '.' : rel.startsWith('../../') ? toPosix(abs) : rel;
  };
  const sources: ManifestSource[] = [];
  let stat;
  try {
    stat = statSync(root);
  } catch (e) {
    diags.error('manifest-not-found', `${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`, undefined, 'give --against a manifest file or a directory of them, such as the one `convert -o DIR` wrote');
    return { sources, diagnostics: diags.items };
  }
  const files = stat.isDirectory() ? walk(root) : [root];
  for (const file of files) {
    try {
      sources.push({ path: show(file), text: readFileSync(file, 'utf8') });
    } catch (e) {
      diags.error('manifest-not-found', `${show(file)}: cannot be read: ${(e as Error).message}`);
    }
  }
  if (stat.isDirectory() && files.length === 0) diags.error('manifest-not-found', `${path}: the directory holds no .yaml, .yml or .json files`);
  return { sources, diagnostics: diags.items };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else if (st.isFile() && MANIFEST.test(name)) out.push(p);
  }
  return out;
}

/**
 * The files an output directory holds that a run could replace or make stale: the manifest files
 * directly in it (compose2kube writes no subdirectories), and whatever exists at the paths the run
 * would write.
 */
export function readOutputDir(dir: string, planned: readonly string[]): FileContent[] {
  const root = resolve(dir);
  const paths = new Set<string>();
  try {
    for (const name of readdirSync(root)) {
      if (!name.startsWith('.') && MANIFEST.test(name) && statSync(join(root, name)).isFile()) paths.add(name);
    }
  } catch {
    // No directory yet: nothing exists.
  }
  for (const p of planned) {
    try {
      if (statSync(join(root, p)).isFile()) paths.add(p);
    } catch {
      // Not there.
    }
  }
  return [...paths].sort().map((p) => ({ path: p, content: readFileSync(join(root, p), 'utf8') }));
}

/** What exists at the path of `-o FILE`: the file itself, or nothing (a directory there is the writer's to refuse). */
export function readOutputFile(dir: string, name: string): FileContent[] {
  const path = join(resolve(dir), name);
  try {
    if (!statSync(path).isFile()) return [];
  } catch {
    return [];
  }
  return [{ path: name, content: readFileSync(path, 'utf8') }];
}
