import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';

/**
 * The differential harness for `compose2kube config --format json` (docs/guide/config-conformance.md):
 * each directory of test/conformance/config/ is a compose project with the output Docker Compose's
 * own loader printed for it (expected.json, recorded by scripts/conformance-record.js).
 */
export const CASES_DIR = join(ROOT, 'test', 'conformance', 'config');
export const KNOWN_DIFFERENCES_FILE = join(ROOT, 'test', 'conformance', 'known-differences.json');
/** What the recorder wrote in place of the case directory (machine-independent paths). */
export const PLACEHOLDER = '<case>';

/** case.json: the command line and environment of a case; every field optional. */
export interface CaseSpec {
  description?: string;
  /** `-f` files in order (relative to cwd); absent: discovery. */
  files?: string[];
  envFiles?: string[];
  profiles?: string[];
  projectName?: string;
  projectDirectory?: string;
  /** The whole process environment (nothing else is visible, PWD included). */
  env?: Record<string, string>;
  /** Directory to run in, relative to the case directory. */
  cwd?: string;
}

export interface Case {
  name: string;
  dir: string;
  spec: CaseSpec;
  /** The recorded output, or `{ error }` when Compose refuses the project. */
  expected: unknown;
}

export function caseNames(): string[] {
  return readdirSync(CASES_DIR)
    .filter((n) => existsSync(join(CASES_DIR, n, 'expected.json')))
    .sort();
}

export function readCase(name: string): Case {
  const dir = realpathSync(join(CASES_DIR, name));
  const specFile = join(dir, 'case.json');
  const spec = existsSync(specFile) ? (JSON.parse(readFileSync(specFile, 'utf8')) as CaseSpec) : {};
  return { name, dir, spec, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown };
}

export function cliArgs(spec: CaseSpec): string[] {
  const out = ['config', '--format', 'json'];
  for (const f of spec.files ?? []) out.push('-f', f);
  for (const f of spec.envFiles ?? []) out.push('--env-file', f);
  for (const p of spec.profiles ?? []) out.push('--profile', p);
  if (spec.projectName) out.push('-p', spec.projectName);
  if (spec.projectDirectory) out.push('--project-directory', spec.projectDirectory);
  return out;
}

/** What our `config --format json` prints for the case (run in-process), or `{ error }` with its diagnostics. */
export async function actualOutput(c: Case): Promise<unknown> {
  const run = await runCli(cliArgs(c.spec), { cwd: join(c.dir, c.spec.cwd ?? '.'), env: { ...(c.spec.env ?? {}) } });
  if (run.code !== 0) return { error: run.stderr.split(c.dir).join(PLACEHOLDER).trim() };
  return machineFree(JSON.parse(run.stdout) as unknown, c.dir);
}

/**
 * Every string in `value` with the case directory replaced by the placeholder, so outputs compare
 * across machines. scripts/conformance-record.js keeps a plain-JS copy (it runs on node without
 * compiling TypeScript).
 */
export function machineFree(value: unknown, dir: string): unknown {
  if (typeof value === 'string') return value.split(dir).join(PLACEHOLDER);
  if (Array.isArray(value)) return value.map((v) => machineFree(v, dir));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.split(dir).join(PLACEHOLDER), machineFree(v, dir)]));
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// compose-go prints an absent command or entrypoint (a nil list) as null.
const NULL_LISTS = new Set(['command', 'entrypoint']);

/**
 * The comparison ignores only key order (objects are compared by key) and absent versus empty
 * collections: `{}`, `[]` and a nil list printed as null are dropped, recursively.
 */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const w = withoutEmpty(v);
    if (Array.isArray(w) && w.length === 0) continue;
    if (isObject(w) && Object.keys(w).length === 0) continue;
    if (w === null && NULL_LISTS.has(k)) continue;
    out[k] = w;
  }
  return out;
}

/** A JSON path step: `.key`, `["odd key"]` or `[0]`. */
function step(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_][\w-]*$/.test(key)) return path === '$' ? key : `${path}.${key}`;
  return `${path === '$' ? '' : path}[${JSON.stringify(key)}]`;
}

/** The JSON paths where two normalised outputs differ (`$` for the whole document), sorted. */
export function differences(expected: unknown, actual: unknown): string[] {
  const out: string[] = [];
  const walk = (e: unknown, a: unknown, path: string): void => {
    if (isObject(e) && isObject(a)) {
      // Both failing is agreement, whatever the messages say.
      if (path === '$' && 'error' in e && 'error' in a) return;
      for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) walk(e[k], a[k], step(path, k));
      return;
    }
    if (Array.isArray(e) && Array.isArray(a) && e.length === a.length) {
      e.forEach((v, i) => walk(v, a[i], step(path, i)));
      return;
    }
    if (JSON.stringify(e) !== JSON.stringify(a)) out.push(path);
  };
  const e = withoutEmpty(expected);
  const a = withoutEmpty(actual);
  // One side failing and the other not is one difference, at the root.
  if (isObject(e) && isObject(a) && 'error' in e !== 'error' in a) return ['$'];
  walk(e, a, '$');
  return out.sort();
}

/** Case -> JSON path -> why we differ there. */
export type KnownDifferences = Record<string, Record<string, string>>;

export function knownDifferences(): KnownDifferences {
  return JSON.parse(readFileSync(KNOWN_DIFFERENCES_FILE, 'utf8')) as KnownDifferences;
}

/** Every compose file of a case: each YAML file in its directory tree, all documents. */
export function composeDocuments(dir: string): unknown[] {
  const out: unknown[] = [];
  const visit = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (/\.ya?ml$/.test(entry.name) && isComposeFile(p)) for (const doc of parseAllDocuments(readFileSync(p, 'utf8'))) out.push(doc.toJS({ maxAliasCount: -1 }));
    }
  };
  visit(dir);
  return out;
}

/** A YAML file of a case is a compose file when it has one of the top-level keys of one. */
function isComposeFile(path: string): boolean {
  return /^(services|include|networks|volumes|configs|secrets|models|name|version):/m.test(readFileSync(path, 'utf8'));
}
