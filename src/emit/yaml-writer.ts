import { Document, Scalar, YAMLMap, type ScalarTag } from 'yaml';
import { stringifyString, type StringifyContext } from 'yaml/util';

/**
 * YAML 1.1 output: kubectl reads manifests as YAML 1.1, where `yes`, `on` or `0755` are not
 * strings, so they are quoted the way a 1.1 reader needs. A value that appears twice is written
 * twice, never as an anchor and alias.
 */
export const DOC_OPTIONS = { version: '1.1', aliasDuplicateObjects: false } as const;
export const TO_STRING = { lineWidth: 0, indentSeq: true, directives: false } as const;

/** A comment to print above the field at `path` (keys and list indexes, as in a note's path). */
export interface FieldComment {
  path: readonly (string | number)[];
  text: string;
}

/**
 * JSON data -> one YAML document, byte for byte what the `yaml` library prints for
 * `new Document(value, DOC_OPTIONS).toString(TO_STRING)` with each comment set as the
 * `commentBefore` of the key or list item its path names (joined when several name one field;
 * dropped when the path names nothing). Building the library's node tree for every object took
 * most of the time of a conversion; this writes the text directly, and hands every string to the
 * library's own string stringifier, so quoting, escaping and block scalars cannot differ.
 */
export function writeYaml(value: unknown, comments: readonly FieldComment[] = []): string {
  return `${writeNode(value, '', commentTree(value, comments))}\n`;
}

/** Comments by the key or index they sit above, for one map or list and those inside it. */
interface CommentTree {
  above: Map<string | number, string>;
  inside: Map<string | number, CommentTree>;
}

/** `indent` is the indentation of the node's own lines, as the library's context has it. */
function writeNode(raw: unknown, indent: string, comments: CommentTree | undefined): string {
  const value = plain(raw);
  if (Array.isArray(value)) return writeSeq(value, indent, comments);
  if (isObject(value)) return writeMap(value, indent, comments);
  return writeScalar(value, indent, false);
}

function writeMap(map: Record<string, unknown>, indent: string, comments: CommentTree | undefined): string {
  const lines: string[] = [];
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    const comment = comments?.above.get(key);
    if (comment !== undefined) lines.push(commentLines(comment, indent));
    lines.push(writePair(key, value, indent, comments?.inside.get(key)));
  }
  return lines.length === 0 ? '{}' : joinLines(lines, indent);
}

function writeSeq(items: readonly unknown[], indent: string, comments: CommentTree | undefined): string {
  const lines: string[] = [];
  let i = 0;
  for (const item of items) {
    const comment = comments?.above.get(i);
    if (comment !== undefined) lines.push(commentLines(comment, indent));
    lines.push(`- ${writeNode(item, `${indent}  `, comments?.inside.get(i))}`);
    i++;
  }
  return lines.length === 0 ? '[]' : joinLines(lines, indent);
}

/** The first line is placed by the caller (after `key:` or `- `); the others carry the indentation. */
function joinLines(lines: readonly string[], indent: string): string {
  let out = lines[0]!;
  for (let i = 1; i < lines.length; i++) out += lines[i] ? `\n${indent}${lines[i]}` : '\n';
  return out;
}

function writePair(key: string, raw: unknown, indent: string, comments: CommentTree | undefined): string {
  const inner = `${indent}  `;
  const keyText = writeScalar(key, inner, true);
  // A key longer than a YAML reader must accept becomes an explicit `? key` entry.
  const explicit = keyText.length > 1024;
  const head = explicit ? `? ${keyText}\n${indent}:` : `${keyText}:`;
  const value = plain(raw);
  const valueText = writeNode(value, inner, comments);
  const collection = Array.isArray(value) ? value.length > 0 : isObject(value) && hasDefinedValue(value);
  if (collection && !explicit) return `${head}\n${inner}${valueText}`;
  return valueText === '' || valueText.startsWith('\n') ? head + valueText : `${head} ${valueText}`;
}

/**
 * A scalar, as the library writes it in this place: with the tag it picks for the value (a string
 * can be the `<<` merge key) and that tag's stringifier. Without a line break, only whether it is
 * a key and the indentation of the top level matter (document markers), so those are remembered.
 */
function writeScalar(value: unknown, indent: string, implicitKey: boolean): string {
  // Map keys tell 1 from '1' and true from 'true', but not -0 from 0.
  const remembered = (typeof value === 'string' && value.includes('\n')) || Object.is(value, -0) ? undefined : written[(implicitKey ? 3 : 0) + (indent === '' ? 0 : indent === '  ' ? 1 : 2)]!;
  const known = remembered?.get(value);
  if (known !== undefined) return known;
  const ctx = { ...context(), indent, implicitKey };
  const node = new Scalar(value);
  const tag = tagOf(value, ctx);
  const text = tag.stringify ? tag.stringify(node, ctx) : stringifyString(node, ctx);
  if (remembered) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(value, text);
  }
  return text;
}

/** The library's choice of tag for a plain value: among the tags that identify it, one that tests text, without a format. */
function tagOf(value: unknown, ctx: StringifyContext): ScalarTag {
  let match = (ctx.doc.schema.tags as ScalarTag[]).filter((t) => t.identify?.(value));
  if (match.length > 1) {
    const tested = match.filter((t) => t.test);
    if (tested.length > 0) match = tested;
  }
  const tag = match.find((t) => t.format === undefined) ?? match.find((t) => !t.format);
  if (!tag) throw new Error(`no YAML tag writes a ${typeof value}`);
  return tag;
}

const MAX_REMEMBERED = 50_000;
/** Written scalars by place: value or key, at the top level, one level down, or deeper. */
const written = Array.from({ length: 6 }, () => new Map<unknown, string>());

let stringifyContext: StringifyContext | undefined;

/** The context the library stringifies with for DOC_OPTIONS and TO_STRING, taken from the library itself. */
function context(): StringifyContext {
  if (!stringifyContext) {
    class ContextProbe extends YAMLMap {
      override toString(ctx?: StringifyContext): string {
        stringifyContext = ctx;
        return '';
      }
    }
    const probe = new Document(null, DOC_OPTIONS);
    probe.contents = new ContextProbe();
    probe.toString(TO_STRING);
  }
  return stringifyContext!;
}

/** The library's comment syntax: `#` before each non-empty line, indented, the first line unindented. */
function commentLines(comment: string, indent: string): string {
  const hashed = comment.replace(/^(?!$)(?: $)?/gm, '#');
  const indented = /^\n+$/.test(hashed) ? hashed.substring(1) : indent ? hashed.replace(/^(?! *$)/gm, indent) : hashed;
  return indented.trimStart();
}

/** What the library turns a value into: objects with toJSON (other than plain data) by their JSON. */
function plain(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasDefinedValue(map: Record<string, unknown>): boolean {
  for (const key of Object.keys(map)) if (map[key] !== undefined) return true;
  return false;
}

/**
 * Each comment at the key or item its path names, found the way the library's `getIn` finds a
 * node: list indexes may be written as numeric strings on the way, keys must be the keys
 * themselves, and the last step must be a key of a map or the index of a list item.
 */
function commentTree(root: unknown, comments: readonly FieldComment[]): CommentTree | undefined {
  let tree: CommentTree | undefined;
  for (const { path, text } of comments) {
    const last = path[path.length - 1];
    if (last === undefined) continue;
    const steps: (string | number)[] = [];
    let node = plain(root);
    for (const step of path.slice(0, -1)) {
      const found = child(node, step);
      if (!found) {
        node = undefined;
        break;
      }
      steps.push(found.key);
      node = plain(found.value);
    }
    const target = Array.isArray(node)
      ? typeof last === 'number' && Number.isInteger(last) && last >= 0 && last < node.length
        ? last
        : undefined
      : isObject(node) && typeof last === 'string' && Object.hasOwn(node, last) && node[last] !== undefined
        ? last
        : undefined;
    if (target === undefined) continue;
    tree ??= { above: new Map(), inside: new Map() };
    let at = tree;
    for (const step of steps) {
      let next = at.inside.get(step);
      if (!next) at.inside.set(step, (next = { above: new Map(), inside: new Map() }));
      at = next;
    }
    const before = at.above.get(target);
    at.above.set(target, before === undefined ? ` ${text}` : `${before}\n ${text}`);
  }
  return tree;
}

/** One step of a path into a map or list: the key or index it names, and the value there. */
function child(node: unknown, step: string | number): { key: string | number; value: unknown } | undefined {
  if (Array.isArray(node)) {
    const index = typeof step === 'string' && step ? Number(step) : step;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= node.length) return undefined;
    return { key: index, value: node[index] as unknown };
  }
  if (isObject(node) && typeof step === 'string' && Object.hasOwn(node, step) && node[step] !== undefined) return { key: step, value: node[step] };
  return undefined;
}
