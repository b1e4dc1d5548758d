import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';
import { caseNames, cliArgs, machineFree, readCase } from './harness.js';

/**
 * The committed expectations are current: when Docker Compose's loader is beside the repository
 * (../shared/compose-go-ref/compose-config, never committed), each case is run through it again
 * exactly as scripts/conformance-record.js does and must give its expected.json. A case edited
 * without re-recording fails here. Skipped, by name, when the oracle is absent (CI).
 */
const ORACLE = join(ROOT, '..', 'shared', 'compose-go-ref', 'compose-config');

/** What the oracle prints for a case now, in the recorder's form. */
function record(name: string): Promise<unknown> {
  const c = readCase(name);
  return new Promise((done) => {
    execFile(ORACLE, cliArgs(c.spec), { cwd: join(c.dir, c.spec.cwd ?? '.'), env: { ...(c.spec.env ?? {}) }, encoding: 'utf8' }, (error, stdout, stderr) => {
      done(error ? { error: machineFree(stderr.trim(), c.dir) } : machineFree(JSON.parse(stdout) as unknown, c.dir));
    });
  });
}

describe.skipIf(!existsSync(ORACLE))('expected.json is what ../shared/compose-go-ref/compose-config prints today (skipped when absent)', () => {
  const names = caseNames();
  const now = new Map<string, unknown>();
  beforeAll(async () => {
    // A few oracle processes at a time: the machine is shared.
    const queue = [...names];
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) now.set(name, await record(name));
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  });
  for (const name of names) {
    it(name, () => {
      // Compose's messages may list things in map order (a cycle from either end): of an error, the first line counts.
      const firstLine = (v: unknown) => (v && typeof v === 'object' && 'error' in v ? { error: String(v.error).split('\n')[0] } : v);
      expect(firstLine(now.get(name)), `re-record with: npm run conformance:record -- ${name}`).toEqual(firstLine(readCase(name).expected));
    });
  }
});
