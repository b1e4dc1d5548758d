/**
 * Kubernetes' name rules, written from the Kubernetes documentation (concepts/overview/
 * working-with-objects/names, labels; the Container and EnvVar API references) and independent of
 * src/mapping/names.ts, so tests of the tool's names do not grade it with its own functions.
 * test/mapping/names.test.ts holds each rule to the documentation's examples.
 */

const LABEL_1123 = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/** RFC 1123 label: at most 63 lower-case alphanumerics or '-', starting and ending alphanumeric. */
export function isRfc1123Label(s: string): boolean {
  return s.length >= 1 && s.length <= 63 && new RegExp(`^${LABEL_1123}$`).test(s);
}

/** RFC 1123 subdomain: at most 253, RFC 1123 labels joined by '.'. */
export function isRfc1123Subdomain(s: string): boolean {
  return s.length >= 1 && s.length <= 253 && new RegExp(`^${LABEL_1123}(\\.${LABEL_1123})*$`).test(s);
}

/** RFC 1035 label (Service names): an RFC 1123 label that starts with a letter. */
export function isRfc1035Label(s: string): boolean {
  return isRfc1123Label(s) && /^[a-z]/.test(s);
}

/** IANA_SVC_NAME (port names): 1-15 of [a-z0-9-], at least one letter, no '-' at either end, no '--'. */
export function isIanaServiceName(s: string): boolean {
  return s.length >= 1 && s.length <= 15 && /^[a-z0-9-]+$/.test(s) && /[a-z]/.test(s) && !s.startsWith('-') && !s.endsWith('-') && !s.includes('--');
}

/** The name part of a label key, and a label value when not empty: at most 63, alphanumeric at both ends, `-_.` inside. */
function isQualifiedNamePart(s: string): boolean {
  return s.length >= 1 && s.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(s);
}

/** Label value: empty, or a qualified-name part. */
export function isLabelValueRule(s: string): boolean {
  return s === '' || isQualifiedNamePart(s);
}

/** Label (and annotation) key: an optional RFC 1123 subdomain prefix and '/', then a name part. */
export function isLabelKeyRule(s: string): boolean {
  const parts = s.split('/');
  if (parts.length > 2) return false;
  if (parts.length === 2 && !isRfc1123Subdomain(parts[0]!)) return false;
  return isQualifiedNamePart(parts[parts.length - 1]!);
}

/**
 * Environment variable name the API accepts since Kubernetes 1.34: printable ASCII but '=' (the
 * tool warns when a name is not also portable, below).
 */
export function isEnvVarName(s: string): boolean {
  return /^[\x20-\x7e]+$/.test(s) && !s.includes('=');
}

/**
 * Environment variable name every Kubernetes version accepts: letters, digits, '_', '-', '.', not
 * starting with a digit (before 1.34, the API rejected anything else; since, any printable ASCII but '=').
 */
export function isPortableEnvVarName(s: string): boolean {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s);
}
