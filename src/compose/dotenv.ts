import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import { reportIssues, substitute, type Lookup } from './interpolate.js';
import type { VariableUse } from './tree.js';

export interface DotenvEntry {
  name: string;
  value: string;
  /** Where the name is written. */
  line: number;
  column: number;
  /** The variables interpolated into the value (absent: none). */
  uses?: VariableUse[];
}

export interface DotenvLookups {
  /** Consulted first when interpolating, and the only source for a `NAME` written alone. */
  lookup?: Lookup;
  /** Consulted after the names defined earlier in the same file (a service's earlier env files). */
  fallback?: Lookup;
  /** A `NAME` written alone may also take its value from `fallback` (the project's earlier env files). */
  bareFromFallback?: boolean;
}

/**
 * What a statement that failed returns: a value of its own, never a string, so that no value read
 * from a file (`RUST_LOG=error`) can be taken for it.
 */
const FAILED: unique symbol = Symbol('dotenv statement failed');
type Failed = typeof FAILED;

/** Blanks that separate tokens on a line (Go's dotenv isSpace: no newline). */
const BLANK = new Set(['\t', '\v', '\f', '\r', ' ', '\u0085', '\u00a0']);
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const SINGLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/**
 * Parse an env file with the rules of Compose's dotenv package:
 * - blank lines and lines starting with `#` are skipped; `export ` before a name is ignored;
 * - `NAME=value` (or `NAME: value`); `NAME` alone takes the value from `lookup` and is left out
 *   when that has none; `NAME=` is the empty string;
 * - an unquoted value ends at the line end or at ` #` (a comment), and is trimmed;
 * - single quotes are literal; double quotes expand `\n \r \t \\ \" \$ ...` and `\0NNN`; both
 *   may span lines, and a backslash before the quote character escapes it;
 * - unquoted and double-quoted values are interpolated (`${VAR:-default}` ...), looking a name up
 *   in `lookup` first, then in the names defined earlier in this file, then in `fallback`.
 * Problems are reported at their line and column in `file`.
 */
export function parseDotenv(text: string, file: string, diags: Diagnostics, lookups: DotenvLookups = {}): DotenvEntry[] {
  const none: Lookup = () => undefined;
  return new DotenvParser(text.replace(/^\uFEFF/, ''), file, diags, lookups.lookup ?? none, lookups.fallback ?? none, lookups.bareFromFallback ?? false).parse();
}

class DotenvParser {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  private readonly defined = new Map<string, string>();
  /** The variables the statement being parsed interpolated. */
  private uses: VariableUse[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly diags: Diagnostics,
    private readonly lookup: Lookup,
    private readonly fallback: Lookup,
    private readonly bareFromFallback: boolean,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  parse(): DotenvEntry[] {
    const out: DotenvEntry[] = [];
    while (this.skipToStatement()) {
      this.uses = [];
      const entry = this.statement();
      if (entry === FAILED) this.skipLine();
      else if (entry) {
        if (this.uses.length > 0) entry.uses = this.uses;
        out.push(entry);
        this.defined.set(entry.name, entry.value);
      }
    }
    return out;
  }

  /** Move to the next statement, past blanks, newlines and comment lines; false at the end. */
  private skipToStatement(): boolean {
    const t = this.text;
    for (;;) {
      while (this.pos < t.length && /\s/.test(t[this.pos]!)) this.pos++;
      if (this.pos >= t.length) return false;
      if (t[this.pos] !== '#') return true;
      this.skipLine();
    }
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl + 1;
  }

  private loc(offset: number): Loc {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  private error(message: string, offset: number): Failed {
    this.diags.error('dotenv-syntax', message, this.loc(offset), 'write NAME=value, one per line; quote values with special characters');
    return FAILED;
  }

  private statement(): DotenvEntry | undefined | Failed {
    const t = this.text;
    if (/^export[ \t]+/.test(t.slice(this.pos, this.pos + 8))) {
      this.pos += 6;
      while (BLANK.has(t[this.pos]!)) this.pos++;
    }
    const keyStart = this.pos;
    let i = this.pos;
    while (i < t.length && t[i] !== '=' && t[i] !== ':' && t[i] !== '\n') {
      if (!BLANK.has(t[i]!) && !KEY_CHAR.test(t[i]!)) {
        return this.error(`unexpected character ${JSON.stringify(t[i])} in variable name ${JSON.stringify(t.slice(keyStart, lineEnd(t, keyStart)))}`, i);
      }
      i++;
    }
    const name = t.slice(keyStart, i).replace(/\s+$/, '');
    if (/\s/.test(name)) return this.error(`variable name ${JSON.stringify(name)} contains a space`, keyStart);
    if (name === '') return this.error(`a line starts with ${JSON.stringify(t[i])} instead of a variable name`, keyStart);
    const at = this.loc(keyStart);
    if (i >= t.length || t[i] === '\n') {
      // `NAME` alone: passed through from the environment, or not at all.
      this.pos = i;
      const inherited = this.lookup(name) ?? (this.bareFromFallback ? this.fallback(name) : undefined);
      return inherited === undefined ? undefined : { name, value: inherited, line: at.line, column: at.column };
    }
    this.pos = i + 1;
    while (BLANK.has(t[this.pos]!)) this.pos++;
    const value = t[this.pos] === '"' || t[this.pos] === "'" ? this.quoted(t[this.pos]!) : this.unquoted();
    if (value === FAILED) return value;
    return { name, value, line: at.line, column: at.column };
  }

  private unquoted(): string {
    const t = this.text;
    const start = this.pos;
    const end = lineEnd(t, start);
    this.pos = end;
    let raw = t.slice(start, end);
    const comment = raw.indexOf(' #');
    if (comment >= 0) raw = raw.slice(0, comment);
    raw = raw.replace(/\s+$/, '');
    return this.expand(raw, (k) => start + k);
  }

  /** A quoted value; `this.pos` is at the opening quote. */
  private quoted(quote: string): string | Failed {
    const t = this.text;
    const open = this.pos;
    // The template to interpolate, and for each of its characters the source offset it came from.
    let template = '';
    const from: number[] = [];
    const emit = (s: string, offset: number) => {
      template += s;
      for (let k = 0; k < s.length; k++) from.push(offset);
    };
    let i = open + 1;
    for (; i < t.length && t[i] !== quote; i++) {
      if (t[i] !== '\\' || i + 1 >= t.length) {
        emit(t[i]!, i);
        continue;
      }
      const c = t[++i]!;
      if (c === quote) emit(quote, i - 1);
      else if (quote === "'") emit(`\\${c}`, i - 1);
      else if (c === '$') emit('$$', i - 1);
      else if (c === '0') {
        const digits = /^\d{0,3}/.exec(t.slice(i + 1, i + 4))![0];
        emit(octal(digits), i - 1);
        i += digits.length;
      } else emit(SINGLE_ESCAPES[c] ?? `\\${c}`, i - 1);
    }
    if (i >= t.length) return this.error(`unterminated quoted value ${t.slice(open, lineEnd(t, open))}`, open);
    this.pos = i + 1;
    return quote === "'" ? template : this.expand(template, (k) => from[k] ?? open);
  }

  private expand(template: string, sourceOffset: (k: number) => number): string {
    if (!template.includes('$')) return template;
    const { value, issues, uses } = substitute(template, (name) => this.lookup(name) ?? this.defined.get(name) ?? this.fallback(name));
    reportIssues(issues, (k) => this.loc(sourceOffset(k)), this.diags);
    this.uses.push(...uses);
    return value;
  }
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** `\0` then up to three digits, as Go unquotes it: exactly three octal digits make one byte. */
function octal(digits: string): string {
  const code = parseInt(digits, 8);
  return /^[0-7]{3}$/.test(digits) && code <= 255 ? String.fromCharCode(code) : `\\${digits}`;
}

/**
 * `format: raw` env files (the parser of `docker run --env-file`): `NAME=value` taken as written
 * after the first `=` (no quotes, no escapes, no interpolation, trailing blanks kept), leading
 * blanks and `#` lines skipped, `NAME` alone passed through from `lookup`.
 */
export function parseRawEnv(text: string, file: string, diags: Diagnostics, lookups: DotenvLookups = {}): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, index) => {
      const rawLine = raw.replace(/\r$/, '');
      const line = rawLine.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const column = rawLine.length - line.length + 1;
      const eq = line.indexOf('=');
      const name = eq < 0 ? line : line.slice(0, eq);
      const loc = { file, line: index + 1, column };
      if (name === '') {
        diags.error('dotenv-syntax', `no variable name before "=" in ${JSON.stringify(line)}`, loc);
        return;
      }
      if (/\s/.test(name)) {
        diags.error('dotenv-syntax', `variable name ${JSON.stringify(name)} contains whitespace`, loc);
        return;
      }
      const value = eq < 0 ? lookups.lookup?.(name) : line.slice(eq + 1);
      if (value !== undefined) out.push({ name, value, line: loc.line, column });
    });
  return out;
}
