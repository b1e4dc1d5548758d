import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import type { CliIO } from './io.js';

/** Diagnostics to stderr, one block each, and how many of each severity there were. */
export function report(io: CliIO, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    if (d.severity === 'warning') warnings++;
    io.stderr(formatDiagnostic(d, sources) + '\n');
  }
  return { errors, warnings };
}
