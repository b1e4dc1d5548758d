import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { writeYaml } from '../../src/emit/yaml-writer.js';
import { UNSUPPORTED, readBlockYaml } from '../../src/diff/fast-yaml.js';
import { MANIFEST_YAML_OPTIONS } from '../../src/diff/kube-yaml.js';
import { splitDocuments } from '../../src/diff/read.js';
import { convertFixture, fixtureNames } from '../support/fixtures.js';

/** What the yaml library reads, or an error marker when it reports one. */
function library(text: string): unknown {
  const doc = parseDocument(text, MANIFEST_YAML_OPTIONS);
  if (doc.errors.length > 0) return { libraryError: doc.errors[0]!.message };
  return doc.toJS();
}

const read = { fast: 0, gaveUp: 0 };

/** The fast reader must give up or read exactly what the library reads. */
function agrees(text: string): boolean {
  const fast = readBlockYaml(text);
  if (fast === UNSUPPORTED) {
    read.gaveUp++;
    return true;
  }
  read.fast++;
  expect(fast, text).toEqual(library(text));
  return true;
}

/** The share of texts the fast reader read itself since the last call (so the properties test it, not the fallback). */
function fastShare(): number {
  const share = read.fast / (read.fast + read.gaveUp);
  read.fast = read.gaveUp = 0;
  return share;
}

const TRICKY = ['', ' ', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', '~', '0755', '0o755', '0x1F', '1e3', '1:30', '2024-01-02', '.inf', '-.nan', '08', '1_000',
  '- x', '-x', '--bind', ': x', 'a: b', 'a:b', '#x', 'a #b', 'a#b', "it's", '"q"', '\\', 'é', '💡', 'a\tb', '\n', 'a\n', 'a\n\n', '\na', '  lead', 'trail  ',
  'line1\n  indented\nline3', '#!/bin/sh\necho hi\n', 'x\n \ny', '<<', '[a]', '{a}', '*x', '&a', '!t', '|', '>', '%', '@', '`', '?', ',', 'a, b', 'k8s.io/name'];

const scalar = fc.oneof(fc.constantFrom(...TRICKY), fc.string(), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom(...TRICKY.filter((k) => k !== '<<')), fc.string({ minLength: 1 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
}));

/** Comment lines and blank lines between the lines of a text (never inside a block scalar's reach, or it would change the value). */
function withComments(text: string, seed: number): string {
  return text
    .split('\n')
    .map((l, i) => ((i * 7 + seed) % 5 === 0 && !/^\s/.test(l) ? `# comment ${i}\n${l}` : l))
    .join('\n');
}

describe('the fast YAML reader reads what the yaml library reads, or gives up', () => {
  it('on the emitter output of random data', () => {
    fastShare();
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (v) => agrees(writeYaml(v))), { numRuns: 400 });
    expect(fastShare()).toBeGreaterThan(0.3);
  });

  it('on the library output of random data, in both sequence styles and with comments', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), fc.boolean(), fc.nat(10), (v, indentSeq, seed) => {
        const text = stringify(v, { version: '1.1', indentSeq, lineWidth: 0 });
        return agrees(text) && agrees(withComments(text, seed));
      }),
      { numRuns: 400 },
    );
    expect(fastShare()).toBeGreaterThan(0.2);
  });

  it('on random text built from YAML-ish lines', () => {
    const lines = fc.array(fc.constantFrom('a: 1', 'b:', '  c: x', '  - 1', '- 2', '  - d: e', '    f: |', '      text', '        more', '', '   ', '# c', 'g: "x" # c', "h: 'it''s'", 'i: |-', '  j', 'k: []', 'l: {}', '  m:', '    - n', 'o: p: q', 'r: >', '  s', '\tt: 1', 'u: a # b', 'v: -', 'w: - x', '- y: |+', '', '  z'), { maxLength: 12 });
    fastShare();
    fc.assert(fc.property(lines, fc.boolean(), (ls, newline) => agrees(ls.join('\n') + (newline ? '\n' : ''))), { numRuns: 2000 });
    expect(fastShare()).toBeGreaterThan(0.1);
  });

  it.each([
    ['a: |\n  x\n\n', 'keeps one line break (clip)'],
    ['a: |+\n  x\n\n\nb: 1\n', 'keeps every line break (keep)'],
    ['a: |-\n  x\n\n', 'keeps none (strip)'],
    ['a: |\n  x\n   \n  y\n', 'a line of spaces inside'],
    ['a: |\n\n  x\n', 'an empty first line'],
    ['a:\n- 1\n- 2\nb: 3\n', 'a sequence at the indentation of its key'],
    ['- a: 1\n  b:\n  - c\n- d\n', 'mappings in a sequence'],
    ['a: "\\u00e9\\x41\\t\\\\"\n', 'double-quoted escapes'],
    ['a: x\n  y\n', 'a multi-line plain scalar (gives up)'],
    ['a: [1, 2]\n', 'a flow sequence (gives up)'],
    ['a: &x 1\nb: *x\n', 'an anchor and alias (gives up)'],
    ['a: 1\na: 2\n', 'a duplicate key (gives up; the library reports it)'],
    ['true: 1\n', 'a key that is not a string (gives up)'],
    ['a: |\n  x', 'a block scalar without a final line break (gives up)'],
  ])('%j: %s', (text) => {
    expect(agrees(text)).toBe(true);
  });

  it('reads every document of every fixture output itself, without giving up', () => {
    const texts = fixtureNames()
      .map((n) => convertFixture(n))
      .filter((r) => !r.failed)
      .flatMap((r) => splitDocuments(r.text)!.map((c) => c.text))
      .filter((t) => t.trim() !== '');
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts) {
      const fast = readBlockYaml(t);
      expect(fast, t).not.toBe(UNSUPPORTED);
      expect(fast).toEqual(library(t));
    }
  });
});
