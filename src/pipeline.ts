import type { Diagnostic } from './diagnostics/diagnostic.js';
import { sortDiagnostics } from './diagnostics/diagnostic.js';
import { collapseRepeatedCaveats } from './diagnostics/repeated.js';
import { orderObjects as emitOrder } from './emit/order.js';
import { emitFiles, streamOf, type EmitOptions, type OutputFile } from './emit/yaml.js';
import { memoryReader, type FileReader, type LoadOptions } from './compose/host.js';
import { loadProject } from './compose/load.js';
import type { Project } from './compose/model.js';
import { mapProject, type KubeObject, type MapOptions, type MappedObject } from './mapping/index.js';

export interface ConvertOptions extends MapOptions, EmitOptions, Partial<Omit<LoadOptions, 'reader'>> {}

export interface ConvertResult {
  /** The resolved compose project, when it loaded. */
  project?: Project;
  /** The Kubernetes objects, in output order. */
  objects: KubeObject[];
  /** The objects with their origin and field notes. */
  mapped: MappedObject[];
  /** The multi-document YAML stream (empty when there are errors). */
  text: string;
  /** One file per object, for `-o DIR`. */
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** Source texts by the file names diagnostics use, for code frames. */
  sources: Map<string, string>;
  /** True when any diagnostic is an error: nothing should be written. */
  failed: boolean;
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
  const empty = { objects: [], mapped: [], text: '', files: [], sources: loaded.sources };
  if (!loaded.project) return { ...empty, diagnostics: sortDiagnostics(diagnostics), failed: true };
  const mapped = mapProject(loaded.project, { ...options, reader });
  diagnostics.push(...mapped.diagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const result: ConvertResult = {
    project: loaded.project,
    ...empty,
    diagnostics: sortDiagnostics(diagnostics),
    failed,
  };
  if (failed) return result;
  result.mapped = mapped.objects;
  // Ordered once: the files, the stream and `objects` all follow the same order.
  const ordered = emitOrder(mapped.objects);
  result.files = emitFiles(ordered, options);
  result.text = streamOf(result.files);
  result.objects = ordered.map((o) => o.object);
  return result;
}

function isReader(x: unknown): x is FileReader {
  return typeof (x as FileReader).readFile === 'function';
}
