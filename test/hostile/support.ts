import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';

export interface HostileRun extends CliRun {
  /** The diagnostics printed, as `code@file:line:column` (`code@file` for a whole file, `code@` for none). */
  diagnostics: string[];
  /** The project directory (under `base`). */
  dir: string;
  base: string;
}

const DIAGNOSTIC = /^(?:(.+?)(?::(\d+):(\d+))?: )?(error|warning|info): .* \[([a-z-]+)\]$/;

/** The `code@file:line:column` of each diagnostic line of stderr. */
export function printedDiagnostics(stderr: string): string[] {
  return stderr.split('\n').flatMap((l) => {
    const m = DIAGNOSTIC.exec(l);
    if (!m) return [];
    const [, file, line, column, , code] = m;
    return [`${code}@${file ?? ''}${line ? `:${line}:${column}` : ''}`];
  });
}

/**
 * `compose2kube ARGS` (in-process) in a new project directory `base/proj` holding `files`; paths
 * starting with `../` land in `base`, outside the project. Asserts what every hostile input must
 * give: no stack trace, and exit 0 or 2.
 */
export async function convertHostile(files: Record<string, string | Uint8Array>, args: string[] = [], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<HostileRun> {
  const base = mkdtempSync(join(tmpdir(), 'c2k-hostile-'));
  const dir = join(base, 'proj');
  mkdirSync(dir);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  const run = await runCli(['convert', ...args], { cwd: dir, ...opts });
  expect(run.stderr, 'a stack trace').not.toMatch(/^\s+at .+:\d+:\d+/m);
  expect([0, 2]).toContain(run.code);
  return { ...run, diagnostics: printedDiagnostics(run.stderr), dir, base };
}
