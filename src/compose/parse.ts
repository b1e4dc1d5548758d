import { LineCounter, parseAllDocuments, isAlias, isCollection, isNode, isPair, isMap as isYamlMap, isScalar as isYamlScalar, isSeq as isYamlSeq } from 'yaml';
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
 * Mappings and lists nested deeper than this are refused: compose files nest a dozen levels, and
 * the stages after the parser follow the nesting with the call stack.
 */
export const MAX_DEPTH = 256;

/**
 * YAML text -> located tree. Aliases are expanded and `<<` merge keys applied here, so later stages
 * never see YAML-specific constructs. Returns undefined when the text is not usable.
 */
export function parseYaml(file: SourceFile, diags: Diagnostics): YNode | undefined {
  const docs = parseYamlDocuments(file, diags);
  if (!docs) return undefined;
  if (docs.length > 1) {
    diags.error('yaml-syntax', 'the text holds several YAML documents where one is expected', docs[1]!.loc);
    return undefined;
  }
  return docs[0];
}

/**
 * Every document of a YAML stream (`---` between them) as a located tree, like parseYaml; an
 * empty stream is one empty mapping. Undefined when one of them is not usable.
 */
export function parseYamlDocuments(file: SourceFile, diags: Diagnostics): YNode[] | undefined {
  // Like go-yaml, which Compose reads YAML with: a YAML stream is printable text.
  const control = NOT_PRINTABLE.exec(file.text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    diags.error('file-encoding', `control character U+${code} is not allowed in YAML`, { file: file.path, ...positionOf(file.text, control.index) }, 'is this a binary file? Write special characters as escapes in a double-quoted string ("\\u0007")');
    return undefined;
  }
  const lineCounter = new LineCounter();
  const locOf = (offset: number): Loc => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: file.path, line, column: col };
  };
  let docs: Document[];
  try {
    // Duplicate keys are found below: the parser's own check compares each key with every earlier one.
    const parsed = parseAllDocuments(file.text, { lineCounter, merge: false, uniqueKeys: false, prettyErrors: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    // The parser recurses once per level of nesting: thousands of levels exhaust the stack.
    if (!(e instanceof RangeError)) throw e;
    diags.error('yaml-too-large', 'the document nests mappings or lists too deeply to be read', { file: file.path, ...deepestLine(file.text) });
    return undefined;
  }
  if (docs.length === 0) return [{ kind: 'map', loc: locOf(0), entries: [] }];
  const out: YNode[] = [];
  for (const doc of docs) {
    if (docs.length > 1 && doc.contents === null) {
      // compose-go: each document of a stream is a compose file, so an empty one is not a mapping.
      diags.error('yaml-not-a-mapping', 'this YAML document is empty: each document of a compose file must be a mapping of top-level keys', locOf(doc.range?.[0] ?? 0));
      return undefined;
    }
    const tree = documentTree(doc, file, locOf, diags);
    if (!tree) return undefined;
    out.push(tree);
  }
  return out;
}

function documentTree(doc: Document, file: SourceFile, locOf: (offset: number) => Loc, diags: Diagnostics): YNode | undefined {
  // The parser catches the stack overflow of thousands of nested flow collections ([[[[...) as an error of its own.
  const overflow = doc.errors.find((e) => e.message.includes('Maximum call stack size exceeded'));
  if (overflow) {
    diags.error('yaml-too-large', 'the document nests mappings or lists too deeply to be read', locOf(overflow.pos[0]), 'nest fewer mappings, lists and aliases inside each other');
    return undefined;
  }
  const problems = withDuplicates(
    doc.errors.map((e) => ({ offset: e.pos[0], duplicate: false, message: e.message })),
    duplicateKeys(doc, file.text).map((offset) => ({ offset, duplicate: true, message: '' })),
  );
  for (const { offset, duplicate, message } of problems) {
    if (duplicate) diags.add('yaml-duplicate-key', `duplicate key: ${keyText(file.text, offset)}`, locOf(offset));
    else diags.add('yaml-syntax', firstLine(message), locOf(offset));
  }
  const failed = problems.length > 0;
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED' && /!(reset|override)\b/.test(w.message)) continue;
    diags.add('yaml-warning', firstLine(w.message), locOf(w.pos[0]));
  }
  if (failed) return undefined;
  if (doc.contents === null) return { kind: 'map', loc: locOf(doc.range?.[0] ?? 0), entries: [] };
  const contents = doc.contents as YamlNode;
  const targets = aliasTargets(doc);
  // Measured before anything is built, so an alias bomb costs the size of its text, not of its expansion.
  const excess = excessOf(contents, targets);
  if (excess) {
    const { node, limit } = excess;
    const what = isAlias(node) ? `alias *${node.source} ${limit === 'size' ? 'expands' : 'nests'}` : limit === 'size' ? 'aliases expand' : 'mappings and lists nest';
    diags.error(
      'yaml-too-large',
      limit === 'size' ? `${what} the document to more than ${MAX_NODES} nodes` : `${what} the document more than ${MAX_DEPTH} levels deep`,
      locOf(node.range?.[0] ?? 0),
      limit === 'size'
        ? 'aliases of aliases multiply: nest fewer of them (a document this large is most likely an alias bomb, "billion laughs")'
        : 'nest fewer mappings, lists and aliases inside each other',
    );
    return undefined;
  }
  return convert(contents, { locOf, diags, targets, resolving: new Set() });
}

/** Characters outside YAML's printable set: C0 controls but tab, LF and CR; DEL; C1 controls but NEL; lone surrogates; U+FFFE and U+FFFF. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

/** Line and column (1-based, in characters) of an offset of `text`. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, column: offset - start + 1 };
}

interface Problem {
  offset: number;
  duplicate: boolean;
  message: string;
}

/** The parser's errors with the duplicate keys among them, where it would have reported them as it reads the text. */
function withDuplicates(errors: Problem[], duplicates: Problem[]): Problem[] {
  if (duplicates.length === 0) return errors;
  const pending = [...duplicates].sort((a, b) => a.offset - b.offset);
  const out: Problem[] = [];
  for (const e of errors) {
    while (pending.length > 0 && pending[0]!.offset < e.offset) out.push(pending.shift()!);
    out.push(e);
  }
  return [...out, ...pending];
}

/**
 * Where the second of two equal keys of one mapping is written (what the parser's `uniqueKeys`
 * reports: scalar keys with the same value), found with a set per mapping.
 */
function duplicateKeys(doc: Document, text: string): number[] {
  const offsets: number[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    if (isYamlMap(node)) {
      const seen = new Set<unknown>();
      for (const { key } of node.items) {
        // NaN is the one value not equal to itself.
        if (!isYamlScalar(key) || Number.isNaN(key.value)) continue;
        if (seen.has(key.value)) offsets.push(keyStart(key, text));
        else seen.add(key.value);
      }
    }
    if (isCollection(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return offsets;
}

/**
 * Where the parser says a key starts: an empty key (`: value`) is placed before the indentation,
 * line breaks and comments that precede it, while the parser reports it where its `:` is.
 */
function keyStart(key: YamlNode, text: string): number {
  let at = key.range?.[0] ?? 0;
  if (key.range?.[1] !== at) return at;
  for (;;) {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
    if (text[at] !== '#') return at;
    while (at < text.length && text[at] !== '\n') at++;
  }
}

/** Where nesting goes deepest: the first line whose content starts furthest right, after its indentation and `- `, `? `, `: ` indicators. */
function deepestLine(text: string): { line: number; column: number } {
  let best = { line: 1, column: 1 };
  text.split('\n').forEach((l, i) => {
    const column = /^ *(?:[-?:] +)*/.exec(l)![0].length + 1;
    if (column > best.column) best = { line: i + 1, column };
  });
  return best;
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
 * Where the tree that aliases expand to passes MAX_NODES or MAX_DEPTH, in document order: the
 * alias that takes it past the limit (or the node reached when no alias is on the way).
 */
function excessOf(root: YamlNode, targets: Map<Alias, YamlNode>): { node: YamlNode; limit: 'size' | 'depth' } | undefined {
  const extents = new Map<YamlNode, { size: number; depth: number }>();
  // Nodes and levels of the converted tree under `node`, the size saturated just past the limit;
  // an alias that cannot be resolved (or refers to its own ancestor) becomes one null node. An
  // anchor comes before its aliases, so a node is measured before an alias asks for it.
  const extentOf = (node: YamlNode): { size: number; depth: number } => {
    if (isAlias(node)) {
      const target = targets.get(node);
      return target ? extentOf(target) : { size: 1, depth: 1 };
    }
    const known = extents.get(node);
    if (known) return known;
    extents.set(node, { size: 1, depth: 1 });
    let size = 1;
    let depth = 1;
    for (const child of children(node)) {
      const e = extentOf(child);
      size = Math.min(size + e.size, MAX_NODES + 1);
      depth = Math.max(depth, e.depth + 1);
    }
    const extent = { size, depth };
    extents.set(node, extent);
    return extent;
  };
  const whole = extentOf(root);
  if (whole.size > MAX_NODES) return { node: crossing(root, MAX_NODES, (n) => extentOf(n).size, true), limit: 'size' };
  if (whole.depth > MAX_DEPTH) return { node: crossing(root, MAX_DEPTH, (n) => extentOf(n).depth, false), limit: 'depth' };
  return undefined;
}

/** The values of a mapping or the items of a list: what the converted tree keeps. */
function children(node: YamlNode): YamlNode[] {
  return isYamlSeq(node) ? (node.items as YamlNode[]) : isYamlMap(node) ? node.items.flatMap((p) => (p.value ? [p.value as YamlNode] : [])) : [];
}

/**
 * From the root down into the first child that takes the count past `limit`, to the node that
 * passes it or an alias on the way. A child adds `measure` to the count; with `siblingsAdd`, one
 * that stays within adds it for the children after it too (nodes add up, levels do not).
 */
function crossing(root: YamlNode, limit: number, measure: (n: YamlNode) => number, siblingsAdd: boolean): YamlNode {
  let count = 0;
  let node = root;
  descend: for (;;) {
    if (isAlias(node)) return node;
    if (++count > limit) return node;
    for (const child of children(node)) {
      if (count + measure(child) > limit) {
        node = child;
        continue descend;
      }
      if (siblingsAdd) count += measure(child);
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
