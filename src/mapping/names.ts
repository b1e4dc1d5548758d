import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';

/**
 * Kubernetes names. Every function turns any string into a valid name of its kind, leaves a name
 * that is already valid unchanged, and is deterministic. When a name has to be cut short, a hash
 * of the whole input replaces its end, so two long names that share a prefix stay different.
 */

/** A short, stable hash (FNV-1a, base 36) of `s`; the same input always gives the same suffix. */
export function shortHash(s: string, length = 5): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(-length);
}

/** Cut `s` to `max` characters, ending in `-<hash of raw>` so the cut stays unique. */
function truncate(s: string, max: number, raw: string): string {
  if (s.length <= max) return s;
  const hash = shortHash(raw);
  return `${s.slice(0, max - hash.length - 1).replace(/[-.]+$/, '')}-${hash}`;
}

/** Lower-case letters, digits and '-'; anything else becomes one '-'. */
function lowerDashed(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/**
 * RFC 1035 label (Service names, and every object named after a compose service): lower-case
 * letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63.
 */
export function dnsLabel(raw: string, max = 63): string {
  let s = lowerDashed(raw).replace(/^-+|-+$/g, '');
  if (s === '') s = 'x';
  if (!/^[a-z]/.test(s)) s = `c-${s}`;
  return truncate(s, max, raw);
}

export function isDnsLabel(s: string): boolean {
  return /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s);
}

/** RFC 1123 label (container names, pod volume names, hostnames): may start with a digit. */
export function dns1123Label(raw: string, max = 63): string {
  let s = lowerDashed(raw).replace(/^-+|-+$/g, '');
  if (s === '') s = 'x';
  return truncate(s, max, raw);
}

export function isDns1123Label(s: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s);
}

/** RFC 1123 subdomain (ConfigMap, Secret, Ingress... names): dot-separated labels, at most 253. */
export function dnsSubdomain(raw: string): string {
  const labels = raw
    .toLowerCase()
    .split('.')
    .map((l) => l.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((l) => l !== '');
  const s = labels.length === 0 ? 'x' : labels.join('.');
  return truncate(s, 253, raw);
}

export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s);
}

/** IANA_SVC_NAME (port names): at most 15 of [a-z0-9-], at least one letter, no leading, trailing or double '-'. */
export function portName(raw: string): string {
  let s = lowerDashed(raw).replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (!/[a-z]/.test(s)) s = s === '' ? 'port' : `p-${s}`;
  if (s.length <= 15) return s;
  const hash = shortHash(raw, 4);
  const prefix = s.slice(0, 10).replace(/-+$/, '');
  // The hash may be all digits: then a letter has to come from the prefix.
  return /[a-z]/.test(prefix + hash) ? `${prefix}-${hash}` : `p-${prefix.slice(0, 8).replace(/-+$/, '')}-${hash}`;
}

export function isPortName(s: string): boolean {
  return /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

/** Label values: empty, or at most 63 of [A-Za-z0-9._-] starting and ending with a letter or digit. */
export function labelValue(raw: string): string {
  const s = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (s.length <= 63) return s;
  const hash = shortHash(raw);
  return `${s.slice(0, 63 - hash.length - 1).replace(/[^A-Za-z0-9]+$/, '')}-${hash}`;
}

export function isLabelValue(s: string): boolean {
  return s === '' || /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(s);
}

/**
 * The first name `make(base)`, `make(base-2)`, ... that is not in `used`; it is added to `used`.
 * `make` keeps each candidate valid (and cuts the base, not the counter, when it is too long).
 */
export function uniqueName(used: Set<string>, base: string, make: (raw: string) => string): string {
  let name = make(base);
  for (let i = 2; used.has(name); i++) name = make(`${base}-${i}`);
  used.add(name);
  return name;
}

/**
 * The Kubernetes name of a compose element (`what`, e.g. `volume "db_data"`), with a `name-changed`
 * warning when Kubernetes needs a different spelling, so users know which name to look for.
 */
export function kubeName(
  diags: Diagnostics,
  what: string,
  raw: string,
  loc: Loc,
  make: (raw: string) => string = dnsLabel,
): string {
  const name = make(raw);
  if (name !== raw) {
    diags.warn(
      'name-changed',
      `${what} is named "${name}" in Kubernetes (names must be lower-case letters, digits and '-', at most 63 characters)`,
      loc,
      `refer to it as "${name}" in Kubernetes`,
    );
  }
  return name;
}
