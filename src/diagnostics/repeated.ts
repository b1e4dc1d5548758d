import type { Diagnostic } from './diagnostic.js';

const SUBJECT = /^service "((?:[^"\\]|\\.)*)": /;

/**
 * Each caveat once per run: warnings and notes that say the same thing about several services
 * (the healthcheck approximation, on every service that has one) become one, naming the
 * services, at the position of the first. Errors stay one per place: each must be fixed there.
 */
export function collapseRepeatedCaveats(items: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, { first: Diagnostic; services: string[] }>();
  const out: (Diagnostic | { group: string })[] = [];
  const repeats = new Map<string, { first: Diagnostic; count: number }>();
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
      if (seen) seen.count++;
      else {
        repeats.set(id, { first: d, count: 1 });
        out.push({ group: id });
      }
      continue;
    }
    const rest = d.message.slice(m[0].length);
    const id = JSON.stringify([d.code, d.severity, rest, d.hint ?? '']);
    const group = groups.get(id);
    if (group) {
      if (!group.services.includes(m[1]!)) group.services.push(m[1]!);
      continue;
    }
    groups.set(id, { first: d, services: [m[1]!] });
    out.push({ group: id });
  }
  return out.map((entry) => {
    if (!('group' in entry)) return entry;
    const repeated = repeats.get(entry.group);
    if (repeated) return repeated.count === 1 ? repeated.first : { ...repeated.first, message: `${repeated.first.message} (${repeated.count} places; the first is shown)` };
    const { first, services } = groups.get(entry.group)!;
    if (services.length === 1) return first;
    const rest = first.message.replace(SUBJECT, '');
    return { ...first, message: `${servicesNamed(services)}: ${rest}` };
  });
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
