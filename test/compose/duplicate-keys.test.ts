import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { parseYaml } from '../../src/compose/parse.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';

/** The problems the parser itself reports with its own duplicate-key check (`uniqueKeys`), as parseYaml words them. */
function parserProblems(text: string): string[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: false, uniqueKeys: true, prettyErrors: false });
  return doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    const duplicate = e.code === 'DUPLICATE_KEY';
    return `${duplicate ? 'yaml-duplicate-key' : 'yaml-syntax'}@${line}:${col}${duplicate ? '' : ` ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`}`;
  });
}

/** What parseYaml reports of the same (leaving out what it finds itself once the text is parsed: merge keys). */
function ourProblems(text: string): string[] {
  const diags = new Diagnostics();
  parseYaml({ path: 'compose.yaml', text }, diags);
  return diags.items
    .filter((d) => d.code === 'yaml-duplicate-key' || (d.code === 'yaml-syntax' && !d.message.startsWith('a << merge key')))
    .map((d) => `${d.code}@${d.line}:${d.column}${d.code === 'yaml-syntax' ? ` ${d.message}` : ''}`);
}

const KEYS = ['a', 'b', '"a"', "'a'", '1', '01', '1.0', 'true', 'True', 'null', '~', '.nan', '.NaN', '<<', '&k a', '!!str a', '!!str 1', 'a b', '"a b"'];
// No empty values: after an entry without a value the parser places the next key at the end of
// that entry (see below). No aliases: resolving them is not the parser's job but parseYaml's.
const SCALARS = ['1', 'x', '"q"', 'null', '""', '[1, 2]', '{a: 1, a: 2}', '{a: 1, b: 2}', '{"a": 1, a: 2}', '[unclosed', '{a: 1'];

/** Block mappings (and lists of them) with keys that are often equal, and now and then a broken line. */
const block = (indent: number): fc.Arbitrary<string[]> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)).map(([k, v]) => [`${' '.repeat(indent)}${k}: ${v}`]) },
        {
          weight: indent < 6 ? 2 : 0,
          arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constant(null)).chain(([k]) => block(indent + 2).map((lines) => [`${' '.repeat(indent)}${k}:`, ...lines])),
        },
        {
          weight: indent < 6 ? 1 : 0,
          arbitrary: fc.constantFrom(...KEYS).chain((k) => block(indent + 4).map((lines) => [`${' '.repeat(indent)}${k}:`, `${' '.repeat(indent + 2)}- ${lines[0]!.trimStart()}`, ...lines.slice(1)])),
        },
        { weight: 1, arbitrary: fc.constantFrom(`${' '.repeat(indent)}? a`, `${' '.repeat(indent)}: v`, `${' '.repeat(indent)}\tbad: tab`, `${' '.repeat(indent + 1)}off: by one`).map((l) => [l]) },
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((groups) => groups.flat());

describe('duplicate keys', () => {
  it('are reported where and as the parser reports them, along with its other problems', () => {
    let clean = 0;
    fc.assert(
      fc.property(block(0), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const ours = ourProblems(text);
        const parser = parserProblems(text);
        const syntax = (list: string[]) => list.filter((p) => p.startsWith('yaml-syntax'));
        expect(syntax(ours)).toEqual(syntax(parser));
        expect(ours.length).toBe(parser.length);
        // Where the parser recovers from a syntax error, its idea of where a key starts can drift.
        if (syntax(parser).length === 0) {
          if (parser.length > 0) clean++;
          expect(ours).toEqual(parser);
        }
      }),
      { numRuns: 2000 },
    );
    // Enough documents whose only problems are duplicate keys, to compare their positions.
    expect(clean).toBeGreaterThan(200);
  });

  it.each([
    ['in a block mapping', 'services:\n  web:\n    image: a\n    image: b\n', ['yaml-duplicate-key@4:5']],
    ['in a flow mapping', 'services: {web: {image: a, image: b}}\n', ['yaml-duplicate-key@1:28']],
    ['written in two quotings', 'services:\n  web:\n    "image": a\n    image: b\n', ['yaml-duplicate-key@4:5']],
    ['of different types are different keys', 'x-a:\n  1: a\n  "1": b\n  true: c\n  "true": d\nservices: {}\n', []],
    ['without a key', 'x-a:\n  : a\n  # a comment\n  : b\nservices: {}\n', ['yaml-duplicate-key@4:3']],
  ])('%s', (_name, text, expected) => {
    expect(ourProblems(text)).toEqual(expected);
    expect(parserProblems(text)).toEqual(expected);
  });

  it('after an entry without a value are reported at the key (the parser points at the end of that entry)', () => {
    const text = 'services:\n  web:\n    image:\n    image: nginx\n';
    expect(ourProblems(text)).toEqual(['yaml-duplicate-key@4:5']);
    expect(parserProblems(text)).toEqual(['yaml-duplicate-key@3:11']);
  });

  it('are found in a mapping of 100 000 keys without comparing every pair', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  K${i}: v`);
    const text = `x-big:\n${keys.join('\n')}\n  K99999: again\nservices: {}\n`;
    expect(ourProblems(text)).toEqual(['yaml-duplicate-key@100002:3']);
  });
});

describe('nesting', () => {
  it('too deep for the parser is an error where it goes deepest, not a crash', () => {
    const levels = 100_000;
    const diags = new Diagnostics();
    expect(parseYaml({ path: 'compose.yaml', text: `x-deep:\n  ${'- '.repeat(levels)}a\nservices:\n  web:\n    image: nginx\n` }, diags)).toBeUndefined();
    expect(diags.items.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([`yaml-too-large@2:${2 * levels + 3}`]);
  });
});
