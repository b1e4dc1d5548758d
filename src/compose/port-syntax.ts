/** The parts of a short-syntax port, `[[HOST_IP:]PUBLISHED:]TARGET[/PROTOCOL]`, as written. */
export interface PortParts {
  hostIp?: string;
  published?: string;
  target: string;
  /** As written (not validated); `tcp` when absent. */
  protocol: string;
}

/**
 * Split a short-syntax port the way Compose does: the protocol after the last `/`, an IPv6 host
 * address in brackets, then up to three `:`-separated parts. Undefined when there are too many.
 */
export function splitPortSyntax(text: string): PortParts | undefined {
  let rest = text.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  const withHost = (p: PortParts): PortParts => (hostIp === undefined ? p : { ...p, hostIp });
  if (parts.length === 1) return withHost({ target: parts[0]!, protocol });
  if (parts.length === 2) return withHost({ published: parts[0]!, target: parts[1]!, protocol });
  if (parts.length === 3 && hostIp === undefined) {
    const p: PortParts = { published: parts[1]!, target: parts[2]!, protocol };
    if (parts[0]) p.hostIp = parts[0];
    return p;
  }
  return undefined;
}
