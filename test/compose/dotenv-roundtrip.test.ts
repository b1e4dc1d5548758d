import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/compose/dotenv.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { load } from './helpers.js';

/** Parse one env file; the entries and the diagnostics. */
function parse(text: string) {
  const diags = new Diagnostics();
  return { entries: parseDotenv(text, '.env', diags).map((e) => [e.name, e.value]), diags: diags.items };
}

/** A value written double-quoted, escaped the way Compose's dotenv reads it back. */
const doubleQuoted = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$')}"`;

// Issue 7: a value equal to a word the parser could use internally must survive exactly.
const MARKERS = ['error', 'undefined', 'null', 'true', 'false', '0', 'NaN', '__proto__', 'constructor'];

describe('dotenv values are values', () => {
  it.each(MARKERS)('keeps %s, unquoted, single- and double-quoted', (value) => {
    expect(parse(`RUST_LOG=${value}\nA='${value}'\nB="${value}"\n`)).toEqual({ entries: [['RUST_LOG', value], ['A', value], ['B', value]], diags: [] });
  });

  it('keeps any single-line value written double-quoted (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((v) => !/[\n\r]/.test(v)), (value) => {
        expect(parse(`V=${doubleQuoted(value)}\n`)).toEqual({ entries: [['V', value]], diags: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any value without quote or newline written single-quoted (property)', () => {
    fc.assert(
      fc.property(fc.string().filter((v) => !/['\n\r\\]/.test(v)), (value) => {
        expect(parse(`V='${value}'\n`)).toEqual({ entries: [['V', value]], diags: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any plain word written unquoted (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_.:/@+=,-][A-Za-z0-9_.:/@+=,-]*$/);
    fc.assert(
      fc.property(fc.oneof(word, fc.constantFrom(...MARKERS)), (value) => {
        expect(parse(`V=${value}\n`)).toEqual({ entries: [['V', value]], diags: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('passes any .env value through interpolation into the project unchanged (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string().filter((v) => !/[\n\r]/.test(v)), fc.constantFrom(...MARKERS)), (value) => {
        const result = load({ '.env': `LOG_LEVEL=${doubleQuoted(value)}\n`, 'compose.yaml': 'services:\n  app:\n    image: app\n    environment:\n      LOG_LEVEL: ${LOG_LEVEL}\n' });
        expect(result.project!.services.app!.environment.map((v) => v.value)).toEqual([value]);
      }),
      { numRuns: 200 },
    );
  });
});
