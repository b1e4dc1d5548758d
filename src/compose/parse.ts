import { LineCounter, parseDocument, isAlias, isMap as isYamlMap, isScalar as isYamlScalar, isSeq as isYamlSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import type { MergeTag, YEntry, YMap, YNode } from './tree.js';

export interface SourceFile {
  /** The name printed in diagnostics (relative to the working directory when possible). */
  path: string;
  text: string;
}

/** Alias expansion beyond this many nodes is treated as an attack ("billion laughs"), not a file. */
const MAX_NODES = 1_000_000;

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
  const state = { nodes: 0, tooBig: false };
  const tree = convert(doc, doc.contents as YamlNode, locOf, diags, state, new Set());
  if (state.tooBig) {
    diags.error('yaml-syntax', `document expands to more than ${MAX_NODES} nodes through aliases`, locOf(0));
    return undefined;
  }
  return tree;
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

function convert(
  doc: Document,
  node: YamlNode,
  locOf: (offset: number) => Loc,
  diags: Diagnostics,
  state: { nodes: number; tooBig: boolean },
  resolving: Set<YamlNode>,
): YNode {
  if (++state.nodes > MAX_NODES) state.tooBig = true;
  const loc = locOf(node.range?.[0] ?? 0);
  if (state.tooBig) return { kind: 'scalar', loc, value: null };
  if (isAlias(node)) {
    const target = node.resolve(doc) as YamlNode | undefined;
    if (!target || resolving.has(target)) {
      diags.error('yaml-syntax', `alias *${node.source} cannot be resolved`, loc);
      return { kind: 'scalar', loc, value: null };
    }
    resolving.add(target);
    const out = convert(doc, target, locOf, diags, state, resolving);
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
    return { kind: 'seq', ...base, items: node.items.map((i) => convert(doc, i as YamlNode, locOf, diags, state, resolving)) };
  }
  if (isYamlMap(node)) {
    const own: YEntry[] = [];
    const merged: YEntry[][] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const keyLoc = locOf(keyNode?.range?.[0] ?? node.range?.[0] ?? 0);
      const valueNode = pair.value as YamlNode | null;
      const value: YNode = valueNode
        ? convert(doc, valueNode, locOf, diags, state, resolving)
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
