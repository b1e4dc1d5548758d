/**
 * What the page shows, computed from what the user typed, with the library's public API only:
 * convert -> planLayout (the CLI's own layouts), and where each emitted field came from (the
 * notes of the mapped objects, found again in the emitted text).
 */
import { parseAllDocuments, isMap, isScalar, isSeq, type Document } from 'yaml';
import {
  convert,
  equivalence,
  planLayout,
  type AnnotationLevel,
  type ConvertOptions,
  type Diagnostic,
  type Equivalence,
  type MappedObject,
  type Note,
  type OutputFile,
  type OutputRequest,
  type PlanSource,
  type ServiceType,
} from '../../src/index.js';

export const COMPOSE_FILE = 'compose.yaml';
export const LAYOUTS = ['stream', 'json', 'files', 'kustomize', 'helm'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/** Everything the page needs to convert: the compose text, the other files, the controls. */
export interface PlaygroundState {
  compose: string;
  /** `.env`, env files, secret and config files, by path relative to the project directory. */
  files: Record<string, string>;
  annotate: AnnotationLevel;
  serviceType: ServiceType;
  namespace: string;
  createNamespace: boolean;
  layout: LayoutName;
}

export const DEFAULT_STATE: PlaygroundState = { compose: '', files: {}, annotate: 'full', serviceType: 'ClusterIP', namespace: '', createNamespace: false, layout: 'stream' };

/** A field of an emitted file and the compose places it came from. */
export interface FieldSpan {
  /** Index of the output file. */
  file: number;
  /** Character offsets in that file's text. */
  from: number;
  to: number;
  object: MappedObject;
  /** The notes on this field; none for an object's first line, which stands for the whole object. */
  notes: Note[];
}

export interface Conversion {
  files: OutputFile[];
  spans: FieldSpan[];
  diagnostics: Diagnostic[];
  failed: boolean;
  /** An output request the layout cannot meet (the CLI's exit 2 usage errors). */
  layoutError?: string;
  objects: number;
  project?: string;
}

export function options(state: PlaygroundState): ConvertOptions {
  const namespace = state.namespace.trim();
  return {
    annotate: state.annotate,
    serviceType: state.serviceType,
    ...(namespace ? { namespace } : {}),
    ...(state.createNamespace ? { createNamespace: true } : {}),
  };
}

export function inputFiles(state: PlaygroundState): Record<string, string> {
  return { ...state.files, [COMPOSE_FILE]: state.compose };
}

/** The CLI's output request for a layout of the page (`-o out/` stands for a directory). */
function request(layout: LayoutName, annotate: AnnotationLevel, namespace?: string, project?: string): OutputRequest {
  const base: OutputRequest = { annotate, ...(namespace ? { namespace } : {}), ...(project ? { project } : {}) };
  switch (layout) {
    case 'stream':
      return base;
    case 'json':
      return { ...base, format: 'json' };
    case 'files':
      return { ...base, output: 'out/' };
    case 'kustomize':
      return { ...base, output: 'out/', kustomize: true };
    case 'helm':
      return { ...base, output: 'out/', helm: {} };
  }
}

export function run(state: PlaygroundState): Conversion {
  const files = inputFiles(state);
  const opts = options(state);
  const result = convert(files, opts);
  const base = { diagnostics: result.diagnostics, failed: result.failed, objects: result.objects.length, ...(result.project ? { project: result.project.name } : {}) };
  if (result.failed) return { ...base, files: [], spans: [] };
  const source: PlanSource = {
    mapped: result.mapped,
    diagnostics: result.diagnostics,
    ...(result.places ? { places: result.places } : {}),
    ...(result.project ? { project: result.project } : {}),
    // A chart's values choose the service type: it is made from the published services as LoadBalancers too, as the CLI does.
    ...(state.layout === 'helm' ? { published: convert(files, { ...opts, serviceType: 'LoadBalancer' }).mapped } : {}),
  };
  const planned = planLayout(source, request(state.layout, state.annotate, result.namespace, result.project?.name));
  if ('error' in planned) return { ...base, files: [], spans: [], layoutError: planned.error };
  const out = planned.plan.files;
  return { ...base, files: out, spans: out.flatMap((f, i) => fieldSpans(f.content, i, result.mapped)) };
}

const identity = (kind: unknown, namespace: unknown, name: unknown) => `${String(kind)}/${String(namespace ?? '')}/${String(name)}`;

/**
 * The fields of the objects in one emitted text (YAML or JSON: both parse as YAML), each with the
 * notes of the mapped object it is in. Texts that are not plain manifests (Helm templates) have none.
 */
export function fieldSpans(text: string, file: number, mapped: readonly MappedObject[]): FieldSpan[] {
  const byId = new Map(mapped.map((m) => [identity(m.object.kind, m.object.metadata.namespace, m.object.metadata.name), m]));
  const spans: FieldSpan[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { version: '1.1' }) as Document.Parsed[];
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    if (doc.errors.length > 0) continue;
    // A JSON List: its items are the objects.
    const items = doc.get('kind') === 'List' && isSeq(doc.get('items', true)) ? (doc.get('items', true) as { items: unknown[] }).items.map((_, i) => ['items', i]) : [[]];
    for (const prefix of items as (string | number)[][]) {
      const object = byId.get(identity(doc.getIn([...prefix, 'kind']), doc.getIn([...prefix, 'metadata', 'namespace']), doc.getIn([...prefix, 'metadata', 'name'])));
      if (!object) continue;
      const head = range(doc, [...prefix, 'apiVersion']);
      if (head) spans.push({ file, ...head, object, notes: [] });
      const byPath = new Map<string, Note[]>();
      for (const n of object.notes) {
        const k = JSON.stringify(n.path);
        byPath.set(k, [...(byPath.get(k) ?? []), n]);
      }
      for (const notes of byPath.values()) {
        const at = range(doc, [...prefix, ...notes[0]!.path]);
        if (at) spans.push({ file, ...at, object, notes });
      }
    }
  }
  return spans;
}

/** Where the key (and its value) or the list item at `path` is written. */
function range(doc: Document.Parsed, path: readonly (string | number)[]): { from: number; to: number } | undefined {
  const last = path[path.length - 1];
  if (last === undefined) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    const key = pair && isScalar(pair.key) ? pair.key : undefined;
    if (!key?.range) return undefined;
    const value = pair!.value as { range?: [number, number, number] } | null;
    return { from: key.range[0], to: value?.range ? value.range[1] : key.range[1] };
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as { range?: [number, number, number] } | undefined;
    return item?.range ? { from: item.range[0], to: item.range[1] } : undefined;
  }
  return undefined;
}

/** The innermost field at an offset of an output file. */
export function spanAt(spans: readonly FieldSpan[], file: number, offset: number): FieldSpan | undefined {
  let best: FieldSpan | undefined;
  for (const s of spans) {
    if (s.file !== file || offset < s.from || offset > s.to) continue;
    if (!best || s.to - s.from < best.to - best.from) best = s;
  }
  return best;
}

/** The compose places of a field: its notes' positions, or the object's origin for its first line. */
export function placesOf(span: FieldSpan): { file: string; line: number; column: number }[] {
  return span.notes.length > 0 ? span.notes.map((n) => n.loc) : [span.object.origin.loc];
}

/**
 * The lines a compose key at (line, column) spans: its own line and the lines below indented
 * deeper than it (its value written as a block), blank lines at the end left out. 1-based, inclusive.
 */
export function blockLines(text: string, line: number, column: number): { first: number; last: number } {
  const lines = text.split('\n');
  const own = lines[line - 1] ?? '';
  // The key's indentation: a key inside a `- ` item starts after the dash.
  const indent = Math.min(column - 1, own.length - own.trimStart().length + (own.trimStart().startsWith('- ') ? 2 : 0));
  let last = line;
  for (let i = line; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    if (l.length - l.trimStart().length > indent) last = i + 1;
    else break;
  }
  return { first: line, last };
}

/** The fields whose compose places cover a compose line: the most specific ones (the smallest block). */
export function spansFromCompose(spans: readonly FieldSpan[], compose: string, line: number): FieldSpan[] {
  let best: FieldSpan[] = [];
  let size = Infinity;
  for (const s of spans) {
    for (const p of placesOf(s)) {
      if (p.file !== COMPOSE_FILE) continue;
      const b = blockLines(compose, p.line, p.column);
      if (line < b.first || line > b.last) continue;
      const n = b.last - b.first;
      if (n < size) {
        size = n;
        best = [s];
      } else if (n === size && !best.includes(s)) best.push(s);
    }
  }
  return best;
}

/** What a field's notes say, for the panel beside it: the equivalence rows of their keys. */
export interface FieldExplanation {
  key: string;
  at: string;
  fidelity?: string;
  row?: Equivalence;
  detail?: string;
}

export function explain(span: FieldSpan): { title: string; rows: FieldExplanation[] } {
  const { object } = span;
  const title = `${object.object.kind} ${object.object.metadata.name}`;
  if (span.notes.length === 0) {
    return { title, rows: [{ key: object.origin.what, at: `${object.origin.loc.file}:${object.origin.loc.line}:${object.origin.loc.column}` }] };
  }
  return {
    title,
    rows: span.notes.map((n) => {
      const row = equivalence(n.key);
      const fidelity = n.fidelity ?? row?.fidelity;
      return { key: n.key.replace(/^services\./, ''), at: `${n.loc.file}:${n.loc.line}:${n.loc.column}`, ...(fidelity ? { fidelity } : {}), ...(row ? { row } : {}), ...(n.detail ? { detail: n.detail } : {}) };
    }),
  };
}
