import { normalize } from '../util/path.js';
import { ITEM, PatternTable, type TreePath } from './tree-path.js';
import { splitPortSyntax } from './port-syntax.js';
import { get, isMap, scalarString, type YNode } from './tree.js';

/**
 * Lists whose items are unique by a key (compose-go override/uncity.go): ports by host IP,
 * published port, target and protocol; volumes, secrets and configs by target path; key/value
 * lists by key; plain lists by value. A later item with the same key replaces the earlier one in
 * its position, so merged files override instead of duplicating.
 */
type KeyOf = (item: YNode) => string | undefined;

export function enforceUnique<T extends YNode>(node: T): T {
  return walk(node, []) as T;
}

function walk(node: YNode, path: TreePath): YNode {
  if (isMap(node)) {
    let changed = false;
    const entries = node.entries.map((e) => {
      const value = walk(e.value, [...path, e.key]);
      if (value === e.value) return e;
      changed = true;
      return { ...e, value };
    });
    return changed ? { ...node, entries } : node;
  }
  if (node.kind !== 'seq') return node;
  const keyOf = UNIQUE.lookup(path);
  const unique = keyOf ? dedupe(node.items, keyOf) : node.items;
  const items = unique.map((i) => walk(i, [...path, ITEM]));
  return unique === node.items && items.every((x, i) => x === node.items[i]) ? node : { ...node, items };
}

function dedupe(items: readonly YNode[], keyOf: KeyOf): readonly YNode[] {
  const out: YNode[] = [];
  const at = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    const j = key === undefined ? undefined : at.get(key);
    if (j !== undefined) out[j] = item;
    else {
      if (key !== undefined) at.set(key, out.length);
      out.push(item);
    }
  }
  return out.length === items.length && out.every((x, i) => x === items[i]) ? items : out;
}

/** `KEY=VALUE` items by KEY; other strings by themselves. */
const keyValue: KeyOf = (item) => {
  const s = scalarString(item);
  if (s === undefined) return undefined;
  const eq = s.indexOf('=');
  return eq < 0 ? s : s.slice(0, eq);
};

const byText: KeyOf = (item) => scalarString(item);

/** Secrets and configs: by target, which defaults to `<dir>/<source>`. */
function mountTarget(dir: string): KeyOf {
  return (item) => {
    if (isMap(item)) return scalarString(get(item, 'target')) ?? `${dir}/${scalarString(get(item, 'source')) ?? ''}`;
    const s = scalarString(item);
    return s === undefined ? undefined : `${dir}/${s}`;
  };
}

/** `[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`, or the long form, as one comparable key. */
const portKey: KeyOf = (item) => {
  if (isMap(item)) {
    const target = scalarString(get(item, 'target'));
    if (target === undefined) return undefined;
    const hostIp = scalarString(get(item, 'host_ip')) ?? '0.0.0.0';
    const protocol = scalarString(get(item, 'protocol')) ?? 'tcp';
    return `${hostIp}:${scalarString(get(item, 'published')) ?? ''}:${target}/${protocol}`;
  }
  const text = scalarString(item);
  if (text === undefined) return undefined;
  const p = splitPortSyntax(text);
  return p ? `${p.hostIp ?? '0.0.0.0'}:${p.published ?? ''}:${p.target}/${p.protocol}` : text;
};

/** `[SOURCE:]TARGET[:MODE]` (a Windows drive letter stays with its path), or the long form's target. */
const volumeTarget: KeyOf = (item) => cleanKey(rawVolumeTarget(item));

/** Targets compare cleaned, as compose-go compares them (`/data/` and `/data` are one mount). */
function cleanKey(target: string | undefined): string | undefined {
  return target?.startsWith('/') ? normalize(target) : target;
}

const rawVolumeTarget: KeyOf = (item) => {
  if (isMap(item)) return scalarString(get(item, 'target'));
  const text = scalarString(item);
  if (text === undefined) return undefined;
  const parts = text.split(':');
  if (parts.length > 1 && /^[A-Za-z]$/.test(parts[0]!) && /^[\\/]/.test(parts[1]!)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  return parts.length === 1 ? parts[0] : parts[1];
};

const deviceTarget: KeyOf = (item) => {
  if (isMap(item)) return scalarString(get(item, 'target'));
  const parts = scalarString(item)?.split(':');
  return parts === undefined ? undefined : (parts[1] ?? parts[0]);
};

const envFilePath: KeyOf = (item) => (isMap(item) ? scalarString(get(item, 'path')) : scalarString(item));

const UNIQUE = new PatternTable<KeyOf>({
  'networks.*.labels': keyValue,
  'networks.*.ipam.options': keyValue,
  'services.*.annotations': keyValue,
  'services.*.build.args': keyValue,
  'services.*.build.additional_contexts': keyValue,
  'services.*.build.tags': keyValue,
  'services.*.build.labels': keyValue,
  'services.*.cap_add': keyValue,
  'services.*.cap_drop': keyValue,
  'services.*.configs': mountTarget(''),
  'services.*.deploy.labels': keyValue,
  'services.*.devices': deviceTarget,
  'services.*.dns': keyValue,
  'services.*.dns_opt': keyValue,
  'services.*.dns_search': keyValue,
  'services.*.environment': keyValue,
  'services.*.env_file': envFilePath,
  'services.*.expose': byText,
  'services.*.labels': keyValue,
  'services.*.links': keyValue,
  'services.*.networks.*.aliases': keyValue,
  'services.*.networks.*.link_local_ips': keyValue,
  'services.*.ports': portKey,
  'services.*.profiles': keyValue,
  'services.*.secrets': mountTarget('/run/secrets'),
  'services.*.sysctls': keyValue,
  'services.*.tmpfs': keyValue,
  'services.*.volumes': volumeTarget,
});
