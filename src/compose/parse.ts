import { LineCounter, parseDocument, isAlias, isCollection, isNode, isPair, isMap as isYamlMap, isScalar as isYamlScalar, isSeq as isYamlSeq } from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import type { MergeTag, YEntry, YMap, YNode } from './tree.js';

export interface SourceFile {
  /** The name printed in diagnostics (relative to the working directory when possible). */
  path: string;
  text: string;
}

/**
 * A document whose aliases expand it beyond this many nodes is treated as an attack ("billion
 * laughs"), not a file. Docker Compose's YAML reader (go-yaml) lets aliases make up nearly all of a
 * document of up to 400 000 nodes; a thousand-service project is a few tens of thousands.
 */
export const MAX_NODES = 1_000_000;

/**
 * YAML text -> located tree. Aliases are expanded and `<<` merge keys applied here, so later stages
 * never see YAML-specific constructs. Returns undefined when the text is not usable.
 */
export function parseYaml(file: SourceFile, diags: Diagnostics): YNode | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, merge: false, uniqueKeys: true, prettyErrors: false });
  const locOf = (offset: number): Loc => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: file.path, line, column: col };
  };
  let failed = false;
  for (const e of doc.errors) {
    failed = true;
    const code = e.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
    const message = e.code === 'DUPLICATE_KEY' ? `duplicate key: ${keyText(file.text, e.pos[0])}` : firstLine(e.message);
    diags.add(code, message, locOf(e.pos[0]));
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED' && /!(reset|override)\b/.test(w.message)) continue;
    diags.add('yaml-warning', firstLine(w.message), locOf(w.pos[0]));
  }
  if (failed) return undefined;
  if (doc.contents === null) return { kind: 'map', loc: locOf(0), entries: [] };
  const contents = doc.contents as YamlNode;
  const targets = aliasTargets(doc);
  if (targets.size > 0) {
    // Measured before anything is built, so a bomb costs the size of its text, not of its expansion.
    const bomb = expansionBeyondLimit(contents, targets);
    if (bomb) {
      const what = isAlias(bomb) ? `alias *${bomb.source} expands` : 'aliases expand';
      diags.error(
        'yaml-too-large',
        `${what} the document to more than ${MAX_NODES} nodes`,
        locOf(bomb.range?.[0] ?? 0),
        'aliases of aliases multiply: nest fewer of them (a document this large is most likely an alias bomb, "billion laughs")',
      );
      return undefined;
    }
  }
  return convert(contents, { locOf, diags, targets, resolving: new Set() });
}

/**
 * The node each alias stands for: the last node with its anchor before the alias, in document
 * order (what the parser's Alias.resolve finds, but for every alias in one walk instead of a walk
 * of the whole document per alias).
 */
function aliasTargets(doc: Document): Map<Alias, YamlNode> {
  const targets = new Map<Alias, YamlNode>();
  const anchors = new Map<string, YamlNode>();
  // Depth first, keys before values, a node before its children: the parser's own visiting order.
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    } else if (isNode(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isCollection(node)) for (const item of node.items) walk(item);
    }
  };
  walk(doc.contents);
  return targets;
}

/**
 * The node where the expanded tree passes MAX_NODES, in document order: the alias whose expansion
 * crosses the limit (or the node reached when no alias is on the way); undefined when it fits.
 */
function expansionBeyondLimit(root: YamlNode, targets: Map<Alias, YamlNode>): YamlNode | undefined {
  const sizes = new Map<YamlNode, number>();
  const children = (node: YamlNode): YamlNode[] =>
    isYamlSeq(node) ? (node.items as YamlNode[]) : isYamlMap(node) ? node.items.flatMap((p) => (p.value ? [p.value as YamlNode] : [])) : [];
  // Nodes of the converted tree under `node`, saturated just past the limit; an alias that cannot
  // be resolved (or refers to its own ancestor) becomes one null node.
  const sizeOf = (node: YamlNode): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      return target ? sizeOf(target) : 1;
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1);
    let total = 1;
    for (const child of children(node)) total = Math.min(total + sizeOf(child), MAX_NODES + 1);
    sizes.set(node, total);
    return total;
  };
  if (sizeOf(root) <= MAX_NODES) return undefined;
  let count = 0;
  let node = root;
  descend: for (;;) {
    if (isAlias(node)) return node;
    count++;
    for (const child of children(node)) {
      const size = sizeOf(child);
      if (count + size > MAX_NODES) {
        node = child;
        continue descend;
      }
      count += size;
    }
    return node;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function keyText(text: string, offset: number): string {
  const m = /^["']?([^:"'\n]*)/.exec(text.slice(offset));
  return m?.[1]?.trim() || '?';
}

/**
 * Docker Compose reads YAML with go-yaml, which resolves plain integers with Go's base prefixes:
 * `0440` is octal (the usual way to write a file mode), where YAML 1.2 would read 440.
 */
function goYamlInt(node: { type?: string | undefined; source?: string | undefined }): number | undefined {
  if (node.type !== 'PLAIN' || !node.source) return undefined;
  const m = /^([-+]?)0([0-7_]+)$/.exec(node.source);
  if (!m) return undefined;
  const n = parseInt(m[2]!.replace(/_/g, ''), 8);
  return m[1] === '-' ? -n : n;
}

function mergeTag(tag: string | undefined): MergeTag | undefined {
  return tag === '!reset' || tag === '!override' ? tag : undefined;
}

interface ConvertState {
  locOf: (offset: number) => Loc;
  diags: Diagnostics;
  targets: Map<Alias, YamlNode>;
  /** Anchored nodes being converted: an alias of one of them would make the tree infinite. */
  resolving: Set<YamlNode>;
}

function convert(node: YamlNode, state: ConvertState): YNode {
  const { locOf, diags, resolving } = state;
  const loc = locOf(node.range?.[0] ?? 0);
  if (isAlias(node)) {
    const target = state.targets.get(node);
    if (!target || resolving.has(target)) {
      diags.error('yaml-syntax', `alias *${node.source} cannot be resolved`, loc);
      return { kind: 'scalar', loc, value: null };
    }
    resolving.add(target);
    const out = convert(target, state);
    resolving.delete(target);
    return out;
  }
  const tag = mergeTag(node.tag);
  const base = tag ? { loc, tag } : { loc };
  if (isYamlScalar(node)) {
    // An unresolved `!reset`/`!override` leaves the scalar's source text as its value.
    const value = tag && node.source === 'null' ? null : goYamlInt(node) ?? node.value;
    const v = value === undefined ? null : value;
    return { kind: 'scalar', ...base, value: typeof v === 'bigint' ? Number(v) : (v as string | number | boolean | null) };
  }
  if (isYamlSeq(node)) {
    return { kind: 'seq', ...base, items: node.items.map((i) => convert(i as YamlNode, state)) };
  }
  if (isYamlMap(node)) {
    const own: YEntry[] = [];
    const merged: YEntry[][] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const keyLoc = locOf(keyNode?.range?.[0] ?? node.range?.[0] ?? 0);
      const valueNode = pair.value as YamlNode | null;
      const value: YNode = valueNode
        ? convert(valueNode, state)
        : { kind: 'scalar', loc: keyLoc, value: null };
      if (isYamlScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
        const sources = value.kind === 'seq' ? value.items : [value];
        for (const s of sources) {
          if (s.kind === 'map') merged.push(s.entries);
          else diags.error('yaml-syntax', 'a << merge key needs a mapping or a list of mappings', s.loc);
        }
        continue;
      }
      if (!isYamlScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        diags.error('yaml-non-string-key', 'mapping keys must be strings', keyLoc);
        continue;
      }
      own.push({ key: String(keyNode.value), keyLoc, value });
    }
    // YAML merge keys: local keys win, then earlier merged mappings win over later ones.
    const seen = new Set(own.map((e) => e.key));
    const entries = [...own];
    for (const list of merged) {
      for (const e of list) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        entries.push(e);
      }
    }
    return { kind: 'map', ...base, entries } as YMap;
  }
  return { kind: 'scalar', loc, value: null };
}
