import { formatLoc, type Loc } from '../util/loc.js';
import { dirname, resolve } from '../util/path.js';
import { displayPath, type FoundFile } from './discover.js';
import { loadEnvironment, type ProjectEnv } from './environment.js';
import type { LoadContext, LoadScope } from './load-context.js';
import { mergeFiles } from './merge.js';
import { rebasePaths } from './rebase.js';
import { validateCompose } from './validate.js';
import { entry, get, isMap, isScalar, isSeq, scalarString, toPlain, withEntry, withoutEntry, type YEntry, type YMap, type YNode } from './tree.js';
import { warnIfOutside } from './outside.js';

/** The top-level elements an included project contributes. */
const RESOURCES = ['services', 'volumes', 'networks', 'secrets', 'configs'] as const;
type Resource = (typeof RESOURCES)[number];
const SINGULAR: Record<Resource, string> = { services: 'service', volumes: 'volume', networks: 'network', secrets: 'secret', configs: 'config' };

interface PathValue {
  path: string;
  loc: Loc;
}

interface IncludeEntry {
  paths: PathValue[];
  projectDirectory?: PathValue;
  envFiles?: PathValue[];
  loc: Loc;
}

/**
 * Resolve the top-level `include` of one file (compose-spec 14-include.md, compose-go
 * loader/include.go): each entry is loaded as a compose project of its own, with its own project
 * directory (`project_directory`, else the directory of its first file) and environment (its
 * `env_file`s, else the `.env` of that directory, under the including project's variables); its
 * services, volumes, networks, secrets and configs are then copied into this file. A resource
 * this file (or an earlier include) already defines differently is an `include-conflict`; a file
 * that includes itself, directly or not, is an `include-cycle`.
 */
export function resolveIncludes(tree: YMap, file: FoundFile, scope: LoadScope, ctx: LoadContext): YMap {
  const inc = entry(tree, 'include');
  if (!inc) return tree;
  const out = withoutEntry(tree, 'include');
  if (isScalar(inc.value) && inc.value.value === null) return out;
  if (!isSeq(inc.value)) {
    ctx.diags.error('schema', 'include must be a list of compose files', inc.value.loc);
    return out;
  }
  const chain = [...scope.includeChain, file.absPath];
  const imported = new Importer(out, ctx);
  for (const item of inc.value.items) {
    const cfg = readEntry(item, ctx);
    const project = cfg && loadIncluded(cfg, chain, scope, ctx);
    if (cfg && project) imported.add(project, cfg);
  }
  return imported.result();
}

function readEntry(item: YNode, ctx: LoadContext): IncludeEntry | undefined {
  if (isScalar(item) && typeof item.value === 'string') return { paths: [{ path: item.value, loc: item.loc }], loc: item.loc };
  const paths = isMap(item) ? pathList(get(item, 'path')) : [];
  if (!isMap(item) || paths.length === 0) {
    ctx.diags.error('schema', 'an include entry is a file path, or a mapping with `path` (and optionally `project_directory` and `env_file`)', item.loc);
    return undefined;
  }
  const cfg: IncludeEntry = { paths, loc: item.loc };
  const dir = pathList(get(item, 'project_directory'))[0];
  if (dir) cfg.projectDirectory = dir;
  const envFile = get(item, 'env_file');
  if (envFile) cfg.envFiles = pathList(envFile);
  return cfg;
}

function pathList(node: YNode | undefined): PathValue[] {
  const items = isSeq(node) ? node.items : node ? [node] : [];
  return items.flatMap((i) => {
    const path = scalarString(i);
    return path === undefined ? [] : [{ path, loc: i.loc }];
  });
}

/** The included project, merged, with its paths rebased onto the including project. */
function loadIncluded(cfg: IncludeEntry, chain: string[], scope: LoadScope, ctx: LoadContext): YMap | undefined {
  const { diags, options } = ctx;
  const shown = (abs: string) => displayPath(options, abs);
  const paths = cfg.paths.map((p) => ({ abs: resolve(scope.workingDir, p.path), loc: p.loc }));
  for (const p of paths) {
    if (!chain.includes(p.abs)) continue;
    const cycle = [...chain.slice(chain.indexOf(p.abs)), p.abs].map(shown).join(' -> ');
    diags.error('include-cycle', `include cycle: ${cycle}`, p.loc, 'a compose file cannot include itself, directly or through the files it includes');
    return undefined;
  }
  const files: FoundFile[] = [];
  for (const p of paths) {
    const text = options.reader.readFile(p.abs);
    if (text === undefined) diags.error('file-not-found', `included file ${shown(p.abs)} not found`, p.loc);
    else {
      warnIfOutside(diags, scope.workingDir, p.abs, `included file ${shown(p.abs)}`, p.loc);
      files.push({ absPath: p.abs, path: shown(p.abs), text });
    }
  }
  if (files.length < paths.length) return undefined;
  const projectDir = cfg.projectDirectory ? resolve(scope.workingDir, cfg.projectDirectory.path) : dirname(paths[0]!.abs);
  const env = includeEnvironment(cfg, projectDir, scope, ctx);
  if (!env) return undefined;
  const trees = ctx.loadTrees(files, { workingDir: projectDir, env, includeChain: chain });
  if (trees.length < files.length) return undefined;
  const project = mergeFiles(trees, diags, (t) => validateCompose(t, diags));
  if (!project) return undefined;
  const merged = rebasePaths(project, projectDir, scope.workingDir);
  return env === scope.env ? merged : resolveBareEnvironment(merged, env, ctx.env);
}

/** The included project's variables: the including project's, over its own env files. */
function includeEnvironment(cfg: IncludeEntry, projectDir: string, scope: LoadScope, ctx: LoadContext): ProjectEnv | undefined {
  const { reader } = ctx.options;
  const files: string[] = [];
  if (cfg.envFiles) {
    for (const f of cfg.envFiles) {
      const abs = resolve(scope.workingDir, f.path);
      if (reader.readFile(abs) === undefined) {
        ctx.diags.error('file-not-found', `env file ${displayPath(ctx.options, abs)} of the include not found`, f.loc);
        return undefined;
      }
      files.push(abs);
    }
  } else {
    const dotenv = resolve(projectDir, '.env');
    if (reader.readFile(dotenv) !== undefined) files.push(dotenv);
  }
  if (files.length === 0) return scope.env;
  return loadEnvironment({ ...ctx.options, env: scope.env.vars, envFiles: files }, projectDir, ctx.diags, ctx.sources);
}

/**
 * `environment: [NAME]` takes NAME from the environment of the project that declares it: values
 * only the included project's env files define are filled in here, since later stages only see the
 * top-level environment.
 */
function resolveBareEnvironment(tree: YMap, env: ProjectEnv, top: ProjectEnv): YMap {
  const fill = (name: string) => (top.lookup(name) === undefined ? env.lookup(name) : undefined);
  const services = get(tree, 'services');
  if (!isMap(services)) return tree;
  let out = services;
  for (const s of services.entries) {
    const environment = get(s.value, 'environment');
    if (!environment || !isMap(s.value)) continue;
    let filled: YNode = environment;
    if (isMap(environment)) {
      filled = {
        ...environment,
        entries: environment.entries.map((e) => {
          const value = isScalar(e.value) && e.value.value === null ? fill(e.key) : undefined;
          return value === undefined ? e : { ...e, value: { kind: 'scalar', loc: e.value.loc, value } };
        }),
      };
    } else if (isSeq(environment)) {
      filled = {
        ...environment,
        items: environment.items.map((i) => {
          const name = isScalar(i) && typeof i.value === 'string' && !i.value.includes('=') ? i.value : undefined;
          const value = name === undefined ? undefined : fill(name);
          return value === undefined ? i : { ...i, value: `${name}=${value}` };
        }),
      };
    }
    out = withEntry(out, s.key, withEntry(s.value, 'environment', filled));
  }
  return withEntry(tree, 'services', out);
}

/** Collects the resources of included projects into the including file. */
class Importer {
  private readonly added = new Map<Resource, YEntry[]>();

  constructor(
    private readonly tree: YMap,
    private readonly ctx: LoadContext,
  ) {}

  add(project: YMap, cfg: IncludeEntry): void {
    for (const kind of RESOURCES) {
      const from = get(project, kind);
      if (!isMap(from)) continue;
      const own = get(this.tree, kind);
      if (own && !isMap(own) && !(isScalar(own) && own.value === null)) continue;
      const list = this.added.get(kind) ?? [];
      for (const e of from.entries) {
        const existing = list.find((x) => x.key === e.key) ?? entry(isMap(own) ? own : undefined, e.key);
        if (!existing) list.push(e);
        else if (JSON.stringify(toPlain(existing.value)) !== JSON.stringify(toPlain(e.value))) {
          this.ctx.diags.error(
            'include-conflict',
            `the included ${SINGULAR[kind]} "${e.key}" (${formatLoc(e.keyLoc)}) is already defined at ${formatLoc(existing.keyLoc)}`,
            cfg.loc,
            `rename one of them, or change the included ${SINGULAR[kind]} from an override file (-f) instead of redefining it`,
          );
        }
      }
      this.added.set(kind, list);
    }
  }

  /** Included resources first (in include order), then the file's own. */
  result(): YMap {
    let out = this.tree;
    for (const [kind, list] of this.added) {
      if (list.length === 0) continue;
      const own = get(out, kind);
      const entries = [...list, ...(isMap(own) ? own.entries : [])];
      out = withEntry(out, kind, { kind: 'map', loc: own?.loc ?? list[0]!.keyLoc, entries });
    }
    return out;
  }
}
