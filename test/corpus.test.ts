import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';
import { runCli } from './support/cli.js';

/**
 * Kompose's own fixtures are real-world compose files of every vintage. Whatever they contain, the
 * CLI must either convert them (exit 0) or explain why not (exit 2): never crash.
 */
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'kompose');

function composeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...composeFiles(p));
    else if (/\.ya?ml$/.test(name) && !name.startsWith('output')) out.push(p);
  }
  return out;
}

const files = existsSync(CORPUS) ? composeFiles(CORPUS) : [];

describe.skipIf(files.length === 0)('the Kompose corpus (../shared/corpus/kompose)', () => {
  it.each(files.map((f) => [f.slice(CORPUS.length + 1), f]))('%s converts or is refused cleanly', async (_name, file) => {
    const run = await runCli(['convert', '-f', basename(file)], { cwd: dirname(file) });
    expect([0, 2]).toContain(run.code);
    expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+/m);
    expect(run.stderr).not.toMatch(/(TypeError|ReferenceError|RangeError): /);
    if (run.code === 2) expect(run.stderr).toMatch(/error: /);
  });
});
