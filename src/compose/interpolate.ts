import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import type { VariableUse, YNode, YScalar } from './tree.js';

/** A variable's value, or undefined when it is not set (set-but-empty is ''). */
export type Lookup = (name: string) => string | undefined;

export interface InterpolationIssue {
  kind: 'unset' | 'required' | 'syntax';
  message: string;
  /** Offset of the `$` that starts the faulty expression, in the text given to `substitute`. */
  offset: number;
}

export interface Substitution {
  value: string;
  issues: InterpolationIssue[];
  /** The variables looked up, one per expression, in the order they were read. */
  uses: VariableUse[];
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATOR = /:-|:\?|:\+|-|\?|\+/y;

/**
 * Expand `$VAR`, `${VAR}` and `${VAR<op>arg}` (op one of `:- - :? ? :+ +`) the way Compose's
 * template package does; `$$` is a literal `$`, and a `$` that starts no expression stays as it is.
 * The argument of an operator may nest expressions; like Compose, it is expanded before the
 * operator looks at the variable, so its own unset variables are reported even when unused.
 */
export function substitute(text: string, lookup: Lookup): Substitution {
  const issues: InterpolationIssue[] = [];
  const uses: VariableUse[] = [];
  const recorded: Lookup = (name) => {
    const value = lookup(name);
    uses.push(value === undefined ? { name } : { name, value });
    return value;
  };
  const value = expand(text, 0, recorded, issues);
  return { value, issues, uses };
}

function expand(text: string, base: number, lookup: Lookup, issues: InterpolationIssue[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next === '{') {
      const braced = expandBraced(text, dollar, base, lookup, issues);
      out += braced.value;
      i = braced.end;
      continue;
    }
    NAME.lastIndex = dollar + 1;
    const name = NAME.exec(text)?.[0];
    if (name === undefined) {
      out += '$';
      i = dollar + 1;
      continue;
    }
    out += read(name, dollar + base, lookup, issues);
    i = dollar + 1 + name.length;
  }
  return out;
}

function read(name: string, offset: number, lookup: Lookup, issues: InterpolationIssue[]): string {
  const value = lookup(name);
  if (value === undefined) {
    issues.push({ kind: 'unset', offset, message: `the "${name}" variable is not set; it defaults to an empty string` });
    return '';
  }
  return value;
}

/** `${...}` starting at `start`; `end` is the index after its closing brace. */
function expandBraced(text: string, start: number, base: number, lookup: Lookup, issues: InterpolationIssue[]): { value: string; end: number } {
  const close = closingBrace(text, start + 2);
  const offset = start + base;
  if (close < 0) {
    issues.push({ kind: 'syntax', offset, message: `invalid interpolation ${JSON.stringify(text.slice(start))}: "\${" is never closed` });
    return { value: '', end: text.length };
  }
  const body = text.slice(start + 2, close);
  const end = close + 1;
  NAME.lastIndex = 0;
  const name = NAME.exec(body)?.[0];
  if (name === undefined) {
    issues.push({ kind: 'syntax', offset, message: `invalid interpolation ${JSON.stringify(text.slice(start, end))}: expected a variable name after "\${"` });
    return { value: '', end };
  }
  if (name.length === body.length) return { value: read(name, offset, lookup, issues), end };
  OPERATOR.lastIndex = name.length;
  const op = OPERATOR.exec(body)?.[0];
  if (op === undefined) {
    issues.push({
      kind: 'syntax',
      offset,
      message: `invalid interpolation ${JSON.stringify(text.slice(start, end))}: after the name comes "}" or one of :- - :? ? :+ +`,
    });
    return { value: '', end };
  }
  const argStart = start + 2 + name.length + op.length;
  const arg = expand(body.slice(name.length + op.length), base + argStart, lookup, issues);
  const value = lookup(name);
  const empty = value === undefined || (op.startsWith(':') && value === '');
  switch (op) {
    case ':-':
    case '-':
      return { value: empty ? arg : value!, end };
    case ':+':
    case '+':
      return { value: empty ? (value ?? '') : arg, end };
    default:
      if (empty) {
        issues.push({ kind: 'required', offset, message: `required variable ${name} is missing a value${arg ? `: ${arg}` : ''}` });
        return { value: '', end };
      }
      return { value: value!, end };
  }
}

/** Index of the `}` closing a `${` whose body starts at `from`; braces inside nest. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Report substitution issues as diagnostics, each at the location `locate` gives its offset. */
export function reportIssues(issues: readonly InterpolationIssue[], locate: (offset: number) => Loc, diags: Diagnostics): void {
  for (const issue of issues) {
    const loc = locate(issue.offset);
    if (issue.kind === 'unset') diags.warn('interpolation-unset', issue.message, loc, 'set it in the environment or in .env, or give a default with ${NAME:-default}');
    else if (issue.kind === 'required') diags.error('interpolation-required', issue.message, loc, 'set the variable in the environment, in .env or with --env-file');
    else diags.error('interpolation-syntax', issue.message, loc, 'write a literal $ as $$');
  }
}

/**
 * Interpolate every string value of a file's tree (never keys), per the compose specification.
 * `source` is the file's text: with it, a problem in a one-line scalar is reported at the column
 * of its `$`; otherwise at the scalar.
 */
export function interpolate(node: YNode, lookup: Lookup, diags: Diagnostics, source?: string): YNode {
  const lines = source?.split('\n');
  const walk = (n: YNode): YNode => {
    switch (n.kind) {
      case 'scalar': {
        if (typeof n.value !== 'string' || !n.value.includes('$')) return n;
        const { value, issues, uses } = substitute(n.value, lookup);
        reportIssues(issues, scalarLocator(n, lines), diags);
        return uses.length > 0 ? { ...n, value, uses } : { ...n, value };
      }
      case 'seq':
        return { ...n, items: n.items.map(walk) };
      case 'map':
        return { ...n, entries: n.entries.map((e) => ({ ...e, value: walk(e.value) })) };
    }
  };
  return walk(node);
}

/**
 * Map an offset in a scalar's value to its position in the source: exact for a scalar written on
 * one line (plain, single- or double-quoted), the scalar's own location otherwise.
 */
function scalarLocator(node: YScalar, lines: readonly string[] | undefined): (offset: number) => Loc {
  let columns: number[] | undefined | null = null;
  return (offset) => {
    if (columns === null) columns = lines && typeof node.value === 'string' ? sourceColumns(node.value, lines[node.loc.line - 1], node.loc.column - 1) : undefined;
    const column = columns?.[offset];
    return column === undefined ? node.loc : { ...node.loc, column: column + 1 };
  };
}

/** 0-based source column of each character of `value`, or undefined when it is not on this one line. */
function sourceColumns(value: string, line: string | undefined, start: number): number[] | undefined {
  if (line === undefined) return undefined;
  const quote = line[start];
  const columns: number[] = [];
  if (quote !== '"' && quote !== "'") {
    if (!line.startsWith(value, start)) return undefined;
    for (let k = 0; k < value.length; k++) columns.push(start + k);
    return columns;
  }
  let j = start + 1;
  for (const ch of value) {
    columns.push(j);
    // In single quotes a quote is written twice; in double quotes a backslash starts an escape.
    const written = quote === "'" && ch === "'" ? "''" : ch;
    if (quote === '"' && line[j] === '\\') {
      const kind = line[j + 1];
      if (kind === undefined) return undefined;
      j += kind === 'x' ? 4 : kind === 'u' ? 6 : kind === 'U' ? 10 : 2;
    } else {
      if (line.slice(j, j + written.length) !== written) return undefined;
      j += written.length;
    }
    // A character outside the BMP is two UTF-16 units of `value`; both sit at the same column.
    if (ch.length === 2) columns.push(columns[columns.length - 1]!);
  }
  return line[j] === quote ? columns : undefined;
}
