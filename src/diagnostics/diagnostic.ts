import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './codes.js';
import type { Loc } from '../util/loc.js';

/** The one shape of every user-facing error, warning and note. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** What to do instead; printed after the code frame. */
  hint?: string;
}

/** Collects diagnostics; stages push into it instead of throwing. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  add(code: DiagnosticCode, message: string, loc?: Loc, extra?: { hint?: string; severity?: Severity }): Diagnostic {
    const d: Diagnostic = {
      code,
      severity: extra?.severity ?? DIAGNOSTIC_CODES[code].severity,
      message,
    };
    if (loc) {
      d.file = loc.file;
      d.line = loc.line;
      d.column = loc.column;
    }
    if (extra?.hint) d.hint = extra.hint;
    this.items.push(d);
    return d;
  }

  error(code: DiagnosticCode, message: string, loc?: Loc, hint?: string): Diagnostic {
    return this.add(code, message, loc, hint ? { hint, severity: 'error' } : { severity: 'error' });
  }

  warn(code: DiagnosticCode, message: string, loc?: Loc, hint?: string): Diagnostic {
    return this.add(code, message, loc, hint ? { hint, severity: 'warning' } : { severity: 'warning' });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Stable order: by file, line, column, then insertion order (sort is stable). */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
