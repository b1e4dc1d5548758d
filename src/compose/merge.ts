import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import { enforceUnique } from './merge-unique.js';
import { ITEM, PatternTable, type TreePath } from './tree-path.js';
import { get, isMap, isScalar, isSeq, scalarString, type YEntry, type YMap, type YNode, type YScalar, type YSeq } from './tree.js';

interface MergeContext {
  diags: Diagnostics;
  /**
   * Keep `!reset`/`!override` tags in the result. `extends` needs this: the tags of an extending
   * service apply to the service it extends and, later, to the same service in earlier files.
   */
  keepTags: boolean;
}

/**
 * Merge the files of a project in order, later files overriding earlier ones, by Compose's rules
 * (compose-spec 13-merge.md, compose-go override/merge.go): mappings merge key by key, sequences
 * append, scalars are replaced; `command`, `entrypoint` and `healthcheck.test` are replaced;
 * key/value attributes (environment, labels, ...) merge by key whatever their form; `!reset`
 * removes a value and `!override` replaces it without merging. Values keep the nodes (and so the
 * locations) of the file they came from. Like Compose, `accept` (schema validation) checks the
 * result after each file; the merge stops at the first result it rejects.
 */
export function mergeFiles(trees: readonly YMap[], diags: Diagnostics, accept: (merged: YMap) => boolean = () => true): YMap | undefined {
  const mc: MergeContext = { diags, keepTags: false };
  let merged: YMap | undefined;
  for (const tree of trees) {
    merged = enforceUnique(stripMergeTags(merged ? mergeMaps(merged, tree, [], mc) : tree));
    if (!accept(merged)) return undefined;
  }
  return merged;
}

/** `extends`: the extending service `over` merged onto the service it extends. */
export function mergeService(base: YMap, over: YMap, name: string, diags: Diagnostics): YMap {
  return mergeMaps(stripMergeTags(base), over, ['services', name], { diags, keepTags: true });
}

/**
 * The tree as Compose sees it once the merge tags did their work: `!reset` entries removed, tags
 * dropped. Untouched subtrees are shared.
 */
function stripMergeTags<T extends YNode>(node: T): T {
  return strip(node) as T;
}

function strip(node: YNode): YNode {
  switch (node.kind) {
    case 'scalar':
      return node.tag === undefined ? node : untagged(node);
    case 'seq': {
      const items = node.items.map(strip);
      const same = node.tag === undefined && items.every((x, i) => x === node.items[i]);
      return same ? node : { ...untagged(node), items };
    }
    case 'map': {
      const entries = node.entries
        .filter((e) => e.value.tag !== '!reset')
        .map((e) => {
          const value = strip(e.value);
          return value === e.value ? e : { ...e, value };
        });
      const same = node.tag === undefined && entries.length === node.entries.length && entries.every((e, i) => e === node.entries[i]);
      return same ? node : { ...untagged(node), entries };
    }
  }
}

function untagged<T extends YNode>(node: T): T {
  const copy = { ...node };
  delete copy.tag;
  return copy;
}

function isNull(node: YNode): boolean {
  return isScalar(node) && node.value === null && node.tag === undefined;
}

function mergeNode(base: YNode, over: YNode, path: TreePath, mc: MergeContext): YNode {
  const special = SPECIAL.lookup(path);
  if (special) return special(base, over, path, mc);
  // An empty value (`key:`) in an override file leaves the earlier value alone.
  if (isNull(over)) return base;
  if (isMap(base)) return isMap(over) ? mergeMaps(base, over, path, mc) : conflict(base, over, path, mc);
  if (isSeq(base)) return isSeq(over) ? { ...base, items: [...base.items, ...over.items] } : conflict(base, over, path, mc);
  return over;
}

function conflict(base: YNode, over: YNode, path: TreePath, mc: MergeContext): YNode {
  mc.diags.error(
    'merge-conflict',
    `cannot merge ${path.join('.')}: it is ${shape(base)} in ${base.loc.file} but ${shape(over)} here`,
    over.loc,
    'write the value in the same form in both files, or mark this one `!override` to replace it',
  );
  return over;
}

function shape(node: YNode): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return node.value === null ? 'empty' : `a ${typeof node.value}`;
}

function mergeMaps(base: YMap, over: YMap, path: TreePath, mc: MergeContext): YMap {
  // Removed entries leave a hole until the end, so the index of every other entry stays valid.
  const entries: (YEntry | undefined)[] = [...base.entries];
  const index = new Map<string, number>();
  base.entries.forEach((e, i) => {
    if (!index.has(e.key)) index.set(e.key, i);
  });
  const set = (i: number | undefined, e: YEntry) => {
    if (i !== undefined) entries[i] = e;
    else index.set(e.key, entries.push(e) - 1);
  };
  for (const e of over.entries) {
    const i = index.get(e.key);
    if (e.value.tag === '!reset') {
      if (mc.keepTags) set(i, e);
      else if (i !== undefined) {
        entries[i] = undefined;
        index.delete(e.key);
      }
      continue;
    }
    if (i === undefined || e.value.tag === '!override') {
      set(i, e);
      continue;
    }
    const b = entries[i]!;
    const value = mergeNode(b.value, e.value, [...path, e.key], mc);
    // A replaced value points at the key that replaced it; a merged one at where it started.
    entries[i] = { key: e.key, keyLoc: value === e.value ? e.keyLoc : b.keyLoc, value };
  }
  return { ...base, entries: entries.filter((e) => e !== undefined) };
}

type Merger = (base: YNode, over: YNode, path: TreePath, mc: MergeContext) => YNode;

const replace: Merger = (_base, over) => over;

/**
 * Key/value attributes written as a mapping or as a `KEY=VALUE` list, in any mix across files:
 * merged by key, a later value replacing an earlier one in place. `KEY: null` (or a bare `KEY`)
 * still replaces: it means "take the value from the environment".
 */
const mergeDicts: Merger = (base, over, _path, mc) => {
  if (isNull(over)) return base;
  const asMap = isMap(over) && (isMap(base) || isNull(base));
  const items = dictItems(base);
  for (const item of dictItems(over)) {
    const i = items.findIndex((x) => x.key === item.key);
    if (item.value?.tag === '!reset') {
      if (i >= 0) items.splice(i, 1);
      // Only a mapping can carry the reset on to earlier files.
      if (mc.keepTags && asMap) items.push(item);
      continue;
    }
    if (i >= 0) items[i] = item;
    else items.push(item);
  }
  if (asMap) return { kind: 'map', loc: base.loc, entries: items.map(toEntry) };
  return { kind: 'seq', loc: base.loc, items: items.map(toListItem) };
};

interface DictItem {
  key: string;
  keyLoc: Loc;
  /** The value node; undefined for a bare `KEY` list item. */
  value?: YNode;
  /** The list item this came from, reused when the result is a list. */
  listItem?: YNode;
}

function dictItems(node: YNode): DictItem[] {
  if (isMap(node)) return node.entries.map((e) => ({ key: e.key, keyLoc: e.keyLoc, value: e.value }));
  const items = isSeq(node) ? node.items : isNull(node) ? [] : [node];
  return items.flatMap((i): DictItem[] => {
    const s = scalarString(i);
    if (s === undefined) return [];
    const eq = s.indexOf('=');
    if (eq < 0) return [{ key: s, keyLoc: i.loc, listItem: i }];
    const uses = isScalar(i) && i.uses ? { uses: i.uses } : {};
    return [{ key: s.slice(0, eq), keyLoc: i.loc, value: { kind: 'scalar', loc: i.loc, value: s.slice(eq + 1), ...uses }, listItem: i }];
  });
}

function toEntry(item: DictItem): YEntry {
  return { key: item.key, keyLoc: item.keyLoc, value: item.value ?? { kind: 'scalar', loc: item.keyLoc, value: null } };
}

function toListItem(item: DictItem): YNode {
  if (item.listItem) return item.listItem;
  const value = item.value && isScalar(item.value) && item.value.value !== null ? `=${String(item.value.value)}` : '';
  const uses = item.value && isScalar(item.value) && item.value.uses ? { uses: item.value.uses } : {};
  return { kind: 'scalar', loc: item.keyLoc, value: `${item.key}${value}`, ...uses };
}

function asList(node: YNode): YNode[] {
  if (isSeq(node)) return node.items;
  return isNull(node) ? [] : [node];
}

/** Lists that may be written as a single string (`dns: 8.8.8.8`): appended. */
const appendLists: Merger = (base, over) => {
  if (isNull(over)) return base;
  return { kind: 'seq', loc: base.loc, items: [...asList(base), ...asList(over)] } satisfies YSeq;
};

/** `extra_hosts`: one host may map to several addresses, so only identical entries collapse. */
const mergeExtraHosts: Merger = (base, over) => {
  if (isNull(over)) return base;
  const items = hostItems(base);
  const seen = new Set(items.map((i) => i.value));
  for (const item of hostItems(over)) {
    if (seen.has(item.value)) continue;
    seen.add(item.value);
    items.push(item);
  }
  return { kind: 'seq', loc: base.loc, items };
};

function hostItems(node: YNode): YScalar[] {
  if (isMap(node)) {
    return node.entries.flatMap((e) =>
      asList(e.value).flatMap((ip): YScalar[] => {
        const s = scalarString(ip);
        return s === undefined ? [] : [{ kind: 'scalar', loc: e.keyLoc, value: `${e.key}=${s}` }];
      }),
    );
  }
  return asList(node).flatMap((i): YScalar[] => {
    const s = scalarString(i);
    return s === undefined ? [] : [{ kind: 'scalar', loc: i.loc, value: s }];
  });
}

/** Attributes with a list form of names (`depends_on`, service `networks`): merged as mappings. */
function mergeAsMapping(defaults: Record<string, string | boolean> | undefined): Merger {
  return (base, over, path, mc) => {
    if (isNull(over)) return base;
    const b = namesToMap(base, defaults);
    const o = namesToMap(over, defaults);
    return b && o ? mergeMaps(b, o, path, mc) : over;
  };
}

function namesToMap(node: YNode, defaults: Record<string, string | boolean> | undefined): YMap | undefined {
  if (isMap(node)) return node;
  if (!isSeq(node)) return undefined;
  const entries = node.items.flatMap((i): YEntry[] => {
    const name = scalarString(i);
    if (name === undefined) return [];
    const value: YNode = defaults
      ? {
          kind: 'map',
          loc: i.loc,
          entries: Object.entries(defaults).map(([key, v]) => ({ key, keyLoc: i.loc, value: { kind: 'scalar', loc: i.loc, value: v } })),
        }
      : { kind: 'scalar', loc: i.loc, value: null };
    return [{ key: name, keyLoc: i.loc, value }];
  });
  return { kind: 'map', loc: node.loc, entries };
}

/** `build: ./dir` is `build: { context: ./dir }`. */
const mergeBuild: Merger = (base, over, path, mc) => {
  if (isNull(over)) return base;
  const b = buildMap(base);
  const o = buildMap(over);
  return b && o ? mergeMaps(b, o, path, mc) : over;
};

function buildMap(node: YNode): YMap | undefined {
  if (isMap(node)) return node;
  if (!isScalar(node) || node.value === null) return undefined;
  return { kind: 'map', loc: node.loc, entries: [{ key: 'context', keyLoc: node.loc, value: node }] };
}

/** Logging options only merge when both files use the same driver (or one names none). */
const mergeLogging: Merger = (base, over, path, mc) => {
  if (isNull(over)) return base;
  if (!isMap(base) || !isMap(over)) return over;
  const a = scalarString(get(base, 'driver'));
  const b = scalarString(get(over, 'driver'));
  return a === undefined || b === undefined || a === b ? mergeMaps(base, over, path, mc) : over;
};

/** IPAM pools are identified by their subnet. */
const mergeIpamConfig: Merger = (base, over, path, mc) => {
  if (!isSeq(base) || !isSeq(over)) return mergeNodeGeneric(base, over, path, mc);
  const items = [...base.items];
  for (const item of over.items) {
    const subnet = scalarString(get(item, 'subnet'));
    const i = items.findIndex((x) => scalarString(get(x, 'subnet')) === subnet);
    const existing = items[i];
    if (i >= 0 && isMap(existing) && isMap(item)) items[i] = mergeMaps(existing, item, [...path, ITEM], mc);
    else items.push(item);
  }
  return { ...base, items };
};

function mergeNodeGeneric(base: YNode, over: YNode, path: TreePath, mc: MergeContext): YNode {
  if (isNull(over)) return base;
  return isSeq(base) && isSeq(over) ? { ...base, items: [...base.items, ...over.items] } : conflict(base, over, path, mc);
}

const SPECIAL = new PatternTable<Merger>({
  'services.*.command': replace,
  'services.*.entrypoint': replace,
  'services.*.healthcheck.test': replace,
  'services.*.ulimits.*': replace,
  'services.*.environment': mergeDicts,
  'services.*.labels': mergeDicts,
  'services.*.annotations': mergeDicts,
  'services.*.sysctls': mergeDicts,
  'services.*.build.args': mergeDicts,
  'services.*.build.labels': mergeDicts,
  'services.*.build.additional_contexts': mergeDicts,
  'services.*.deploy.labels': mergeDicts,
  'networks.*.labels': mergeDicts,
  'volumes.*.labels': mergeDicts,
  'services.*.dns': appendLists,
  'services.*.dns_opt': appendLists,
  'services.*.dns_search': appendLists,
  'services.*.tmpfs': appendLists,
  'services.*.env_file': appendLists,
  'services.*.label_file': appendLists,
  'services.*.extra_hosts': mergeExtraHosts,
  'services.*.build.extra_hosts': mergeExtraHosts,
  'services.*.depends_on': mergeAsMapping({ condition: 'service_started', required: true }),
  'services.*.networks': mergeAsMapping(undefined),
  'services.*.models': mergeAsMapping(undefined),
  'services.*.build': mergeBuild,
  'services.*.logging': mergeLogging,
  'networks.*.ipam.config': mergeIpamConfig,
});
