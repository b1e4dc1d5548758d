import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';

/**
 * Every test that builds objects checks them like an API server would. Tests get convert from
 * test/support/api-checks.ts, which runs kubernetes-models' validation, the API-server rules and the
 * strict field check on every object it returns. Only these may take the pipeline's own convert:
 */
const UNCHECKED_ALLOWED: Record<string, string> = {
  'test/support/api-checks.ts': 'it wraps it',
  'test/support/fixtures.ts': "convertFixture; test/fixtures.test.ts checks every fixture's objects",
  'test/pipeline.test.ts': 'it tests the public entry point src/index.ts, and checks its objects itself',
};

const PIPELINE_IMPORT = /import\s*\{[^}]*\bconvert\b[^}]*\}\s*from\s*'[./]*\/src\/(?:pipeline|index)\.js'/;

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(name) ? [p] : [];
    });
}

describe('objects built by tests', () => {
  it('come from the checked convert of test/support/api-checks.ts', () => {
    // This file is left out: its examples take the unchecked convert on purpose.
    const all = files(join(ROOT, 'test')).filter((f) => f !== fileURLToPath(import.meta.url));
    expect(all.length).toBeGreaterThan(50);
    const unchecked = all.map((f) => relative(ROOT, f)).filter((f) => !(f in UNCHECKED_ALLOWED) && PIPELINE_IMPORT.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(unchecked).toEqual([]);
  });

  it.each([
    ["import { convert } from '../../src/pipeline.js';", true],
    ["import { convert, type ConvertOptions } from '../src/pipeline.js';", true],
    ["import { convert } from '../src/index.js';", true],
    ["import type { ConvertOptions } from '../../src/pipeline.js';", false],
    ["import { convert } from '../support/api-checks.js';", false],
  ])('recognises %s as taking the unchecked convert: %s', (line, found) => {
    expect(PIPELINE_IMPORT.test(line)).toBe(found);
  });
});
