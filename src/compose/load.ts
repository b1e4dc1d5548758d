import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { discoverFiles } from './discover.js';
import { loadEnvironment } from './environment.js';
import type { LoadOptions } from './host.js';
import { resolveIncludes } from './include.js';
import { interpolate } from './interpolate.js';
import { resolveExtends } from './extends.js';
import { mergeFiles } from './merge.js';
import type { Project } from './model.js';
import { normalizeProject } from './normalize.js';
import { parseYaml } from './parse.js';
import { selectProfiles } from './profiles.js';
import { isMap, type YMap } from './tree.js';
import { validateCompose } from './validate.js';
import { projectNameFrom } from './project-name.js';

export interface LoadResult {
  /** Undefined when errors made the project unusable. */
  project?: Project;
  diagnostics: Diagnostic[];
  /** Every source text read, keyed by the file name diagnostics use (for code frames). */
  sources: Map<string, string>;
}

/**
 * The loader, in the order Docker Compose applies its rules: find the files, read the environment,
 * then per file parse, interpolate, resolve include and extends, validate; merge the files in order;
 * select profiles; normalize into the canonical model.
 */
export function loadProject(options: LoadOptions): LoadResult {
  const diags = new Diagnostics();
  const sources = new Map<string, string>();
  const found = discoverFiles(options, diags);
  if (!found) return { diagnostics: diags.items, sources };

  const env = loadEnvironment(options, found.projectDir, diags, sources);
  const ctx = { options, env, projectDir: found.projectDir, diags, sources };

  const trees: YMap[] = [];
  for (const file of found.files) {
    sources.set(file.path, file.text);
    const parsed = parseYaml(file, diags);
    if (!parsed) continue;
    if (!isMap(parsed)) {
      diags.error('yaml-not-a-mapping', 'a compose file must be a mapping of top-level keys (services, volumes, ...)', parsed.loc);
      continue;
    }
    const interpolated = interpolate(parsed, env.lookup, diags) as YMap;
    const included = resolveIncludes(interpolated, file.absPath, ctx);
    const extended = resolveExtends(included, file.absPath, ctx);
    if (validateCompose(extended, diags)) trees.push(extended);
  }
  if (diags.hasErrors || trees.length === 0) return { diagnostics: diags.items, sources };

  const merged = mergeFiles(trees, diags);
  const name = projectNameFrom(options, merged, found.projectDir, env.lookup, diags);
  const selected = selectProfiles(merged, options.profiles ?? splitList(env.lookup('COMPOSE_PROFILES')), diags);
  const project = normalizeProject(selected, {
    name,
    workingDir: found.projectDir,
    files: found.files.map((f) => f.path),
    env,
    reader: options.reader,
    diags,
    sources,
    cwd: options.workingDir,
  });
  return { project: diags.hasErrors ? undefined : project, diagnostics: diags.items, sources };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
