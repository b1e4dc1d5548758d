import type { Diagnostic, DiagnosticPlace } from './diagnostic.js';

const SUBJECT = /^service "((?:[^"\\]|\\.)*)": /;

/**
 * Each caveat once per run: warnings and notes that say the same thing about several services
 * (the healthcheck approximation, on every service that has one) become one, naming the
 * services, at the position of the first. Errors stay one per place: each must be fixed there.
 */
export function collapseRepeatedCaveats(items: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, { first: Diagnostic; services: string[]; also: DiagnosticPlace[] }>();
  const out: (Diagnostic | { group: string })[] = [];
  const repeats = new Map<string, { first: Diagnostic; count: number; also: DiagnosticPlace[] }>();
  for (const d of items) {
    if (d.severity === 'error') {
      out.push(d);
      continue;
    }
    const m = SUBJECT.exec(d.message);
    if (!m) {
      // The same words at several places (a variable unset wherever it is used): said once.
      const id = JSON.stringify(['same', d.code, d.severity, d.message, d.hint ?? '']);
      const seen = repeats.get(id);
      if (seen) {
        seen.count++;
        seen.also.push(placeOf(d), ...(d.also ?? []));
      } else {
        repeats.set(id, { first: d, count: 1, also: [...(d.also ?? [])] });
        out.push({ group: id });
      }
      continue;
    }
    const rest = d.message.slice(m[0].length);
    const id = JSON.stringify([d.code, d.severity, rest, d.hint ?? '']);
    const group = groups.get(id);
    if (group) {
      if (!group.services.includes(m[1]!)) group.services.push(m[1]!);
      group.also.push(placeOf(d), ...(d.also ?? []));
      continue;
    }
    groups.set(id, { first: d, services: [m[1]!], also: [...(d.also ?? [])] });
    out.push({ group: id });
  }
  return out.map((entry) => {
    if (!('group' in entry)) return entry;
    const repeated = repeats.get(entry.group);
    if (repeated) return repeated.count === 1 ? repeated.first : withAlso({ ...repeated.first, message: `${repeated.first.message} (${repeated.count} places; the first is shown)` }, repeated.also);
    const { first, services, also } = groups.get(entry.group)!;
    if (services.length === 1) return withAlso({ ...first }, also);
    const rest = first.message.replace(SUBJECT, '');
    return withAlso({ ...first, message: `${servicesNamed(services)}: ${rest}` }, also);
  });
}

function placeOf(d: Diagnostic): DiagnosticPlace {
  const place: DiagnosticPlace = {};
  if (d.file !== undefined) place.file = d.file;
  if (d.line !== undefined) place.line = d.line;
  if (d.column !== undefined) place.column = d.column;
  if (d.subject !== undefined) place.subject = d.subject;
  return place;
}

function withAlso(d: Diagnostic, also: DiagnosticPlace[]): Diagnostic {
  if (also.length === 0) {
    delete d.also;
    return d;
  }
  d.also = also;
  return d;
}

/** Beyond this many, a message names the first ones and counts the others: a line of 50 names reads as noise. */
const NAMED_AT_MOST = 10;

function servicesNamed(services: readonly string[]): string {
  const quoted = services.map((s) => `"${s}"`);
  if (quoted.length <= NAMED_AT_MOST) return `services ${listed(quoted)}`;
  return `${services.length} services (${quoted.slice(0, NAMED_AT_MOST).join(', ')} and ${services.length - NAMED_AT_MOST} more)`;
}

export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
