import type { Diagnostic } from './diagnostics/diagnostic.js';
import { Diagnostics, sortDiagnostics } from './diagnostics/diagnostic.js';
import { collapseRepeatedCaveats } from './diagnostics/repeated.js';
import { emitFiles } from './emit/emit.js';
import { inNamespace, isNamespaceName, namespaceObject } from './emit/namespace.js';
import { orderObjects as emitOrder } from './emit/order.js';
import { streamOf, type EmitOptions, type OutputFile } from './emit/yaml.js';
import { memoryReader, type FileReader, type LoadOptions } from './compose/host.js';
import { loadProject } from './compose/load.js';
import type { Project } from './compose/model.js';
import { mapProject, type Judgement, type KubeObject, type MapOptions, type MappedObject, type PlaceIndex } from './mapping/index.js';
import { attachSubjects } from './mapping/subjects.js';
import { dnsLabel } from './mapping/names.js';

export interface ConvertOptions extends MapOptions, EmitOptions, Partial<Omit<LoadOptions, 'reader'>> {
  /** Put every namespaced object in this namespace (`-n`). */
  namespace?: string;
  /** Emit the Namespace first (`--create-namespace`); without `namespace`, it is named after the project. */
  createNamespace?: boolean;
}

export interface ConvertResult {
  /** The resolved compose project, when it loaded. */
  project?: Project;
  /** The Kubernetes objects, in output order. */
  objects: KubeObject[];
  /** The objects with their origin and field notes, in output order. */
  mapped: MappedObject[];
  /** The multi-document YAML stream (empty when there are errors). */
  text: string;
  /** One file per object, as `-o DIR/` writes them. */
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** Source texts by the file names diagnostics use, for code frames. */
  sources: Map<string, string>;
  /** True when any diagnostic is an error: nothing should be written. */
  failed: boolean;
  /** Where each compose key is written, by element (for the report and the comments). */
  places?: PlaceIndex;
  /** How faithfully each place a compose key is written converts. */
  judgements: Judgement[];
  /** The namespace the objects are in, when one was asked for. */
  namespace?: string;
}

/**
 * The whole pipeline, without touching the file system: load -> map -> emit. `files` is either a
 * map of path -> contents (e.g. in a browser) or a reader the caller backs with real files.
 */
export function convert(files: Readonly<Record<string, string>> | FileReader, options: ConvertOptions = {}): ConvertResult {
  // A named directory, so a project loaded from contents alone still gets a project name.
  const workingDir = options.workingDir ?? '/project';
  const reader = isReader(files) ? files : memoryReader(files, workingDir);
  const loaded = loadProject({ ...options, workingDir, env: options.env ?? {}, reader });
  // Each caveat once per run, whichever stage said it (a variable unset wherever it is used).
  const diagnostics = collapseRepeatedCaveats(loaded.diagnostics);
  const empty = { objects: [], mapped: [], text: '', files: [], sources: loaded.sources, judgements: [] };
  if (!loaded.project) return { ...empty, diagnostics: sortDiagnostics(diagnostics), failed: true };
  const mapped = mapProject(loaded.project, { ...options, reader });
  // The loader's diagnostics concern the element they are written in, as the mapper's do.
  attachSubjects(mapped.places, [], diagnostics);
  diagnostics.push(...mapped.diagnostics);
  const namespace = namespaceOf(options, loaded.project, diagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const base = {
    project: loaded.project,
    ...empty,
    diagnostics: sortDiagnostics(diagnostics),
    failed,
    places: mapped.places,
    judgements: mapped.judgements,
    ...(namespace ? { namespace } : {}),
  };
  if (failed) return base;
  // Ordered once: the files, the stream and `objects` all follow the same order.
  let ordered = emitOrder(mapped.objects);
  if (namespace) ordered = inNamespace(ordered, namespace);
  if (namespace && options.createNamespace) ordered = [namespaceObject(namespace, loaded.project), ...ordered];
  const context = { diagnostics: base.diagnostics, places: mapped.places };
  // Emitted when asked for: a caller that plans its own layout does not pay for this one.
  let emitted: OutputFile[] | undefined;
  let stream: string | undefined;
  return {
    ...base,
    mapped: ordered,
    objects: ordered.map((o) => o.object),
    get files() {
      return (emitted ??= emitFiles(ordered, options, context));
    },
    get text() {
      return (stream ??= streamOf(this.files));
    },
  };
}

/** The namespace asked for, or the project's own for `--create-namespace` alone; an invalid name is an error. */
function namespaceOf(options: ConvertOptions, project: Project, diagnostics: Diagnostic[]): string | undefined {
  const namespace = options.namespace ?? (options.createNamespace ? dnsLabel(project.name) : undefined);
  if (namespace === undefined || isNamespaceName(namespace)) return namespace;
  const diags = new Diagnostics();
  diags.error('usage', `namespace "${namespace}" is not a valid name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters`);
  diagnostics.push(...diags.items);
  return undefined;
}

function isReader(x: unknown): x is FileReader {
  return typeof (x as FileReader).readFile === 'function';
}
