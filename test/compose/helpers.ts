import { memoryReader } from '../../src/compose/host.js';
import { loadProject, type LoadResult } from '../../src/compose/load.js';
import type { LoadOptions } from '../../src/compose/host.js';
import { toPlain } from '../../src/compose/tree.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Load an in-memory project whose files live under /p (the working directory). */
export function load(files: Record<string, string>, options: Partial<Omit<LoadOptions, 'reader'>> = {}): LoadResult {
  const workingDir = options.workingDir ?? '/p';
  return loadProject({ env: {}, ...options, workingDir, reader: memoryReader(files, workingDir) });
}

/** The merged compose tree of a project that loaded, as plain data. */
export function plainOf(result: LoadResult): Record<string, unknown> {
  if (!result.project) throw new Error(`project did not load:\n${describe(result.diagnostics)}`);
  return toPlain(result.project.node) as Record<string, unknown>;
}

/** One service of the merged tree, as plain data. */
export function serviceOf(result: LoadResult, name: string): Record<string, unknown> {
  const services = plainOf(result).services as Record<string, Record<string, unknown>>;
  return services[name]!;
}

/** Diagnostics as `code@file:line:column` (errors and warnings), for compact assertions. */
export function codes(result: LoadResult, severity?: Diagnostic['severity']): string[] {
  return result.diagnostics
    .filter((d) => severity === undefined || d.severity === severity)
    .map((d) => `${d.code}@${d.file ?? ''}:${d.line ?? 0}:${d.column ?? 0}`);
}

export function describe(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.severity} ${d.code} ${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.message}`).join('\n');
}
