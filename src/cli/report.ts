import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { colorDiagnostic } from './color.js';
import type { CliIO } from './io.js';

/** Diagnostics to stderr, one block each (coloured on request), and how many of each severity there were. */
export function report(io: CliIO, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, options: { color?: boolean } = {}): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    if (d.severity === 'warning') warnings++;
    const text = formatDiagnostic(d, sources);
    io.stderr((options.color ? colorDiagnostic(text, d.severity) : text) + '\n');
  }
  return { errors, warnings };
}
