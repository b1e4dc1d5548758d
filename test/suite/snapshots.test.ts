import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';

/**
 * Snapshots never write themselves. vitest.config.ts sets `update: 'none'`, so a missing
 * expected.yaml or expected.diagnostics.txt, or a stale generated region of the docs, fails the run instead of being written, and
 * it does so whether or not the environment says CI (vitest's default writes new snapshots off CI).
 * `npm run test:update` (`vitest run --update=all`; `=all` so a test file after it is not taken for the
 * mode) is the one way to write them.
 *
 * The proof runs vitest with this project's config (without its global setup, which the probe does
 * not need), in a child process whose environment has no CI marker at all, on a throwaway project
 * with two file snapshots: one that exists and matches (so the run does compare snapshots) and one
 * that is missing.
 */
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const STD_ENV = pathToFileURL(join(ROOT, 'node_modules', 'std-env', 'dist', 'index.mjs')).href;

const PROBE = `
it('runs where vitest does not detect CI', async () => {
  const { isCI } = await import(${JSON.stringify(STD_ENV)});
  expect(isCI).toBe(false);
});
it('matches a snapshot that exists', async () => {
  await expect('same\\n').toMatchFileSnapshot('./present.txt');
});
it('matches a snapshot that is missing', async () => {
  await expect('new\\n').toMatchFileSnapshot('./missing.txt');
});
`;

describe('snapshots', () => {
  it('a missing file snapshot fails the run and is not written, even with CI unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2k-snapshots-'));
    mkdirSync(join(dir, 'test'));
    writeFileSync(join(dir, 'test', 'probe.test.ts'), PROBE);
    writeFileSync(join(dir, 'test', 'present.txt'), 'same\n');
    const config = join(dir, 'vitest.config.mjs');
    const projectConfig = pathToFileURL(join(ROOT, 'vitest.config.ts')).href;
    writeFileSync(config, `import project from ${JSON.stringify(projectConfig)};\nexport default { ...project, test: { ...project.test, globalSetup: [] } };\n`);
    const report = join(dir, 'report.json');
    // Only what node needs: no CI, no CI provider variable, no UPDATE_SNAPSHOT, no parent VITEST_*.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TMPDIR: tmpdir() };
    const run = spawnSync(
      process.execPath,
      [VITEST, 'run', '--config', config, '--root', dir, '--globals', '--reporter=json', `--outputFile=${report}`],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(existsSync(report), run.stderr).toBe(true);
    const results = (JSON.parse(readFileSync(report, 'utf8')) as { testResults: { assertionResults: { title: string; status: string }[] }[] }).testResults.flatMap(
      (f) => f.assertionResults.map((a) => [a.title, a.status]),
    );
    expect(results).toEqual([
      ['runs where vitest does not detect CI', 'passed'],
      ['matches a snapshot that exists', 'passed'],
      ['matches a snapshot that is missing', 'failed'],
    ]);
    expect(run.status).toBe(1);
    expect(existsSync(join(dir, 'test', 'missing.txt'))).toBe(false);
  });

  it('are written by npm run test:update only', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['test:update']).toBe('vitest run --update=all');
    expect(Object.entries(pkg.scripts).filter(([name, script]) => name !== 'test:update' && /(^|\s)(-u|--update)(\s|=|$)/.test(script))).toEqual([]);
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^export CI=true$/m);
  });
});
