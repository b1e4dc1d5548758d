import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeValidatorModule } from '../../src/compose/schema/compile.js';
import { extensionValidatorModule } from '../../src/mapping/hints/extension-compile.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * The validators run from modules compiled ahead of time. Each is compiled again here, in memory,
 * from the schemas as they are now: a schema changed without `npm run schemas` fails this test.
 */
describe('validators compiled ahead of time', () => {
  it.each([
    ['src/compose/schema/compiled.generated.ts', composeValidatorModule],
    ['src/mapping/hints/extension-validators.generated.ts', extensionValidatorModule],
  ])('%s matches its schema (regenerate with npm run schemas)', (path, generate) => {
    const committed = readFileSync(join(root, path), 'utf8');
    const fresh = generate();
    expect(fresh.length).toBeGreaterThan(1000);
    // Not toBe: a mismatch would print two 100-KiB modules.
    expect(committed === fresh, `${path} is stale: run npm run schemas`).toBe(true);
  });
});
