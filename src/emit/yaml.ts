import type { MappedObject, Note } from '../mapping/context.js';
import { equivalence } from '../mapping/equivalences/index.js';
import { formatLoc } from '../util/loc.js';
import { orderObjects } from './order.js';
import { writeYaml, type FieldComment } from './yaml-writer.js';

export interface EmitOptions {
  /** Comments that say where each field came from and why (default true). */
  comments?: boolean;
}

export interface OutputFile {
  path: string;
  content: string;
}

/** One object -> one YAML document text (without the `---` separator). */
export function emitObject(mapped: MappedObject, options: EmitOptions = {}): string {
  const comments: FieldComment[] = [];
  if (options.comments !== false) {
    // On the first key rather than the document, so no blank line separates it from the object.
    comments.push({ path: ['apiVersion'], text: `${mapped.object.kind} ${mapped.object.metadata.name}: from ${mapped.origin.what} at ${formatLoc(mapped.origin.loc)}` });
    const explained = new Set<string>();
    // Notes on the same field are joined into one comment.
    const byPath = new Map<string, Note[]>();
    for (const n of mapped.notes) {
      const k = JSON.stringify(n.path);
      byPath.set(k, [...(byPath.get(k) ?? []), n]);
    }
    for (const notes of byPath.values()) {
      const lines = notes.map((n) => noteText(n, explained));
      comments.push({ path: notes[0]!.path, text: lines.join('\n ') });
    }
  }
  return writeYaml(mapped.object, comments);
}

function noteText(n: Note, explained: Set<string>): string {
  const eq = equivalence(n.key);
  let text = `${n.key.replace(/^services\./, '')} <- ${formatLoc(n.loc)}`;
  const fidelity = n.fidelity ?? eq?.fidelity;
  // Explained once per object, unless this field is converted more or less faithfully than the last.
  const explanation = `${n.key} ${fidelity}`;
  if (eq && !explained.has(explanation)) {
    explained.add(explanation);
    // The explanation is a sentence; the detail of this field continues it.
    text += ` (${fidelity}): ${n.detail ? eq.explanation.replace(/\.$/, '') : eq.explanation}`;
  }
  if (n.detail) text += `; ${n.detail}`;
  return text;
}

/** All objects as one multi-document stream, in a deterministic order. */
export function emitStream(objects: readonly MappedObject[], options: EmitOptions = {}): string {
  return streamOf(emitFiles(objects, options));
}

/** The files of emitFiles as one stream: the same text as emitStream, without emitting twice. */
export function streamOf(files: readonly OutputFile[]): string {
  return files.map((f) => `---\n${f.content}`).join('');
}

/** One file per object: `<name>-<kind>.yaml`. */
export function emitFiles(objects: readonly MappedObject[], options: EmitOptions = {}): OutputFile[] {
  return orderObjects(objects).map((o) => ({
    path: `${o.object.metadata.name}-${o.object.kind.toLowerCase()}.yaml`,
    content: emitObject(o, options),
  }));
}
