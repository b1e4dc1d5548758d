import { LineCounter, isMap, isSeq, isScalar, parseAllDocuments, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import { UNSUPPORTED, readBlockYaml } from './fast-yaml.js';
import { isObject, type Json, type JsonObject } from './json.js';
import { MANIFEST_YAML_OPTIONS, MAX_ALIAS_COUNT } from './kube-yaml.js';

/** A manifest file's text, under the name diagnostics and reports print. */
export interface ManifestSource {
  path: string;
  text: string;
}

/** One Kubernetes object read from a manifest, with where it is written. */
export interface ManifestObject {
  object: JsonObject;
  /** Where the object starts (its document, or its item of a `List`). */
  loc: Loc;
  /** Where a field of the object is written: the nearest enclosing field when the path is not in the file. */
  locate(path: readonly (string | number)[]): Loc;
  /** A kustomization file: build instructions, not an object of the cluster. */
  kustomization?: boolean;
}

export interface ReadManifestsResult {
  objects: ManifestObject[];
  diagnostics: Diagnostic[];
}

type Locator = (path: readonly (string | number)[]) => Loc;

/**
 * Manifest texts -> the Kubernetes objects in them: YAML multi-document streams (read as kubectl
 * reads them, kube-yaml.ts), JSON, and `List`s of objects. Problems are diagnostics at the
 * file, line and column they are at; a file with a problem contributes no objects.
 */
export function readManifests(sources: readonly ManifestSource[]): ReadManifestsResult {
  const diags = new Diagnostics();
  const objects: ManifestObject[] = [];
  for (const source of sources) {
    const found = readSource(source, diags);
    if (found) objects.push(...found);
  }
  return { objects, diagnostics: diags.items };
}

function readSource(source: ManifestSource, diags: Diagnostics): ManifestObject[] | undefined {
  const before = diags.items.length;
  const docs = /^\s*[{[]/.test(source.text) ? readJson(source, diags) : readYaml(source, diags);
  if (!docs || diags.items.slice(before).some((d) => d.severity === 'error')) return undefined;
  const out: ManifestObject[] = [];
  for (const doc of docs) extractObjects(source, doc, diags, out);
  return diags.items.slice(before).some((d) => d.severity === 'error') ? undefined : out;
}

/** A document's value, where it starts, and how to find its fields. */
interface ReadDocument {
  value: Json;
  loc: Loc;
  locate: Locator;
}

function readJson(source: ManifestSource, diags: Diagnostics): ReadDocument[] | undefined {
  let value: Json;
  try {
    value = JSON.parse(source.text) as Json;
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const { line, column } = lineColumn(source.text, at ? Number(at[1]) : 0);
    diags.error('json-syntax', `not valid JSON: ${message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`, { file: source.path, line, column });
    return undefined;
  }
  const locate = lazyLocator(source.text, 1, source.path);
  return [{ value, loc: { file: source.path, line: 1, column: 1 }, locate }];
}

const MARKER = /^(---|\.\.\.)(?=\s|$)/;

/** The documents of a YAML stream, each read by the fast reader when it can and by the library when not. */
function readYaml(source: ManifestSource, diags: Diagnostics): ReadDocument[] | undefined {
  const chunks = splitDocuments(source.text);
  if (!chunks) return readWholeYaml(source, diags);
  const docs: ReadDocument[] = [];
  for (const chunk of chunks) {
    const start = contentStart(chunk.text);
    if (start === undefined) continue;
    const loc = { file: source.path, line: chunk.line + start, column: 1 };
    const fast = readBlockYaml(chunk.text);
    if (fast !== UNSUPPORTED) {
      docs.push({ value: fast, loc, locate: lazyLocator(chunk.text, chunk.line, source.path) });
      continue;
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(chunk.text, { ...MANIFEST_YAML_OPTIONS, lineCounter, prettyErrors: false });
    const value = documentValue(doc, (offset) => offsetLoc(lineCounter, offset, chunk.line, source.path), diags);
    if (value === undefined) continue;
    docs.push({ value, loc, locate: locatorOf(doc, lineCounter, chunk.line, source.path) });
  }
  return docs;
}

/** Directives, content on a `---` line or `...` markers: the library reads the stream as a whole. */
function readWholeYaml(source: ManifestSource, diags: Diagnostics): ReadDocument[] {
  const lineCounter = new LineCounter();
  const docs: ReadDocument[] = [];
  for (const doc of parseAllDocuments(source.text, { ...MANIFEST_YAML_OPTIONS, lineCounter, prettyErrors: false })) {
    const value = documentValue(doc, (offset) => offsetLoc(lineCounter, offset, 1, source.path), diags);
    if (value === undefined || doc.contents === null) continue;
    const start = (doc.contents as YamlNode).range?.[0] ?? 0;
    docs.push({ value, loc: { ...offsetLoc(lineCounter, start, 1, source.path), column: 1 }, locate: locatorOf(doc, lineCounter, 1, source.path) });
  }
  return docs;
}

/** The document's value, or undefined after reporting why there is none. */
function documentValue(doc: Document, locOf: (offset: number) => Loc, diags: Diagnostics): Json | undefined {
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const duplicate = e.code === 'DUPLICATE_KEY';
      diags.add(duplicate ? 'yaml-duplicate-key' : 'yaml-syntax', firstLine(e.message), locOf(e.pos[0]));
    }
    return undefined;
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Json;
  } catch (e) {
    // Alias bombs and documents nested deeper than the call stack.
    const start = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
    diags.error('yaml-too-large', e instanceof RangeError ? 'the document nests mappings or lists too deeply to be read' : firstLine((e as Error).message), locOf(start));
    return undefined;
  }
}

/**
 * The documents of a stream as separate texts, split at `---` lines, or undefined when the stream
 * needs the library to be read as a whole. A line that starts with a document marker cannot be
 * content inside a document (YAML forbids it), so splitting there is exact.
 */
export function splitDocuments(text: string): { text: string; line: number }[] | undefined {
  const chunks: { text: string; line: number }[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let at = 0;
  while (at <= text.length) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    const c = text.charCodeAt(at);
    if (c === 45 /* - */ || c === 46 /* . */ || c === 37 /* % */) {
      const lineText = text.slice(at, stop);
      if (c === 37) return undefined;
      const m = MARKER.exec(lineText);
      if (m) {
        if (m[1] === '...') return undefined;
        const rest = lineText.slice(3).trim();
        if (rest !== '' && !rest.startsWith('#')) return undefined;
        chunks.push({ text: text.slice(start, at), line: startLine });
        start = end < 0 ? text.length : end + 1;
        startLine = line + 1;
      }
    }
    if (end < 0) break;
    at = end + 1;
    line++;
  }
  chunks.push({ text: text.slice(start), line: startLine });
  return chunks;
}

/** The 0-based line of the first line with content (not blank, not a comment), or undefined. */
function contentStart(text: string): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !t.startsWith('#')) return i;
  }
  return undefined;
}

function offsetLoc(lineCounter: LineCounter, offset: number, firstLine: number, file: string): Loc {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line: line + firstLine - 1, column: col };
}

/** Finds fields by parsing the text with positions only when a location is asked for. */
function lazyLocator(text: string, firstLine: number, file: string): Locator {
  let locate: Locator | undefined;
  return (path) => {
    if (!locate) {
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { ...MANIFEST_YAML_OPTIONS, lineCounter, prettyErrors: false, uniqueKeys: false });
      locate = locatorOf(doc, lineCounter, firstLine, file);
    }
    return locate(path);
  };
}

function locatorOf(doc: Document, lineCounter: LineCounter, firstLine: number, file: string): Locator {
  return (path) => {
    let node: unknown = doc.contents;
    let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) break;
        offset = (pair.key as YamlNode).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
        node = node.items[step];
        offset = (node as YamlNode).range?.[0] ?? offset;
      } else {
        break;
      }
    }
    return offsetLoc(lineCounter, offset, firstLine, file);
  };
}

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** The objects of one document: the document itself, or the items of a `List`. */
function extractObjects(source: ManifestSource, doc: ReadDocument, diags: Diagnostics, out: ManifestObject[]): void {
  const { value, loc } = doc;
  if (value === null) return;
  if (!isObject(value)) {
    diags.error('manifest-invalid', `a manifest document must be a Kubernetes object (a mapping with apiVersion, kind and metadata), not ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`}`, loc);
    return;
  }
  if (isKustomization(source.path, value)) {
    const object: JsonObject = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...value };
    object.metadata = { ...(isObject(value.metadata) ? value.metadata : {}), name: source.path };
    out.push({ object, loc, locate: doc.locate, kustomization: true });
    return;
  }
  const items = value.items;
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(items)) {
    items.forEach((item, i) => {
      const at = doc.locate(['items', i]);
      const locate: Locator = (path) => doc.locate(['items', i, ...path]);
      if (!isObject(item)) diags.error('manifest-invalid', `item ${i} of the ${value.kind} is not a Kubernetes object`, at);
      else checked(item, at, locate, diags, out);
    });
    return;
  }
  checked(value, loc, doc.locate, diags, out);
}

function isKustomization(path: string, value: JsonObject): boolean {
  return (typeof value.apiVersion === 'string' && value.apiVersion.startsWith('kustomize.config.k8s.io/')) || (KUSTOMIZATION_FILE.test(path) && value.apiVersion === undefined);
}

function checked(object: JsonObject, loc: Loc, locate: Locator, diags: Diagnostics, out: ManifestObject[]): void {
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof object[field] !== 'string' || object[field] === '') {
      diags.error('manifest-invalid', `not a Kubernetes object: ${field} is ${object[field] === undefined ? 'missing' : 'not a string'}`, object[field] === undefined ? loc : locate([field]));
      return;
    }
  }
  const metadata = object.metadata;
  const name = isObject(metadata) ? metadata.name : undefined;
  if (typeof name !== 'string' || name === '') {
    const generated = isObject(metadata) && typeof metadata.generateName === 'string';
    diags.error(
      'manifest-invalid',
      generated ? `${String(object.kind)} has only metadata.generateName: an object without a name cannot be compared` : `${String(object.kind)} has no metadata.name`,
      locate(['metadata']),
    );
    return;
  }
  out.push({ object, loc, locate });
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
