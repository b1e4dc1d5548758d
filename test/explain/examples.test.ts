import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExample } from '../../src/explain/example.js';
import { rowText } from '../../src/explain/render.js';
import { EQUIVALENCES } from '../../src/mapping/equivalences/index.js';
import { EXAMPLES } from '../../src/mapping/equivalences/examples.js';
import { ROOT } from '../support/fixtures.js';

describe('the example of every row of the table', () => {
  it('exists, and no example is left without its row', () => {
    expect(EQUIVALENCES.filter((r) => r.example === undefined).map((r) => r.key)).toEqual([]);
    const keys = new Set(EQUIVALENCES.map((r) => r.key));
    expect(Object.keys(EXAMPLES).filter((k) => !keys.has(k))).toEqual([]);
  });

  it.each(EQUIVALENCES.map((r) => [r.key, r] as const))('%s converts and shows what the key does', (_key, row) => {
    const run = runExample(row)!;
    expect(run.failed, run.diagnostics.join('\n')).toBe(false);
    if (row.fidelity === 'unsupported') {
      // Nothing to show but the warning that says what to do instead.
      expect(run.diagnostics.some((d) => /: warning: .*\[(unsupported|approximate|unmapped-key|external-object)\]/.test(d)), run.diagnostics.join('\n')).toBe(true);
    } else {
      expect(run.objects.length).toBeGreaterThan(0);
      expect(run.kubernetes).toMatch(/^---\napiVersion: /);
    }
  });
});

describe('explain for every row (golden file)', () => {
  it('prints each row with its example as converted today', async () => {
    const text = EQUIVALENCES.map((r) => rowText(r)).join('\n');
    await expect(text).toMatchFileSnapshot(join(ROOT, 'test', 'golden', 'explain.txt'));
  });
});
