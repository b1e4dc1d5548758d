/**
 * Pointing between the compose text and the emitted fields, on plain data the worker sends (no
 * pipeline code: the page's main bundle stays small and starts fast).
 */
export const COMPOSE_FILE = 'compose.yaml';

export interface Place {
  file: string;
  line: number;
  column: number;
}

/** One field of an output file, where it came from, and what its equivalence rows say. */
export interface PointedField {
  file: number;
  from: number;
  to: number;
  places: Place[];
  /** The object's first line, standing for the whole object (its origin), rather than one field. */
  whole: boolean;
  info: { title: string; rows: FieldExplanation[] };
}

export interface FieldExplanation {
  key: string;
  at: string;
  fidelity?: string;
  detail?: string;
  explanation?: string;
  reason?: string;
  instead?: string;
  docs?: string;
}

/** The innermost field at an offset of an output file. */
export function spanAt(spans: readonly PointedField[], file: number, offset: number): PointedField | undefined {
  let best: PointedField | undefined;
  for (const s of spans) {
    if (s.file !== file || offset < s.from || offset > s.to) continue;
    if (!best || s.to - s.from < best.to - best.from) best = s;
  }
  return best;
}

/**
 * The lines a compose key at (line, column) spans: its own line and the lines below indented
 * deeper than it (its value written as a block), blank lines at the end left out. 1-based, inclusive.
 */
export function blockLines(text: string, line: number, column: number): { first: number; last: number } {
  const lines = text.split('\n');
  const own = lines[line - 1] ?? '';
  // The key's indentation: a key inside a `- ` item starts after the dash.
  const indent = Math.min(column - 1, own.length - own.trimStart().length + (own.trimStart().startsWith('- ') ? 2 : 0));
  let last = line;
  for (let i = line; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    if (l.length - l.trimStart().length > indent) last = i + 1;
    else break;
  }
  return { first: line, last };
}

/** The fields whose compose places cover a compose line: the most specific ones (the smallest block). */
export function spansFromCompose(spans: readonly PointedField[], compose: string, line: number): PointedField[] {
  let best: PointedField[] = [];
  let size = Infinity;
  for (const s of spans) {
    for (const p of s.places) {
      if (p.file !== COMPOSE_FILE) continue;
      const b = blockLines(compose, p.line, p.column);
      if (line < b.first || line > b.last) continue;
      const n = b.last - b.first;
      if (n < size) {
        size = n;
        best = [s];
      } else if (n === size && !best.includes(s)) best.push(s);
    }
  }
  return best;
}

