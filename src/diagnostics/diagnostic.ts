import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './codes.js';
import type { Loc } from '../util/loc.js';

/**
 * The element of the input a diagnostic concerns: a compose service, volume, network, secret or
 * config (`section` is the top-level key: `services`, `volumes`, ...), or the project itself
 * (`section: 'project'`). Lets the emitter print a warning above the objects it concerns and the
 * report list it under its service. Never printed in the diagnostic's own text.
 */
export interface Subject {
  section: string;
  name: string;
}

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
  /** The element it concerns, when the stage that raised it knows (see Diagnostics.about). */
  subject?: Subject;
  /**
   * The other places the same caveat was raised at, when several were said once (repeated.ts):
   * the comments and the report still put it at each. Never printed in the diagnostic's text.
   */
  also?: DiagnosticPlace[];
}

/** Where a diagnostic was raised: its position and the element it concerns. */
export type DiagnosticPlace = Pick<Diagnostic, 'file' | 'line' | 'column' | 'subject'>;

/** A diagnostic once for each place it was raised at: itself, then one copy per place of `also`. */
export function atEachPlace(items: readonly Diagnostic[]): Diagnostic[] {
  return items.flatMap((d) => {
    if (!d.also?.length) return [d];
    const { also, ...first } = d;
    return [first, ...also.map((p) => ({ ...withoutPlace(first), ...p }))];
  });
}

function withoutPlace(d: Diagnostic): Diagnostic {
  const rest = { ...d };
  delete rest.file;
  delete rest.line;
  delete rest.column;
  delete rest.subject;
  return rest;
}

/** Collects diagnostics; stages push into it instead of throwing. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  #subject: Subject | undefined;

  /** The subject every diagnostic added now is recorded with (inside `about`). */
  get subject(): Subject | undefined {
    return this.#subject;
  }

  /**
   * Runs `fn` with every diagnostic it adds recorded as concerning `subject`: a stage that works
   * on one element at a time (the mapper, service by service) links what it reports to the
   * element without each call site saying so.
   */
  about<T>(subject: Subject, fn: () => T): T {
    const outer = this.#subject;
    this.#subject = subject;
    try {
      return fn();
    } finally {
      this.#subject = outer;
    }
  }

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
    if (this.#subject) d.subject = { ...this.#subject };
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
