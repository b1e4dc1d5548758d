import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappedObject, Note } from '../mapping/context.js';
import { equivalence } from '../mapping/equivalences/index.js';
import { KIND_RATIONALES } from '../mapping/equivalences/kinds.js';
import { formatLoc, type Loc } from '../util/loc.js';
import type { PlacedWarning } from './object-warnings.js';
import type { FieldComment } from './yaml-writer.js';

/**
 * How much the comments say:
 * - `full`, the teacher: where each field came from, how faithfully and why, with a link to the
 *   Kubernetes docs; why the object is of its kind; the warnings that concern it, in place.
 * - `brief`, for committed manifests: the compose origin of each object and field, nothing more.
 * - `none`: no comments.
 * The objects are the same at every level; only comments change.
 */
export type AnnotationLevel = 'none' | 'brief' | 'full';

export const ANNOTATION_LEVELS: readonly AnnotationLevel[] = ['none', 'brief', 'full'];

/** The comments of one object at a level; `warnings` are those placeWarnings chose for it. */
export function objectComments(mapped: MappedObject, level: AnnotationLevel, warnings: readonly PlacedWarning[] = []): FieldComment[] {
  if (level === 'none') return [];
  return level === 'brief' ? briefComments(mapped) : fullComments(mapped, warnings);
}

const short = (loc: Loc): string => `${loc.file}:${loc.line}`;
const shownKey = (key: string): string => key.replace(/^services\./, '');

function briefComments(mapped: MappedObject): FieldComment[] {
  const { kind, metadata } = mapped.object;
  const comments: FieldComment[] = [{ path: ['apiVersion'], text: `${kind} ${metadata.name} <- ${mapped.origin.what}, ${short(mapped.origin.loc)}` }];
  for (const notes of byPath(mapped.notes).values()) {
    const tags = [...new Set(notes.map((n) => `${shownKey(n.key)} <- ${short(n.loc)}`))];
    comments.push({ path: notes[0]!.path, text: tags.join(', ') });
  }
  return comments;
}

function fullComments(mapped: MappedObject, warnings: readonly PlacedWarning[]): FieldComment[] {
  const { kind, metadata } = mapped.object;
  // On the first key rather than the document, so no blank line separates it from the object.
  const header = [`${kind} ${metadata.name}: from ${mapped.origin.what} at ${formatLoc(mapped.origin.loc)}`, ...kindRationale(mapped)];
  const above = warnings.filter((w) => !w.path);
  for (const w of above) header.push(...warningLines(w.diagnostic));
  const comments: FieldComment[] = [{ path: ['apiVersion'], text: header.join('\n ') }];
  const explained = new Set<string>();
  for (const notes of byPath(mapped.notes).values()) {
    comments.push({ path: notes[0]!.path, text: notes.map((n) => noteText(n, explained)).join('\n ') });
  }
  // After the notes: at the same field, the warning follows what the field is.
  for (const w of warnings) if (w.path) comments.push({ path: w.path, text: warningLines(w.diagnostic).join('\n ') });
  return comments;
}

/** Why this object is of its kind, citing what in the compose file chose it. */
function kindRationale(mapped: MappedObject): string[] {
  const { kind } = mapped.object;
  const rationale = KIND_RATIONALES[kind];
  if (!rationale) return [];
  const article = /^[AEIOU]/.test(kind) ? 'an' : 'a';
  const chosen = mapped.notes.find((n) => n.path.length === 1 && n.path[0] === 'kind');
  const first = chosen
    ? `Why ${article} ${kind}: ${shownKey(chosen.key)} at ${formatLoc(chosen.loc)}${chosen.detail ? `: ${chosen.detail}` : ''}. ${capitalized(rationale.why)}`
    : `Why ${article} ${kind} (${mapped.origin.what}, ${formatLoc(mapped.origin.loc)}): ${rationale.why}`;
  const lines = [first];
  if (rationale.notInstead) lines.push(`  ${rationale.notInstead}`);
  lines.push(`  docs: ${rationale.docs}`);
  return lines;
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const VERDICT: Partial<Record<string, string>> = {
  'unsupported': 'not converted',
  'unmapped-key': 'not converted',
  'approximate': 'approximated',
};

/** One diagnostic as comment lines: what happened, at which compose position, and what to do instead. */
function warningLines(d: Diagnostic): string[] {
  const verdict = VERDICT[d.code] ?? (d.severity === 'info' ? 'note' : 'warning');
  const lines = [`${verdict} (${d.file}:${d.line}:${d.column ?? 1}): ${d.message} [${d.code}]`];
  if (d.hint) lines.push(`  instead: ${d.hint}`);
  return lines;
}

/** Notes on the same field are joined into one comment. */
function byPath(notes: readonly Note[]): Map<string, Note[]> {
  const out = new Map<string, Note[]>();
  for (const n of notes) {
    const k = JSON.stringify(n.path);
    out.set(k, [...(out.get(k) ?? []), n]);
  }
  return out;
}

function noteText(n: Note, explained: Set<string>): string {
  const eq = equivalence(n.key);
  let text = `${shownKey(n.key)} <- ${formatLoc(n.loc)}`;
  const fidelity = n.fidelity ?? eq?.fidelity;
  // Explained once per object, unless this field is converted more or less faithfully than the last.
  const explanation = `${n.key} ${fidelity}`;
  let docs: string | undefined;
  if (eq && !explained.has(explanation)) {
    explained.add(explanation);
    // The explanation is a sentence; the detail of this field continues it.
    text += ` (${fidelity}): ${n.detail ? eq.explanation.replace(/\.$/, '') : eq.explanation}`;
    docs = eq.docs;
  }
  if (n.detail) text += `; ${n.detail}`;
  return docs ? `${text}\n   docs: ${docs}` : text;
}
