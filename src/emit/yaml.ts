import { Document, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { MappedObject, Note } from '../mapping/context.js';
import { equivalence } from '../mapping/equivalences/index.js';
import { formatLoc } from '../util/loc.js';
import { orderObjects } from './order.js';

export interface EmitOptions {
  /** Comments that say where each field came from and why (default true). */
  comments?: boolean;
}

export interface OutputFile {
  path: string;
  content: string;
}

/**
 * YAML 1.1 output: kubectl reads manifests as YAML 1.1, where `yes`, `on` or `0755` are not
 * strings, so the emitter quotes them the way a 1.1 reader needs.
 */
const DOC_OPTIONS = { version: '1.1' } as const;
const TO_STRING = { lineWidth: 0, indentSeq: true } as const;

/** One object -> one YAML document text (without the `---` separator). */
export function emitObject(mapped: MappedObject, options: EmitOptions = {}): string {
  const doc = new Document(mapped.object, DOC_OPTIONS);
  if (options.comments !== false) {
    // On the first key rather than the document, so no blank line separates it from the object.
    attachComment(doc, ['apiVersion'], `${mapped.object.kind} ${mapped.object.metadata.name}: from ${mapped.origin.what} at ${formatLoc(mapped.origin.loc)}`);
    const explained = new Set<string>();
    // Notes on the same field are joined into one comment.
    const byPath = new Map<string, Note[]>();
    for (const n of mapped.notes) {
      const k = JSON.stringify(n.path);
      byPath.set(k, [...(byPath.get(k) ?? []), n]);
    }
    for (const notes of byPath.values()) {
      const lines = notes.map((n) => noteText(n, explained));
      attachComment(doc, notes[0]!.path, lines.join('\n '));
    }
  }
  return doc.toString(TO_STRING);
}

function noteText(n: Note, explained: Set<string>): string {
  const eq = equivalence(n.key);
  let text = `${n.key.replace(/^services\./, '')} <- ${formatLoc(n.loc)}`;
  if (eq && !explained.has(n.key)) {
    explained.add(n.key);
    // The explanation is a sentence; the detail of this field continues it.
    text += ` (${eq.fidelity}): ${n.detail ? eq.explanation.replace(/\.$/, '') : eq.explanation}`;
  }
  if (n.detail) text += `; ${n.detail}`;
  return text;
}

/** Put a comment above the field at `path`: above the key for map entries, above the item for list items. */
function attachComment(doc: Document, path: (string | number)[], text: string): void {
  const last = path[path.length - 1];
  if (last === undefined) return;
  const parent = path.length === 1 ? doc.contents : (doc.getIn(path.slice(0, -1), true) as YamlNode | undefined);
  let target: YamlNode | undefined;
  if (typeof last === 'number' && isSeq(parent)) target = parent.items[last] as YamlNode | undefined;
  else if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
    target = pair && isScalar(pair.key) ? pair.key : undefined;
  }
  if (!target) return;
  target.commentBefore = target.commentBefore ? `${target.commentBefore}\n ${text}` : ` ${text}`;
}

/** All objects as one multi-document stream, in a deterministic order. */
export function emitStream(objects: readonly MappedObject[], options: EmitOptions = {}): string {
  return orderObjects(objects)
    .map((o) => emitObject(o, options))
    .map((text) => `---\n${text}`)
    .join('');
}

/** One file per object: `<name>-<kind>.yaml`. */
export function emitFiles(objects: readonly MappedObject[], options: EmitOptions = {}): OutputFile[] {
  return orderObjects(objects).map((o) => ({
    path: `${o.object.metadata.name}-${o.object.kind.toLowerCase()}.yaml`,
    content: emitObject(o, options),
  }));
}
