import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import { dirname, resolve } from '../util/path.js';
import { castValue } from './cast.js';
import { displayPathOf } from './display.js';
import { parseDotenv, parseRawEnv } from './dotenv.js';
import { warnIfOutside } from './outside.js';
import type { ProjectEnv } from './environment.js';
import type { FileReader } from './host.js';
import type { EnvFile, EnvVar, LabelFile } from './model.js';
import { get, isMap, isScalar, isSeq, scalarString, type YNode } from './tree.js';

export interface EnvFileContext {
  /** The project directory. */
  workingDir: string;
  /** The compose files given with -f (as diagnostics name them); paths in them are relative to the project directory. */
  files: string[];
  env: ProjectEnv;
  reader: FileReader;
  diags: Diagnostics;
  sources: Map<string, string>;
  /** The directory the command runs in; file names in diagnostics are relative to it. */
  cwd?: string;
}

/**
 * A service's `env_file` (a path, a list of paths, or `{path, required, format}` items), read the
 * way Compose reads it. Files are read in order, later ones winning; a missing file is an error
 * unless `required: false`. Values are interpolated with the project environment first, then the
 * service's `environment`, then what the files read so far define. `format: raw` files are taken
 * as written. `environment` itself is applied over these by whoever merges them.
 */
export function envFiles(node: YNode | undefined, ctx: EnvFileContext, environment: readonly EnvVar[]): EnvFile[] {
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  const serviceEnv = new Map(environment.flatMap((v) => (v.value === null ? [] : [[v.name, v.value] as const])));
  const lookup = (name: string) => ctx.env.lookup(name) ?? serviceEnv.get(name);
  const readSoFar = new Map<string, string>();
  const out: EnvFile[] = [];
  for (const item of isSeq(node) ? node.items : [node]) {
    const f = declaration(item, ctx);
    if (!f) continue;
    const text = ctx.reader.readFile(f.path);
    if (text === undefined) {
      if (f.required) ctx.diags.error('env-file-missing', `env file ${f.declared} not found (looked for ${displayPathOf(ctx, f.path)})`, f.loc, 'create it, or mark it `required: false`');
      out.push(f);
      continue;
    }
    const shown = displayPathOf(ctx, f.path);
    warnIfOutside(ctx.diags, ctx.workingDir, f.path, `env_file ${f.declared}`, f.loc);
    ctx.sources.set(shown, text);
    const entries =
      f.format === 'raw'
        ? parseRawEnv(text, shown, ctx.diags, { lookup })
        : parseDotenv(text, shown, ctx.diags, { lookup, fallback: (name) => readSoFar.get(name) });
    f.vars = entries.map((e) => (e.uses ? { name: e.name, value: e.value, uses: e.uses } : { name: e.name, value: e.value }));
    for (const v of f.vars) readSoFar.set(v.name, v.value);
    out.push(f);
  }
  return out;
}

function declaration(item: YNode, ctx: EnvFileContext): EnvFile | undefined {
  const long = isMap(item);
  const declared = scalarString(long ? get(item, 'path') : item);
  if (declared === undefined) return undefined;
  const f: EnvFile = { path: resolve(baseDir(item.loc, ctx), expandHome(declared, ctx)), declared, required: true, loc: item.loc };
  if (!long) return f;
  const required = get(item, 'required');
  if (required !== undefined) f.required = flag(required, ctx.diags);
  const format = scalarString(get(item, 'format'));
  if (format !== undefined) {
    if (format === 'raw') f.format = format;
    else ctx.diags.error('invalid-value', `unsupported env_file format ${JSON.stringify(format)}`, get(item, 'format')!.loc, 'leave format out for the Compose rules, or use `format: raw`');
  }
  return f;
}

function flag(node: YNode, diags: Diagnostics): boolean {
  const value = castValue(scalarString(node) ?? '', 'bool');
  if (typeof value === 'boolean') return value;
  diags.error('invalid-value', `env_file required must be true or false, got ${JSON.stringify(scalarString(node) ?? null)}`, node.loc);
  return true;
}

function expandHome(path: string, ctx: EnvFileContext): string {
  const home = ctx.env.lookup('HOME');
  return home !== undefined && (path === '~' || path.startsWith('~/')) ? home + path.slice(1) : path;
}

/**
 * Relative paths in the -f files are relative to the project directory (Compose resolves every
 * path of the merged files against the first file's directory); in an included or extended file
 * they are relative to that file.
 */
function baseDir(loc: Loc, ctx: EnvFileContext): string {
  if (ctx.files.includes(loc.file)) return ctx.workingDir;
  return dirname(resolve(ctx.cwd ?? ctx.workingDir, loc.file));
}

/**
 * A service's `label_file` (a path or a list of paths), read the way compose-go reads it
 * (WithServicesLabelsResolved): each file with the env-file syntax, in order, later files winning;
 * `${VAR}` in a file sees only the labels read before it (not the project environment); a
 * missing file is an error. The service's own `labels` win over every file (the caller applies them).
 */
export function labelFiles(node: YNode | undefined, ctx: EnvFileContext): LabelFile[] {
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  const soFar = new Map<string, string>();
  const out: LabelFile[] = [];
  for (const item of isSeq(node) ? node.items : [node]) {
    const declared = scalarString(item);
    if (declared === undefined) continue;
    const path = resolve(baseDir(item.loc, ctx), expandHome(declared, ctx));
    warnIfOutside(ctx.diags, ctx.workingDir, path, `label_file ${declared}`, item.loc);
    const text = ctx.reader.readFile(path);
    if (text === undefined) {
      ctx.diags.error('file-not-found', `label file ${declared} not found (looked for ${displayPathOf(ctx, path)})`, item.loc, 'create it, or remove it from label_file');
      continue;
    }
    const shown = displayPathOf(ctx, path);
    ctx.sources.set(shown, text);
    const entries = parseDotenv(text, shown, ctx.diags, { lookup: (name) => soFar.get(name) });
    const labels = entries.map((e) => ({ name: e.name, value: e.value, loc: { file: shown, line: e.line, column: e.column } }));
    for (const l of labels) soFar.set(l.name, l.value);
    out.push({ path, declared, loc: item.loc, labels });
  }
  return out;
}
