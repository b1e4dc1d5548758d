import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/mapping/context.js';
import { apiProblems, convert } from '../support/api-checks.js';
import { runCli } from '../support/cli.js';
import { fuzz } from './budget.js';
import { MODEL, type Model } from './models.js';

/**
 * The whole pipeline on random projects the compose schema accepts: every project converts into
 * objects an API server accepts (kubernetes-models' validators, the API-server rules and the strict
 * field check), or fails with errors placed in the compose file. Never a thrown exception.
 */

const ENV = { API_KEY: 'fuzz-key' };

function texts(model: Model): Record<string, string> {
  return Object.fromEntries(Object.entries(model.files).map(([p, v]) => [p, typeof v === 'string' ? v : stringify(v)]));
}

/** Errors must say where: a project the schema accepts fails only at a place in a file. */
function unplacedErrors(diagnostics: readonly { severity: string; file?: string; line?: number; code: string }[]): string[] {
  return diagnostics.filter((d) => d.severity === 'error' && (d.file === undefined || d.line === undefined)).map((d) => d.code);
}

describe('random valid compose projects', () => {
  const tally = { converted: 0, failed: 0 };
  afterAll(() => {
    // A generator whose projects all fail would check nothing: most must convert.
    if (tally.converted + tally.failed > 0) expect(tally.converted).toBeGreaterThan(tally.failed);
  });

  it('convert into objects an API server accepts (checked convert), or fail at a place', async () => {
    await fuzz('pipeline: random projects, in memory', 'pipeline', fc.property(MODEL, (model) => {
      const result = convert(texts(model), { workingDir: '/p', env: ENV });
      if (result.failed) tally.failed++;
      else tally.converted++;
      expect(unplacedErrors(result.diagnostics)).toEqual([]);
    }));
  });

  it('convert through the CLI: exit 0 with objects an API server accepts, or exit 2 with diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2k-fuzz-model-'));
    try {
      await fuzz('pipeline: random projects, CLI', 'pipeline', fc.asyncProperty(MODEL, async (model) => {
        rmSync(dir, { recursive: true, force: true });
        for (const [p, text] of Object.entries(texts(model))) {
          mkdirSync(dirname(join(dir, p)), { recursive: true });
          writeFileSync(join(dir, p), text);
        }
        const run = await runCli(['convert'], { cwd: dir, env: ENV });
        expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+/m);
        expect([0, 2]).toContain(run.code);
        if (run.code === 2) expect(run.stderr).toMatch(/: error: .* \[[a-z-]+\]$/m);
        else expect(apiProblems(parseAllDocuments(run.stdout).map((d) => d.toJS() as KubeObject))).toEqual([]);
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
