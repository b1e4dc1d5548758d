/**
 * The `format`s the compose schema uses, as ajv format validators. Compose checks a port's
 * `host_ip` with Go's net.ParseIP: dotted IPv4 without leading zeros, or IPv6 (with `::` and an
 * optional IPv4 tail), without brackets or zone.
 */
export const FORMATS: Record<string, (value: string) => boolean> = {
  'ip-address': (value) => isIPv4(value) || isIPv6(value),
};

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

function isIPv6(value: string): boolean {
  const lastColon = value.lastIndexOf(':');
  if (lastColon < 0) return false;
  let text = value;
  const tail = value.slice(lastColon + 1);
  if (tail.includes('.')) {
    // An IPv4 tail stands for the last two groups.
    if (!isIPv4(tail)) return false;
    text = `${value.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}
