import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappedObject } from '../mapping/context.js';
import type { PlaceIndex } from '../mapping/subjects.js';
import { filesLayout, jsonLayout, kustomizeLayout, streamLayout, type Layout, type LayoutOptions, type OutputFormat } from './layouts/index.js';
import type { Project } from '../compose/model.js';
import { helmChart } from './helm/index.js';
import { kustomizeOverlays, type Overlay } from './overlays/index.js';
import { streamDocuments, type EmitContext, type EmitOptions, type OutputFile } from './yaml.js';

/** What the user asked for on the command line: `-o PATH`, `--format`, `--kustomize`, ... */
export interface OutputRequest extends Omit<LayoutOptions, 'fileName' | 'format'> {
  /** `-o PATH` as written (POSIX separators); absent or `-`: stdout. */
  output?: string;
  /** Whether PATH is an existing directory: the CLI looks, the plan cannot. */
  outputIsDirectory?: boolean;
  format?: OutputFormat;
  kustomize?: boolean;
  /** `--helm`: a chart; its version and appVersion (`--chart-version`, `--app-version`). */
  helm?: { version?: string; appVersion?: string };
}

/**
 * Where the output goes and what it holds. `files` are relative to `root`: the directory of
 * `-o DIR/`, or the directory of `-o FILE`. For stdout, `root` is empty and there is one file.
 */
export interface LayoutPlan {
  target: 'stdout' | 'file' | 'directory';
  root: string;
  files: OutputFile[];
  layout: 'stream' | 'json' | 'files' | 'kustomize' | 'helm';
}

/** The objects to write (in apply order) and what their comments draw on. */
export interface PlanSource {
  mapped: readonly MappedObject[];
  diagnostics?: readonly Diagnostic[];
  places?: PlaceIndex;
  /** For a chart: the project, and its conversion with the published services as LoadBalancers. */
  project?: Project;
  published?: readonly MappedObject[];
  /** For `--kustomize --overlay`: each override file's conversion; the objects above are the base. */
  overlays?: readonly Overlay[];
}

const LAYOUTS: Record<Exclude<LayoutPlan['layout'], 'helm'>, Layout> = { stream: streamLayout, json: jsonLayout, files: filesLayout, kustomize: kustomizeLayout };

/**
 * The files a convert writes for an output request: the one function the writer and
 * `convert --dry-run` share, so what is shown is what is written. Pure: it never looks at the
 * disk (the caller says whether PATH is an existing directory). A request that cannot be met
 * (`--kustomize` to a file, `--format json` into `.yaml`) is an error message, for exit code 2.
 */
export function planLayout(source: PlanSource, request: OutputRequest): { plan: LayoutPlan } | { error: string } {
  const where = target(request);
  if ('error' in where) return where;
  const fileFormat = where.fileName ? formatOfFile(where.fileName) : undefined;
  if (request.format && fileFormat && request.format !== fileFormat) {
    return { error: `--format ${request.format} cannot be written to ${request.output}: name the file .${request.format === 'json' ? 'json' : 'yaml'}` };
  }
  const format = request.format ?? fileFormat ?? 'yaml';
  if (request.kustomize && where.target !== 'directory') {
    return { error: `--kustomize writes a directory of files and a kustomization.yaml: give it one with -o DIR/` };
  }
  if (request.helm) return helmPlan(source, request, where);
  const layout: LayoutPlan['layout'] = request.kustomize ? 'kustomize' : where.target === 'directory' ? 'files' : format === 'json' ? 'json' : 'stream';
  const options: LayoutOptions = { format, ...(where.fileName ? { fileName: where.fileName } : {}) };
  if (request.annotate) options.annotate = request.annotate;
  if (request.comments !== undefined) options.comments = request.comments;
  if (request.namespace) options.namespace = request.namespace;
  if (request.project) options.project = request.project;
  const context = contextOf(source);
  const files = source.overlays?.length ? kustomizeOverlays(source.mapped, source.overlays, options, context) : LAYOUTS[layout](source.mapped, options, context);
  return { plan: { target: where.target, root: where.root, files, layout } };
}

/**
 * A YAML stream to stdout, planned as its documents one at a time so that the CLI writes each as it
 * is emitted: the same text as the plan's one file, never held whole. Undefined for any other request.
 */
export function streamedOutput(source: PlanSource, request: OutputRequest): Iterable<string> | undefined {
  const where = target(request);
  if ('error' in where || where.target !== 'stdout' || request.kustomize || request.helm || source.overlays?.length) return undefined;
  if ((request.format ?? 'yaml') !== 'yaml') return undefined;
  const options: EmitOptions = {};
  if (request.annotate) options.annotate = request.annotate;
  if (request.comments !== undefined) options.comments = request.comments;
  return streamDocuments(source.mapped, options, contextOf(source));
}

function contextOf(source: PlanSource): EmitContext {
  return { ...(source.diagnostics ? { diagnostics: source.diagnostics } : {}), ...(source.places ? { places: source.places } : {}) };
}

function helmPlan(source: PlanSource, request: OutputRequest, where: { target: LayoutPlan['target']; root: string }): { plan: LayoutPlan } | { error: string } {
  if (where.target !== 'directory') return { error: '--helm writes a chart (Chart.yaml, values.yaml, templates/): give it a directory with -o DIR/' };
  if (request.format === 'json') return { error: '--helm writes YAML templates: leave out --format json' };
  if (!source.project) return { error: '--helm needs the compose project' };
  const files = helmChart({
    project: source.project,
    mapped: source.mapped,
    ...(source.published ? { published: source.published } : {}),
    ...(request.namespace ? { namespace: request.namespace } : {}),
    ...(request.helm?.version !== undefined ? { version: request.helm.version } : {}),
    ...(request.helm?.appVersion !== undefined ? { appVersion: request.helm.appVersion } : {}),
    annotate: request.comments === false ? 'none' : (request.annotate ?? 'full'),
    context: contextOf(source),
  });
  return { plan: { target: 'directory', root: where.root, files, layout: 'helm' } };
}

function target(request: OutputRequest): { target: LayoutPlan['target']; root: string; fileName?: string } | { error: string } {
  const output = request.output;
  if (output === undefined || output === '-') return { target: 'stdout', root: '' };
  if (output === '') return { error: '-o needs a path: a directory (DIR/), a .yaml or .yml file, or a .json file' };
  const trailing = /\/+$/.test(output);
  const path = output.replace(/(.)\/+$/, '$1');
  if (trailing || request.outputIsDirectory) return { target: 'directory', root: path };
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || base === '..') return { target: 'directory', root: path };
  if (!formatOfFile(base)) {
    return { error: `cannot tell whether ${output} is a file or a directory: name a file .yaml, .yml or .json, or end a directory with /` };
  }
  return { target: 'file', root: slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash), fileName: base };
}

function formatOfFile(name: string): OutputFormat | undefined {
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/\.json$/i.test(name)) return 'json';
  return undefined;
}
