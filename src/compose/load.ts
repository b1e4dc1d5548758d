import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkedReader } from './checked-reader.js';
import { discoverFiles, displayPath, initialProjectDir, type FoundFile } from './discover.js';
import { loadEnvironment, type ProjectEnv } from './environment.js';
import { resolveExtends } from './extends.js';
import type { LoadOptions } from './host.js';
import { resolveIncludes } from './include.js';
import type { LoadContext, LoadScope } from './load-context.js';
import { mergeFiles } from './merge.js';
import type { Project } from './model.js';
import { normalizeProject } from './normalize.js';
import { disabledServices, selectProfiles } from './profiles.js';
import { projectNameFrom } from './project-name.js';
import { checkConsistency } from './consistency.js';
import { checkReferences } from './references.js';
import { interpolateComposeFile, parseComposeFile } from './read.js';
import type { YMap } from './tree.js';
import { validateCompose } from './validate.js';

export interface LoadResult {
  /** Undefined when errors made the project unusable. */
  project?: Project;
  diagnostics: Diagnostic[];
  /** Every source text read, keyed by the file name diagnostics use (for code frames). */
  sources: Map<string, string>;
}

interface ParsedFile {
  file: FoundFile;
  tree: YMap | undefined;
}

/**
 * The loader, in the order Docker Compose applies its rules: read the environment, find the
 * files, name the project, then per file interpolate and resolve extends and include; merge the
 * files in order, validating each step; select profiles; normalize into the canonical model.
 */
export function loadProject(given: LoadOptions): LoadResult {
  const diags = new Diagnostics();
  // Every text file the loader reads is checked once before it is parsed: size, encoding, readable.
  const options: LoadOptions = { ...given, reader: checkedReader(given.reader, diags, (abs) => displayPath(given, abs)) };
  const sources = new Map<string, string>();
  const done = () => ({ diagnostics: diags.items, sources });

  // Compose reads the .env where it starts looking (it may set COMPOSE_FILE), then, when the files
  // turn out to live elsewhere, the project directory's .env underneath it.
  const startDir = initialProjectDir(options);
  const early = loadEnvironment(options, startDir, diags, sources);
  const found = discoverFiles(options, early.lookup, diags);
  if (!found) return done();
  const { projectDir } = found;
  const explicitEnvFiles = Boolean(options.envFiles?.length || options.env.COMPOSE_ENV_FILES);
  const projectEnv = projectDir === startDir || explicitEnvFiles ? early : withFallback(early, loadEnvironment(options, projectDir, diags, sources));

  const parsed = found.files.map((file) => ({ file, tree: parse(file, diags, sources) }));
  const named = parsed.flatMap((p) => (p.tree ? [p.tree] : []));
  const name = projectNameFrom(options, named, projectDir, projectEnv.lookup, diags);
  // Compose files may use ${COMPOSE_PROJECT_NAME}: Compose sets it to the project's name.
  const withName = withVariable(projectEnv, 'COMPOSE_PROJECT_NAME', name);
  // Compose defines PWD as the working directory when its environment lacks it (started without a shell).
  const env = withName.lookup('PWD') === undefined ? withVariable(withName, 'PWD', options.workingDir) : withName;

  const ctx: LoadContext = { options, diags, sources, env, loadTrees: (files, scope) => loadTrees(files, scope, ctx) };
  const trees = processFiles(parsed, { workingDir: projectDir, env, includeChain: [] }, ctx);
  if (diags.hasErrors) return done();
  const merged = mergeFiles(trees, diags, (t) => validateCompose(t, diags));
  if (!merged || diags.hasErrors) return done();
  const profiles = options.profiles?.length ? options.profiles : splitList(env.lookup('COMPOSE_PROFILES'));
  const selected = selectProfiles(merged, profiles, diags);
  const project = normalizeProject(selected, {
    name,
    workingDir: projectDir,
    files: found.files.map((f) => f.path),
    env,
    reader: options.reader,
    contentReader: given.reader,
    diags,
    sources,
    cwd: options.workingDir,
  });
  const disabled = disabledServices(merged, selected);
  if (Object.keys(disabled).length > 0) project.disabledServices = disabled;
  if (diags.hasErrors) return done();
  const checked = checkReferences(project, diags);
  checkConsistency(checked, diags);
  return { project: diags.hasErrors ? undefined : checked, ...done() };
}

function parse(file: FoundFile, diags: Diagnostics, sources: Map<string, string>): YMap | undefined {
  sources.set(file.path, file.text);
  return parseComposeFile(file, diags);
}

function loadTrees(files: FoundFile[], scope: LoadScope, ctx: LoadContext): YMap[] {
  return processFiles(
    files.map((file) => ({ file, tree: parse(file, ctx.diags, ctx.sources) })),
    scope,
    ctx,
  );
}

/** Each file of one project: interpolated, extends and include resolved. */
function processFiles(files: ParsedFile[], scope: LoadScope, ctx: LoadContext): YMap[] {
  const trees: YMap[] = [];
  for (const { file, tree } of files) {
    if (!tree) continue;
    const interpolated = interpolateComposeFile(tree, file, scope.env.lookup, ctx.diags);
    const extended = resolveExtends(interpolated, file, scope, ctx);
    const included = resolveIncludes(extended, file, scope, ctx);
    trees.push(included);
  }
  return trees;
}

/** `env`, with the variables only `fallback` defines added. */
function withFallback(env: ProjectEnv, fallback: ProjectEnv): ProjectEnv {
  const vars = { ...fallback.vars, ...env.vars };
  // A name env sets (from its files or the process) comes from there; only the others from fallback's files.
  const fromFallback = Object.entries(fallback.fromFiles ?? {}).filter(([name]) => env.lookup(name) === undefined);
  const fromFiles = { ...Object.fromEntries(fromFallback), ...env.fromFiles };
  return { ...env, vars, lookup: (name) => env.lookup(name) ?? fallback.lookup(name), fromFiles };
}

function withVariable(env: ProjectEnv, name: string, value: string): ProjectEnv {
  return { ...env, vars: { ...env.vars, [name]: value }, lookup: (n) => (n === name ? value : env.lookup(n)) };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
