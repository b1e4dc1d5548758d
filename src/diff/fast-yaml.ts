import type { Json, JsonObject } from './json.js';
import { resolvePlain } from './kube-yaml.js';

/** Returned when a document uses YAML beyond what this reader knows: the caller uses the full parser. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported YAML');

/**
 * A reader for the block-style YAML that Kubernetes tools write (this tool's emitter, `kubectl get
 * -o yaml`, Helm and kustomize output): block mappings and sequences, plain and quoted one-line
 * scalars, literal block scalars, `{}` and `[]`, comments. Anything else (flow collections,
 * anchors, tags, folded or multi-line scalars, explicit keys, duplicate keys, tabs, CR line ends)
 * makes it give up with UNSUPPORTED, never guess: the `yaml` library then reads the document, and
 * a test compares the two readers on generated documents. The library builds a syntax tree with
 * positions for every node, which made reading a large output take longer than converting it.
 * Plain scalars are resolved by the library's own tags (kube-yaml.ts), so values cannot differ.
 */
export function readBlockYaml(text: string): Json | typeof UNSUPPORTED {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff) return UNSUPPORTED;
  // Without a final line break the last line of a block scalar would keep no newline: rare enough to leave to the library.
  const reader = new BlockReader(text.split('\n'), text.endsWith('\n'));
  try {
    return reader.document();
  } catch (e) {
    if (e === GIVE_UP) return UNSUPPORTED;
    throw e;
  }
}

const GIVE_UP = Symbol('give up');

function giveUp(): never {
  throw GIVE_UP;
}

/** Characters that cannot start a plain scalar here (or that this reader leaves to the library). */
const NOT_PLAIN_START = new Set(['[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ',']);

/** `-`, `?` and `:` start a plain scalar only when a non-space follows. */
function indicatorOnly(text: string): boolean {
  const first = text[0];
  return (first === '-' || first === '?' || first === ':') && (text.length === 1 || text[1] === ' ');
}

class BlockReader {
  private i = 0;
  private readonly depthLimit = 200;

  constructor(
    private readonly lines: string[],
    private readonly endsWithNewline: boolean,
  ) {}

  document(): Json {
    this.skipBlank();
    if (this.i >= this.lines.length) return null;
    if (indentOf(this.lines[this.i]!) !== 0) giveUp();
    const flow = stripComment(this.lines[this.i]!);
    let value: Json;
    if (flow === '{}' || flow === '[]') {
      value = flow === '{}' ? {} : [];
      this.i++;
    } else {
      value = this.node(0, 0);
    }
    this.skipBlank();
    if (this.i < this.lines.length) giveUp();
    return value;
  }

  /** Skips empty lines and lines holding only a comment. */
  private skipBlank(): void {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const ind = indentOf(line);
      if (ind < line.length && line[ind] !== '#') return;
      this.i++;
    }
  }

  /** A block node whose first line (the current one) is indented by `indent`. */
  private node(indent: number, depth: number): Json {
    if (depth > this.depthLimit) giveUp();
    const line = this.lines[this.i]!;
    return isSeqEntry(line, indent) ? this.seq(indent, depth) : this.map(indent, depth);
  }

  private map(indent: number, depth: number): JsonObject {
    const out: JsonObject = {};
    for (;;) {
      this.skipBlank();
      if (this.i >= this.lines.length) return out;
      const line = this.lines[this.i]!;
      const ind = indentOf(line);
      if (ind < indent) return out;
      if (ind > indent || line.includes('\t')) giveUp();
      if (isSeqEntry(line, ind)) {
        // A sequence at the indentation of the keys ends the mapping only where a key's value could start.
        return out;
      }
      const { key, rest } = splitKey(line, ind);
      if (Object.hasOwn(out, key) || key === '__proto__') giveUp();
      out[key] = this.value(rest, indent, depth, true);
    }
  }

  private seq(indent: number, depth: number): Json[] {
    const out: Json[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.lines.length) return out;
      const line = this.lines[this.i]!;
      const ind = indentOf(line);
      if (ind < indent) return out;
      if (ind > indent || line.includes('\t')) giveUp();
      if (!isSeqEntry(line, ind)) return out;
      let at = ind + 1;
      while (line[at] === ' ') at++;
      const rest = line.slice(at);
      if (rest === '' || rest.startsWith('#')) {
        out.push(this.value('', indent, depth, false));
      } else if (rest.startsWith('- ') || rest === '-') {
        giveUp();
      } else if (looksLikeKey(rest)) {
        // `- key: value`: a mapping whose keys are indented like this first key.
        this.lines[this.i] = ' '.repeat(at) + rest;
        out.push(this.map(at, depth + 1));
      } else {
        out.push(this.value(rest, indent, depth, false));
      }
    }
  }

  /**
   * The value after `key:` or `- ` on the current line (`rest`, without leading spaces), possibly
   * continued on the lines below. `indent` is the indentation of the key or the `-`.
   */
  private value(rest: string, indent: number, depth: number, inMap: boolean): Json {
    this.i++;
    if (rest === '' || rest.startsWith('#')) {
      this.skipBlank();
      if (this.i >= this.lines.length) return null;
      const next = this.lines[this.i]!;
      const ind = indentOf(next);
      if (ind > indent) return this.node(ind, depth + 1);
      // `key:` followed by `- item` at the same indentation: YAML allows it for a mapping's values.
      if (inMap && ind === indent && isSeqEntry(next, ind)) return this.seq(ind, depth + 1);
      return null;
    }
    if (rest[0] === '|') return this.literal(rest, indent);
    if (rest[0] === '"' || rest[0] === "'") {
      const { value, end } = quoted(rest, 0);
      if (!isCommentOrEnd(rest, end)) giveUp();
      this.noContinuation(indent);
      return value;
    }
    const text = stripComment(rest);
    if (text === '{}') {
      this.noContinuation(indent);
      return {};
    }
    if (text === '[]') {
      this.noContinuation(indent);
      return [];
    }
    if (!isPlain(text)) giveUp();
    this.noContinuation(indent);
    return resolvePlain(text) as Json;
  }

  /** A scalar continued on a more indented line is a multi-line scalar: left to the library. */
  private noContinuation(indent: number): void {
    const save = this.i;
    this.skipBlank();
    if (this.i < this.lines.length && indentOf(this.lines[this.i]!) > indent) giveUp();
    this.i = save;
  }

  /** A literal block scalar (`|`, `|-`, `|+`), its content indented more than `indent`. */
  private literal(header: string, indent: number): string {
    const m = /^\|([+-]?)(?:[ ]+#.*)?[ ]*$/.exec(header);
    if (!m) giveUp();
    const chomp = m[1];
    const start = this.i;
    // The content indentation is that of the first non-empty line.
    let contentIndent = -1;
    let maxLeading = 0;
    let j = start;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j]!;
      if (l.trim() === '') {
        if (l.includes('\t')) giveUp();
        maxLeading = Math.max(maxLeading, l.length);
        continue;
      }
      contentIndent = indentOf(l);
      break;
    }
    if (contentIndent <= indent) {
      // No content: only (possibly) empty lines, which belong to the scalar as line breaks.
      contentIndent = -1;
    } else if (maxLeading > contentIndent) {
      giveUp();
    }
    const body: string[] = [];
    j = start;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j]!;
      if (contentIndent < 0) {
        if (l.trim() !== '') break;
        body.push('');
        continue;
      }
      if (l.trim() === '' && l.length <= contentIndent) {
        body.push('');
        continue;
      }
      const ind = indentOf(l);
      if (ind < contentIndent) {
        if (l.trim() === '') giveUp();
        break;
      }
      if (l.slice(0, contentIndent).includes('\t')) giveUp();
      body.push(l.slice(contentIndent));
    }
    if (j === this.lines.length) {
      if (!this.endsWithNewline) giveUp();
      // The text after the last line break is not a line.
      body.pop();
    }
    this.i = j;
    let last = body.length;
    while (last > 0 && body[last - 1] === '') last--;
    const content = body.slice(0, last);
    const trailing = body.length - last;
    if (content.length === 0) return chomp === '+' ? '\n'.repeat(trailing) : '';
    const text = content.join('\n');
    if (chomp === '-') return text;
    if (chomp === '+') return `${text}\n${'\n'.repeat(trailing)}`;
    return `${text}\n`;
  }
}

function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

function isSeqEntry(line: string, ind: number): boolean {
  return line[ind] === '-' && (ind + 1 === line.length || line[ind + 1] === ' ');
}

function isCommentOrEnd(text: string, at: number): boolean {
  let k = at;
  while (text[k] === ' ') k++;
  return k === text.length || (text[k] === '#' && k > at);
}

/** The text before a ` #` comment, without trailing spaces. */
function stripComment(text: string): string {
  const hash = text.indexOf(' #');
  return (hash < 0 ? text : text.slice(0, hash)).trimEnd();
}

/** A one-line plain scalar this reader can resolve exactly as the library does. */
function isPlain(text: string): boolean {
  if (text === '' || text.includes('\t')) return false;
  if (NOT_PLAIN_START.has(text[0]!) || indicatorOnly(text)) return false;
  if (text.includes(': ') || text.endsWith(':')) return false;
  return true;
}

/** Whether the text after `- ` starts a mapping entry (`key: ...` or `key:`). */
function looksLikeKey(rest: string): boolean {
  if (rest[0] === '"' || rest[0] === "'") {
    const { end } = quoted(rest, 0);
    return rest[end] === ':' && (end + 1 === rest.length || rest[end + 1] === ' ');
  }
  const text = stripComment(rest);
  return text.includes(': ') || text.endsWith(':');
}

/** `key: rest` on a line whose key starts at `ind`. */
function splitKey(line: string, ind: number): { key: string; rest: string } {
  let key: string;
  let after: number;
  if (line[ind] === '"' || line[ind] === "'") {
    const q = quoted(line, ind);
    key = q.value;
    after = q.end;
    if (line[after] !== ':') giveUp();
  } else {
    const colon = keyEnd(line, ind);
    if (colon < 0) giveUp();
    const text = line.slice(ind, colon);
    if (!isPlainKey(text)) giveUp();
    const resolved = resolvePlain(text);
    // Keys that YAML reads as something other than a string (`true:`, `1:`, `~:`) are the library's business.
    if (typeof resolved !== 'string' || text === '<<') giveUp();
    key = resolved;
    after = colon;
  }
  const next = after + 1;
  if (next < line.length && line[next] !== ' ') giveUp();
  let at = next;
  while (line[at] === ' ') at++;
  return { key, rest: line.slice(at) };
}

/** Where the `:` that ends a plain key is: the first `: ` or a final `:`. */
function keyEnd(line: string, ind: number): number {
  const sep = line.indexOf(': ', ind);
  if (sep >= 0) return sep;
  return line.endsWith(':') ? line.length - 1 : -1;
}

function isPlainKey(text: string): boolean {
  if (text === '' || text !== text.trimEnd() || text.includes(' #') || text.includes('\t')) return false;
  return !NOT_PLAIN_START.has(text[0]!) && !indicatorOnly(text);
}

/** A quoted scalar starting at `start`, ending on the same line. */
function quoted(text: string, start: number): { value: string; end: number } {
  const q = text[start];
  if (q === "'") {
    let out = '';
    let k = start + 1;
    for (;;) {
      const close = text.indexOf("'", k);
      if (close < 0) giveUp();
      out += text.slice(k, close);
      if (text[close + 1] === "'") {
        out += "'";
        k = close + 2;
        continue;
      }
      return { value: out, end: close + 1 };
    }
  }
  let out = '';
  let k = start + 1;
  while (k < text.length) {
    const c = text[k]!;
    if (c === '"') return { value: out, end: k + 1 };
    if (c !== '\\') {
      out += c;
      k++;
      continue;
    }
    const e = text[k + 1];
    k += 2;
    switch (e) {
      case '0': out += '\0'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 't': case '\t': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'v': out += '\v'; break;
      case 'f': out += '\f'; break;
      case 'r': out += '\r'; break;
      case 'e': out += '\x1b'; break;
      case ' ': out += ' '; break;
      case '"': out += '"'; break;
      case '/': out += '/'; break;
      case '\\': out += '\\'; break;
      case 'N': out += '\u0085'; break;
      case '_': out += '\u00a0'; break;
      case 'L': out += '\u2028'; break;
      case 'P': out += '\u2029'; break;
      case 'x': out += hex(text, k, 2); k += 2; break;
      case 'u': out += hex(text, k, 4); k += 4; break;
      case 'U': out += hex(text, k, 8); k += 8; break;
      default: giveUp();
    }
  }
  return giveUp();
}

function hex(text: string, at: number, digits: number): string {
  const h = text.slice(at, at + digits);
  if (h.length !== digits || !/^[0-9a-fA-F]+$/.test(h)) giveUp();
  const code = parseInt(h, 16);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) giveUp();
  return String.fromCodePoint(code);
}
