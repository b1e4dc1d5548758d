import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { streamOf } from '../emit/yaml.js';
import { writeYaml } from '../emit/yaml-writer.js';
import type { Equivalence } from '../mapping/equivalences/index.js';
import type { KubeObject, MappedObject, Note } from '../mapping/context.js';
import { convert } from '../pipeline.js';

/** What the example of a row becomes when the real pipeline converts it. */
export interface ExampleRun {
  /** The example project, by file name. */
  files: Record<string, string>;
  /** The objects, cut down to the fields made from the row's key (all of them when no field is). */
  objects: KubeObject[];
  /** The same objects as a YAML stream. */
  kubernetes: string;
  /** What the conversion reported, as `convert` prints it (without code frames). */
  diagnostics: string[];
  /** Whether any object was cut down to the fields of the key. */
  focused: boolean;
  failed: boolean;
}

/** Converts the example of a row, as `compose2kube convert` would in a directory holding its files. */
export function runExample(row: Equivalence): ExampleRun | undefined {
  if (row.example === undefined) return undefined;
  const files = typeof row.example === 'string' ? { 'compose.yaml': row.example } : { ...row.example };
  const result = convert(files, { workingDir: '/example', env: {}, annotate: 'none' });
  const diagnostics = result.diagnostics.map((d: Diagnostic) => formatDiagnostic(d));
  if (result.failed) return { files, objects: [], kubernetes: '', diagnostics, focused: false, failed: true };
  const related = result.mapped.map((m) => ({ mapped: m, notes: relatedNotes(m.notes, row.key) }));
  const focused = related.some((r) => r.notes.length > 0);
  // An unsupported key makes nothing: the warnings say so, and the objects would only distract.
  const shown = focused ? related.filter((r) => r.notes.length > 0) : row.fidelity === 'unsupported' ? [] : related;
  const objects = shown.map((r) => (focused ? pruned(r.mapped, r.notes) : r.mapped.object));
  return { files, objects, kubernetes: streamOf(objects.map((o) => ({ content: writeYaml(o) }))), diagnostics, focused, failed: false };
}

/** Notes made from the key or a key inside it; failing those, from the nearest key around it. */
function relatedNotes(notes: readonly Note[], key: string): Note[] {
  const own = notes.filter((n) => n.key === key || n.key.startsWith(`${key}.`));
  if (own.length > 0 || key === 'services') return own;
  let parent = '';
  for (const n of notes) if (key.startsWith(`${n.key}.`) && n.key.length > parent.length && n.key !== 'services') parent = n.key;
  return parent ? notes.filter((n) => n.key === parent) : [];
}

type Path = readonly (string | number)[];

/** The object with only the fields at the notes' paths (and what names them: kind, name, list items' names). */
function pruned(mapped: MappedObject, notes: readonly Note[]): KubeObject {
  const { object } = mapped;
  const kept = keep(object, notes.map((n) => n.path)) as Record<string, unknown>;
  const { metadata, ...rest } = kept;
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name: object.metadata.name, ...((metadata as object | undefined) ?? {}) },
    ...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'apiVersion' && k !== 'kind')),
  } as KubeObject;
}

function keep(value: unknown, paths: readonly Path[], inList = false): unknown {
  if (paths.some((p) => p.length === 0)) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const inside = paths.filter((p) => p[0] === i || p[0] === String(i)).map((p) => p.slice(1));
      if (inside.length > 0) out.push(keep(item, inside, true));
    });
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  // A list item is known by its name (the container, the port, the volume).
  if (inList && typeof record.name === 'string') out.name = record.name;
  for (const [key, child] of Object.entries(record)) {
    const inside = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    if (inside.length > 0) out[key] = keep(child, inside);
  }
  return out;
}
