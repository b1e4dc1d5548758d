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
  type MappedObject,
  type Note,
  type OutputRequest,
  type PlanSource,
} from '../../src/index.js';
import { scanYaml, type ScannedDocument, type ScannedField } from './fields.js';
import { COMPOSE_FILE, type FieldExplanation, type PointedField } from './points.js';
import type { Conversion, LayoutName, PlaygroundState } from './state.js';

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
  return { ...base, files: out, spans: out.flatMap((f, i) => fieldSpans(f.content, i, result.mapped, f.path.endsWith('.json')).map(pointed)) };
}

const identity = (kind: unknown, namespace: unknown, name: unknown) => `${String(kind)}/${String(namespace ?? '')}/${String(name)}`;

/**
 * The fields of the objects in one emitted text, each with the notes of the mapped object it is
 * in. YAML is scanned (fields.ts); JSON (which parses as YAML) is parsed. Texts that are not plain
 * manifests (Helm templates) have none.
 */
export function fieldSpans(text: string, file: number, mapped: readonly MappedObject[], json = false): FieldSpan[] {
  const byId = new Map(mapped.map((m) => [identity(m.object.kind, m.object.metadata.namespace, m.object.metadata.name), m]));
  const spans: FieldSpan[] = [];
  const documents = json ? parsedDocuments(text) : scanYaml(text);
  for (const doc of documents) {
    const object = byId.get(identity(doc.kind, doc.namespace, doc.name));
    if (!object) continue;
    const at = new Map(doc.fields.map((f) => [JSON.stringify(f.path), f]));
    const head = at.get(JSON.stringify(['apiVersion']));
    if (head) spans.push({ file, from: head.from, to: head.to, object, notes: [] });
    const byPath = new Map<string, Note[]>();
    for (const n of object.notes) {
      const k = JSON.stringify(n.path);
      byPath.set(k, [...(byPath.get(k) ?? []), n]);
    }
    for (const [k, notes] of byPath) {
      const field = at.get(k);
      if (field) spans.push({ file, from: field.from, to: field.to, object, notes });
    }
  }
  return spans;
}

/** Parsed documents as the scanner describes them; a JSON List's items are documents of their own. */
function parsedDocuments(text: string): ScannedDocument[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text) as Document.Parsed[];
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  const out: ScannedDocument[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) continue;
    const items = doc.get('kind') === 'List' && isSeq(doc.get('items', true)) ? (doc.get('items', true) as { items: unknown[] }).items.map((_, i) => ['items', i]) : [[]];
    for (const prefix of items as (string | number)[][]) {
      const fields: ScannedField[] = [];
      collect(doc.getIn(prefix, true), [], fields);
      const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
      const kind = str(doc.getIn([...prefix, 'kind']));
      const name = str(doc.getIn([...prefix, 'metadata', 'name']));
      const namespace = str(doc.getIn([...prefix, 'metadata', 'namespace']));
      out.push({ fields, ...(kind ? { kind } : {}), ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) });
    }
  }
  return out;
}

/** Every key and list item under a parsed node, with the range of the key (or item) and its value. */
export function collect(node: unknown, path: (string | number)[], out: ScannedField[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const value = pair.value as { range?: [number, number, number] } | null;
      const p = [...path, String(pair.key.value)];
      out.push({ path: p, from: pair.key.range[0], to: value?.range ? value.range[1] : pair.key.range[1] });
      collect(pair.value, p, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const range = (item as { range?: [number, number, number] }).range;
      if (!range) return;
      out.push({ path: [...path, i], from: range[0], to: range[1] });
      collect(item, [...path, i], out);
    });
  }
}

/** A field as the page points at it: its compose places and its equivalence rows (fidelity, why, docs). */
export function pointed(span: FieldSpan): PointedField {
  const { object } = span;
  const at = (l: { file: string; line: number; column: number }) => `${l.file}:${l.line}:${l.column}`;
  const title = `${object.object.kind} ${object.object.metadata.name}`;
  const base = { file: span.file, from: span.from, to: span.to };
  if (span.notes.length === 0) return { ...base, places: [object.origin.loc], whole: true, info: { title, rows: [{ key: object.origin.what, at: at(object.origin.loc) }] } };
  const rows = span.notes.map((n): FieldExplanation => {
    const row = equivalence(n.key);
    const fidelity = n.fidelity ?? row?.fidelity;
    return {
      key: n.key.replace(/^services\./, ''),
      at: at(n.loc),
      ...(fidelity ? { fidelity } : {}),
      ...(n.detail ? { detail: n.detail } : {}),
      ...(row ? { explanation: row.explanation, docs: row.docs } : {}),
      // What differs and what to do instead, when this occurrence is not exact.
      ...(row?.reason && fidelity !== 'exact' ? { reason: row.reason } : {}),
      ...(row?.instead && fidelity !== 'exact' ? { instead: row.instead } : {}),
    };
  });
  return { ...base, places: span.notes.map((n) => n.loc), whole: false, info: { title, rows } };
}
