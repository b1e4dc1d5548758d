import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { writeYaml } from '../emit/yaml-writer.js';
import { formatLoc, type Loc } from '../util/loc.js';
import { compareObjects, type FieldChange } from './compare.js';
import { describeId, identityOf, nameKey, type ObjectId } from './identity.js';
import { deepEqual, isObject, type JsonObject } from './json.js';
import { maskSecretChanges, maskSecretPair } from './mask.js';
import { normalize } from './normalize.js';
import { unifiedDiff } from './unified.js';

/** One side's object: what converting would write, or what exists (read from a file, with positions). */
export interface DiffSide {
  object: unknown;
  loc?: Loc;
  locate?: (path: readonly (string | number)[]) => Loc;
}

export interface DiffOptions {
  /** The namespace of objects that name none (where `kubectl apply -n` would put them). */
  namespace?: string;
  /** How the unified diff names each side (default: the file, or "converted"). */
  label?: { before?: (side: DiffSide) => string; after?: (side: DiffSide) => string };
}

export type ObjectStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ObjectFieldChange extends FieldChange {
  /** A Secret's value: `before` and `after` are masks, never the values. */
  masked?: true;
  /** Where the existing value is written. */
  loc?: Loc;
}

export interface ObjectDiff {
  /** added: converting would create it; removed: it exists and converting no longer produces it. */
  status: ObjectStatus;
  id: ObjectId;
  /** Where the existing object is written. */
  before?: Loc;
  /** Where the new object would be written (a planned file), when known. */
  after?: Loc;
  changes: ObjectFieldChange[];
  /** Unified diff of the normalized objects, Secret values masked ('' when unchanged). */
  diff: string;
}

export interface DiffResult {
  objects: ObjectDiff[];
  summary: Record<ObjectStatus, number>;
  diagnostics: Diagnostic[];
}

interface Entry {
  side: DiffSide;
  norm: JsonObject;
  id: ObjectId;
}

/**
 * Compares the objects converting would write (`after`) with existing ones (`before`): matched
 * by API group, kind, namespace and name, normalized (normalize.ts), compared field by field
 * (compare.ts). Secret values are masked in everything returned.
 */
export function diffObjects(after: readonly DiffSide[], before: readonly DiffSide[], options: DiffOptions = {}): DiffResult {
  const diags = new Diagnostics();
  const afters = after.map((side) => entry(side, options.namespace));
  const befores = dedupe(before.map((side) => entry(side, options.namespace)), diags);

  // Matched exactly first, so that an object without a namespace does not take another's match.
  const byName = new Map<string, Entry[]>();
  for (const b of befores) byName.set(nameKey(b.id), [...(byName.get(nameKey(b.id)) ?? []), b]);
  const matched = new Map<Entry, Entry>();
  const take = (a: Entry, pick: (b: Entry) => boolean) => {
    const candidates = byName.get(nameKey(a.id));
    const i = candidates?.findIndex(pick) ?? -1;
    if (i < 0) return;
    matched.set(a, candidates![i]!);
    candidates!.splice(i, 1);
  };
  for (const a of afters) take(a, (b) => b.id.namespace === a.id.namespace);
  for (const a of afters) if (!matched.has(a)) take(a, (b) => a.id.namespace === undefined || b.id.namespace === undefined);

  const labelBefore = options.label?.before ?? ((s: DiffSide) => s.loc?.file ?? 'existing');
  const labelAfter = options.label?.after ?? ((s: DiffSide) => s.loc?.file ?? 'compose2kube convert');
  const objects: ObjectDiff[] = [];
  for (const a of afters) {
    const b = matched.get(a);
    objects.push(b ? compared(a, b, labelBefore, labelAfter) : oneSided('added', a, labelAfter));
  }
  const matchedBefore = new Set(matched.values());
  for (const b of befores) if (!matchedBefore.has(b)) objects.push(oneSided('removed', b, labelBefore));
  const summary: Record<ObjectStatus, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const o of objects) summary[o.status]++;
  return { objects, summary, diagnostics: diags.items };
}

function entry(side: DiffSide, namespace: string | undefined): Entry {
  const norm = normalize(side.object);
  const id = identityOf(norm, namespace);
  // The namespace is part of the identity; a manifest that leaves it to `kubectl -n` is not different.
  if (isObject(norm.metadata)) delete norm.metadata.namespace;
  return { side, norm, id };
}

/** The same object twice among the existing ones: the last wins, as it would after `kubectl apply`. */
function dedupe(entries: Entry[], diags: Diagnostics): Entry[] {
  const last = new Map<string, Entry>();
  for (const e of entries) {
    const key = `${nameKey(e.id)}\u0000${e.id.namespace ?? ''}`;
    const earlier = last.get(key);
    if (earlier) {
      const where = earlier.side.loc ? ` (also at ${formatLoc(earlier.side.loc)})` : '';
      diags.add('manifest-duplicate', `${describeId(e.id)} is defined twice${where}; the last one is compared`, e.side.loc);
    }
    last.set(key, e);
  }
  const kept = new Set(last.values());
  return entries.filter((e) => kept.has(e));
}

function compared(a: Entry, b: Entry, labelBefore: (s: DiffSide) => string, labelAfter: (s: DiffSide) => string): ObjectDiff {
  const base: ObjectDiff = { status: 'unchanged', id: a.id, changes: [], diff: '' };
  if (b.side.loc) base.before = b.side.loc;
  if (a.side.loc) base.after = a.side.loc;
  if (deepEqual(a.norm, b.norm)) return base;
  const { changes, aligned } = compareObjects(a.norm, b.norm, a.id.kind);
  if (changes.length === 0) return base;
  const secret = a.id.kind === 'Secret';
  const shown = secret ? maskSecretChanges(changes) : changes;
  const located: ObjectFieldChange[] = shown.map((c) => (c.beforeAt && b.side.locate ? { ...c, loc: b.side.locate(c.beforeAt) } : c));
  const masked = secret ? maskSecretPair(a.norm, aligned) : { after: a.norm, before: aligned };
  const diff = unifiedDiff(writeYaml(masked.before), writeYaml(masked.after), {
    before: `${labelBefore(b.side)}\t${describeId(b.id)}`,
    after: `${labelAfter(a.side)}\t${describeId(a.id)}`,
  });
  return { ...base, status: 'changed', changes: located, diff };
}

function oneSided(status: 'added' | 'removed', e: Entry, label: (s: DiffSide) => string): ObjectDiff {
  const masked = e.id.kind === 'Secret' ? maskSecretPair(e.norm, undefined).after! : e.norm;
  const text = writeYaml(masked);
  const name = `${label(e.side)}\t${describeId(e.id)}`;
  const diff = status === 'added' ? unifiedDiff('', text, { before: '/dev/null', after: name }) : unifiedDiff(text, '', { before: name, after: '/dev/null' });
  const out: ObjectDiff = { status, id: e.id, changes: [], diff };
  if (e.side.loc) out[status === 'added' ? 'after' : 'before'] = e.side.loc;
  return out;
}
