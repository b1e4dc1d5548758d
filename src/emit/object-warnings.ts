import { atEachPlace, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappedObject, Note } from '../mapping/context.js';
import { rowKeyOf, sameSubject, type PlaceIndex } from '../mapping/subjects.js';
import { formatLoc } from '../util/loc.js';

/** A diagnostic printed in an object's comments: at the field it concerns, or above the object. */
export interface PlacedWarning {
  diagnostic: Diagnostic;
  /** The field the comment goes above; undefined: above the object. */
  path?: (string | number)[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Where the (first) container sits in each workload kind. */
export function containerPath(kind: string): (string | number)[] | undefined {
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0];
  return WORKLOAD_KINDS.has(kind) ? ['spec', 'template', 'spec', 'containers', 0] : undefined;
}

/**
 * The warnings (and notes) that concern each object. A diagnostic concerns the objects that cite
 * its compose position (a field made from the key it is about); one that no object cites
 * concerns the main object of its element: the workload of a service, else the first object
 * made from the element. Inside an object it goes above the field made from its key (the in-place
 * comment on what was approximated), above the container for a service key that made no field
 * (what was dropped), else above the object. Errors never reach here: nothing is emitted then.
 */
export function placeWarnings(objects: readonly MappedObject[], diagnostics: readonly Diagnostic[], places?: PlaceIndex): Map<MappedObject, PlacedWarning[]> {
  const out = new Map<MappedObject, PlacedWarning[]>();
  const citing = new Map<string, MappedObject[]>();
  for (const o of objects) {
    for (const loc of [o.origin.loc, ...o.notes.map((n) => n.loc)]) {
      const id = formatLoc(loc);
      const list = citing.get(id) ?? [];
      if (!list.includes(o)) list.push(o);
      citing.set(id, list);
    }
  }
  // A caveat said once for several services is printed in the objects of each.
  for (const d of atEachPlace(diagnostics)) {
    if (d.severity === 'error' || !d.file || !d.line) continue;
    const loc = { file: d.file, line: d.line, column: d.column ?? 1 };
    const cited = citing.get(formatLoc(loc));
    const targets = cited ?? (d.subject ? mainObject(objects, d) : undefined) ?? [];
    for (const o of targets) {
      const list = out.get(o) ?? [];
      list.push(place(o, d, places));
      out.set(o, list);
    }
  }
  return out;
}

function mainObject(objects: readonly MappedObject[], d: Diagnostic): MappedObject[] | undefined {
  const own = objects.filter((o) => sameSubject(o.subject, d.subject));
  const main = own.find((o) => WORKLOAD_KINDS.has(o.object.kind)) ?? own[0];
  return main ? [main] : undefined;
}

function place(o: MappedObject, d: Diagnostic, places?: PlaceIndex): PlacedWarning {
  const loc = { file: d.file!, line: d.line!, column: d.column ?? 1 };
  const same = o.notes.find((n) => formatLoc(n.loc) === formatLoc(loc));
  if (same) return { diagnostic: d, path: same.path };
  const where = places?.at(loc) ?? [];
  const written = where.find((p) => sameSubject(p.subject, d.subject)) ?? where[0];
  if (written && written.path.length > 0) {
    const key = rowKeyOf(written);
    const related = closestNote(o.notes, key);
    if (related) return { diagnostic: d, path: related.path };
    if (written.subject.section === 'services') {
      const container = containerPath(o.object.kind);
      if (container) return { diagnostic: d, path: container };
    }
  }
  return { diagnostic: d };
}

/** The note made from the key itself, else from the nearest key around it (`deploy.update_config` for `deploy.update_config.monitor`). */
function closestNote(notes: readonly Note[], key: string): Note | undefined {
  let best: Note | undefined;
  for (const n of notes) {
    if (n.key !== key && !key.startsWith(`${n.key}.`)) continue;
    // `services` is every service's own row: too far to say anything about one key.
    if (n.key === 'services') continue;
    if (!best || n.key.length > best.key.length) best = n;
  }
  return best;
}
