/**
 * Kubernetes names. Service names must be RFC 1035 labels (lower case letters, digits and '-',
 * starting with a letter, at most 63 characters); using that for every object keeps one name per
 * compose service.
 */
export function dnsLabel(raw: string, max = 63): string {
  let s = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s === '') s = 'x';
  if (!/^[a-z]/.test(s)) s = `c-${s}`;
  if (s.length > max) s = s.slice(0, max).replace(/-+$/, '');
  return s;
}

export function isDnsLabel(s: string): boolean {
  return /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s);
}

/** IANA_SVC_NAME: at most 15 characters, [a-z0-9-], at least one letter, no leading/trailing/double '-'. */
export function portName(raw: string): string {
  let s = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 15)
    .replace(/-+$/, '');
  if (!/[a-z]/.test(s)) s = `p-${s}`.slice(0, 15).replace(/-+$/, '');
  return s;
}

export function isPortName(s: string): boolean {
  return /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

/** Label values: at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends. */
export function labelValue(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
