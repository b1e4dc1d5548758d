import type { Diagnostic } from './diagnostic.js';

/**
 * `file:line:col: severity: message [code]`, then a code frame when the source text is known,
 * then the hint. Sources are keyed by the same file name the diagnostic carries.
 */
export function formatDiagnostic(d: Diagnostic, sources?: ReadonlyMap<string, string>): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}: ` : '';
  let out = `${where}${d.severity}: ${d.message} [${d.code}]`;
  const text = d.file ? sources?.get(d.file) : undefined;
  if (text !== undefined && d.line) out += '\n' + codeFrame(text, d.line, d.column ?? 1);
  if (d.hint) out += `\n  hint: ${d.hint}`;
  return out;
}

/** Two lines of context before, the line itself with a caret under the column. */
export function codeFrame(text: string, line: number, column: number, context = 2): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line);
  const width = String(last).length;
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    rows.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) rows.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return rows.join('\n');
}
