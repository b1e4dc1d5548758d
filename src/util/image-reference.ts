/**
 * Image references as Docker and the kubelet read them (the grammar of distribution/reference):
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ domain "/" ] path-component *( "/" path-component )
 *   domain     := host [ ":" port ]          (a DNS name, or an IPv6 address in brackets)
 *   path-component := [a-z0-9]+ *( separator [a-z0-9]+ ), separator := "." | "_" | "__" | "-"+
 *   tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest     := algorithm ":" hex (32 or more hex digits)
 *
 * A kubelet that cannot parse a pod's image fails it with InvalidImageName; compose2kube says so
 * at the compose file instead.
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
const PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);

/** Docker's limit on the length of a repository name (domain and path). */
const NAME_MAX = 255;

/** Why `ref` is not a valid image reference (`the tag after ":" is empty`), or undefined when it is one. */
export function imageReferenceProblem(ref: string): string | undefined {
  if (ref === '') return 'it is empty';
  if (/\s/.test(ref)) return 'it contains white space';
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (digest === '') return 'the digest after "@" is empty';
    if (!DIGEST.test(digest)) return `the digest "${digest}" is not ALGORITHM:HEX with at least 32 hex digits (e.g. sha256:...)`;
    rest = rest.slice(0, at);
  }
  // A ':' after the last '/' starts the tag; one before it belongs to a registry port.
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    const tag = rest.slice(colon + 1);
    if (tag === '') return 'the tag after ":" is empty';
    if (!TAG.test(tag)) return `the tag "${tag}" is not letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-")`;
    rest = rest.slice(0, colon);
  }
  if (rest === '') return 'the repository name is empty';
  if (rest.length > NAME_MAX) return `the repository name is longer than ${NAME_MAX} characters`;
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  // As Docker splits it: the first component is a registry when it has a '.' or ':', is localhost, or has upper case.
  const hasDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const path = hasDomain ? rest.slice(slash + 1) : rest;
  if (hasDomain && !DOMAIN_RE.test(first)) return `the registry "${first}" is not a host name with an optional :PORT`;
  if (path === '' || path.split('/').some((p) => p === '')) return 'a part of the repository name between "/" is empty';
  if (path !== path.toLowerCase()) return 'the repository name must be lower-case';
  if (!PATH_RE.test(path)) return 'the repository name is not lower-case letters and digits separated by "/", ".", "_", "__" or "-"';
  if (/^[a-f0-9]{64}$/.test(path)) return 'a repository name cannot be 64 hexadecimal digits (it reads as an image id)';
  return undefined;
}

export function isImageReference(ref: string): boolean {
  return imageReferenceProblem(ref) === undefined;
}
