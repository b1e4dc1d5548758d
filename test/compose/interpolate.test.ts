import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { interpolate, substitute } from '../../src/compose/interpolate.js';
import { parseYaml } from '../../src/compose/parse.js';
import { toPlain, type YNode } from '../../src/compose/tree.js';

// SET has a value, EMPTY is set to '', anything else is unset.
const ENV: Record<string, string> = { SET: 'value', EMPTY: '', PORT: '8080', lower: 'small', FALLBACK: 'fb' };
const lookup = (name: string) => ENV[name];

describe('substitute: values', () => {
  it.each([
    // plain references
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['${lower}', 'small'],
    ['$lower-case', 'small-case'],
    ['pre-${SET}-post', 'pre-value-post'],
    ['$SET$SET', 'valuevalue'],
    ['${EMPTY}', ''],
    ['$SET-default', 'value-default'],
    ['$PORT:80', '8080:80'],
    // :- and -
    ['${SET:-d}', 'value'],
    ['${EMPTY:-d}', 'd'],
    ['${UNSET:-d}', 'd'],
    ['${SET-d}', 'value'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${UNSET:-}', ''],
    ['${UNSET:-a:-b}', 'a:-b'],
    ['${UNSET-/path/with:colons}', '/path/with:colons'],
    // :+ and +
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${UNSET:+alt}', ''],
    ['${SET+alt}', 'alt'],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    // :? and ? when the variable has what they need
    ['${SET:?boom}', 'value'],
    ['${SET?boom}', 'value'],
    ['${EMPTY?boom}', ''],
    // nesting in the argument
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-$PORT}', '8080'],
    ['${UNSET-${SET} and ${FALLBACK}}', 'value and fb'],
    ['${SET:+[${FALLBACK}]}', '[fb]'],
    ['${UNSET:-{braces}}', '{braces}'],
    ['${A:-${B:-${C:-three}}}-tail', 'three-tail'],
    // escapes and lone dollars
    ['$$', '$'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['$$$SET', '$value'],
    ['cost: 5$', 'cost: 5$'],
    ['a $ b', 'a $ b'],
    ['^regex$', '^regex$'],
    ['$}', '$}'],
    ['$1', '$1'],
    ['${UNSET:-$$}', '$'],
    ['no variables here', 'no variables here'],
  ])('%s -> %s', (text, expected) => {
    expect(substitute(text, lookup).value).toBe(expected);
  });
});

describe('substitute: problems', () => {
  it.each([
    ['$UNSET', 'unset', 0, 'the "UNSET" variable is not set; it defaults to an empty string'],
    ['ab${UNSET}', 'unset', 2, 'the "UNSET" variable is not set; it defaults to an empty string'],
    ['x ${UNSET:?must be set}', 'required', 2, 'required variable UNSET is missing a value: must be set'],
    ['${EMPTY:?needs a value}', 'required', 0, 'required variable EMPTY is missing a value: needs a value'],
    ['${UNSET?}', 'required', 0, 'required variable UNSET is missing a value'],
    ['${UNSET:?port ${PORT} is taken}', 'required', 0, 'required variable UNSET is missing a value: port 8080 is taken'],
    ['${', 'syntax', 0, 'invalid interpolation "${": "${" is never closed'],
    ['a${SET', 'syntax', 1, 'invalid interpolation "${SET": "${" is never closed'],
    ['${}', 'syntax', 0, 'invalid interpolation "${}": expected a variable name after "${"'],
    ['${ SET}', 'syntax', 0, 'invalid interpolation "${ SET}": expected a variable name after "${"'],
    ['${SET }', 'syntax', 0, 'invalid interpolation "${SET }": after the name comes "}" or one of :- - :? ? :+ +'],
    ['${SET:x}', 'syntax', 0, 'invalid interpolation "${SET:x}": after the name comes "}" or one of :- - :? ? :+ +'],
    ['${SET!}', 'syntax', 0, 'invalid interpolation "${SET!}": after the name comes "}" or one of :- - :? ? :+ +'],
    ['${1ABC}', 'syntax', 0, 'invalid interpolation "${1ABC}": expected a variable name after "${"'],
  ])('%s -> %s at %i', (text, kind, offset, message) => {
    const { issues } = substitute(text, lookup);
    expect(issues).toEqual([{ kind, offset, message }]);
  });

  it('reports an unset variable inside a default at its own offset', () => {
    expect(substitute('${UNSET:-x${INNER}}', lookup).issues).toEqual([
      { kind: 'unset', offset: 10, message: 'the "INNER" variable is not set; it defaults to an empty string' },
    ]);
  });

  it('expands a default before looking at the variable, as Compose does, so an unused one still warns', () => {
    const { value, issues } = substitute('${SET:-${NOT_THERE}}', lookup);
    expect(value).toBe('value');
    expect(issues.map((i) => i.kind)).toEqual(['unset']);
  });

  it('does not warn for an unset variable that has a default or an alternative', () => {
    for (const text of ['${UNSET:-d}', '${UNSET-d}', '${UNSET:+a}', '${UNSET+a}']) expect(substitute(text, lookup).issues).toEqual([]);
  });
});

describe('substitute: which variables a value was made from', () => {
  it('records each variable read, with its value when set, inner expressions first', () => {
    const env: Record<string, string> = { DB_PASSWORD: 'pw', EMPTY: '' };
    const { uses } = substitute('postgres://app:${DB_PASSWORD}@db/$UNSET?${MISSING:-${EMPTY}}', (n) => env[n]);
    expect(uses).toEqual([{ name: 'DB_PASSWORD', value: 'pw' }, { name: 'UNSET' }, { name: 'EMPTY', value: '' }, { name: 'MISSING' }]);
  });

  it('records nothing for an escaped $$', () => {
    expect(substitute('$${DB_PASSWORD}', () => 'pw').uses).toEqual([]);
  });
});

describe('substitute: properties', () => {
  it('leaves a string without $ unchanged and reports nothing', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes('$')), (s) => {
        expect(substitute(s, lookup)).toEqual({ value: s, issues: [], uses: [] });
      }),
    );
  });

  it('gives back any string whose $ are written $$', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '{', '}', 'A', '_', ':', '-', '?', '+', ' ', 'é') }), (s) => {
        expect(substitute(s.replaceAll('$', () => '$$'), () => 'X')).toEqual({ value: s, issues: [], uses: [] });
      }),
    );
  });

  it('never throws, whatever the text, and reports every $ it cannot read', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '{', '}', 'S', 'E', 'T', ':', '-', '?', '+', 'x') }), (s) => {
        const { value, issues } = substitute(s, lookup);
        expect(typeof value).toBe('string');
        // Every issue points at a $ of the text.
        for (const i of issues) expect(s[i.offset]).toBe('$');
      }),
    );
  });

  it('expands like a reference model of the compose grammar (values, unset and required variables, offsets)', () => {
    fc.assert(
      fc.property(terms, (parts) => {
        const expected = model(parts, 0);
        expect(substitute(expected.text, lookup)).toEqual({
          value: expected.value,
          issues: expected.issues.map((i) => ({ ...i, message: expect.any(String) })),
          // Which variables were read is its own model: 'which variables a value was made from'.
          uses: expect.any(Array),
        });
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * A reference model of interpolation for a restricted grammar, written from the compose
 * specification (interpolation.md) and independent of src/compose/interpolate.ts: text without $,
 * `$$`, `$NAME`, `${NAME}` and `${NAME<op>arg}` with the six operators, arguments nesting the same
 * (without braces in their text). As in Compose, an argument is expanded before its operator looks
 * at the variable, so its unset variables are reported even when it is not used.
 */
type Op = ':-' | '-' | ':+' | '+' | ':?' | '?';
type Part = { t: 'text'; s: string } | { t: 'dollar' } | { t: 'ref'; name: string; braced: boolean } | { t: 'op'; name: string; op: Op; arg: Part[] };
interface Modelled {
  text: string;
  value: string;
  issues: { kind: 'unset' | 'required'; offset: number }[];
}

const NAMES = ['SET', 'EMPTY', 'PORT', 'UNSET', 'OTHER'];
const text = (alphabet: string) => fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength: 1, maxLength: 4 }).map((s): Part => ({ t: 'text', s }));
const { top: terms } = fc.letrec<{ top: Part[]; arg: Part[]; part: Part; argPart: Part }>((tie) => ({
  top: fc.array(tie('part'), { maxLength: 5 }),
  arg: fc.array(tie('argPart'), { maxLength: 3 }),
  part: fc.oneof(text('aZ0_ :-?+{}/\u00e9'), tie('argPart')),
  argPart: fc.oneof(
    { depthSize: 'small' },
    text('aZ0_ :-?+/\u00e9'),
    fc.constant<Part>({ t: 'dollar' }),
    fc.record({ t: fc.constant('ref' as const), name: fc.constantFrom(...NAMES), braced: fc.boolean() }),
    fc.record({ t: fc.constant('op' as const), name: fc.constantFrom(...NAMES), op: fc.constantFrom<Op>(':-', '-', ':+', '+', ':?', '?'), arg: tie('arg') }),
  ),
}));

function model(parts: readonly Part[], base: number): Modelled {
  const out: Modelled = { text: '', value: '', issues: [] };
  parts.forEach((p, i) => {
    const at = base + out.text.length;
    if (p.t === 'text') {
      out.text += p.s;
      out.value += p.s;
    } else if (p.t === 'dollar') {
      out.text += '$$';
      out.value += '$';
    } else if (p.t === 'ref') {
      // A bare $NAME followed by a name character would read a longer name: brace it then.
      const next = parts[i + 1];
      const braced = p.braced || (next?.t === 'text' && /^[A-Za-z0-9_]/.test(next.s));
      out.text += braced ? `\${${p.name}}` : `$${p.name}`;
      const v = ENV[p.name];
      if (v === undefined) out.issues.push({ kind: 'unset', offset: at });
      out.value += v ?? '';
    } else {
      const head = `\${${p.name}${p.op}`;
      const arg = model(p.arg, at + head.length);
      out.text += `${head}${arg.text}}`;
      out.issues.push(...arg.issues);
      const v = ENV[p.name];
      const missing = v === undefined || (p.op.startsWith(':') && v === '');
      if (p.op === ':-' || p.op === '-') out.value += missing ? arg.value : v!;
      else if (p.op === ':+' || p.op === '+') out.value += missing ? '' : arg.value;
      else if (missing) out.issues.push({ kind: 'required', offset: at });
      else out.value += v!;
    }
  });
  return out;
}

function interpolateYaml(text: string, env: Record<string, string> = ENV): { tree: YNode; diags: Diagnostics } {
  const diags = new Diagnostics();
  const parsed = parseYaml({ path: 'compose.yaml', text }, diags)!;
  const tree = interpolate(parsed, (n) => env[n], diags, text);
  return { tree, diags };
}

describe('interpolate: compose files', () => {
  it('replaces values everywhere and never keys', () => {
    const { tree, diags } = interpolateYaml('services:\n  web:\n    image: app:${SET}\n    labels:\n      $SET: "${PORT}"\n');
    expect(toPlain(tree)).toEqual({ services: { web: { image: 'app:value', labels: { $SET: '8080' } } } });
    expect(diags.items).toEqual([]);
  });

  it('leaves numbers, booleans and nulls alone', () => {
    const { tree } = interpolateYaml('a: 1\nb: true\nc:\nd: [2, "$$"]\n');
    expect(toPlain(tree)).toEqual({ a: 1, b: true, c: null, d: [2, '$'] });
  });

  it('keeps a node that has nothing to interpolate (same object)', () => {
    const diags = new Diagnostics();
    const parsed = parseYaml({ path: 'compose.yaml', text: 'a: plain\n' }, diags)!;
    const out = interpolate(parsed, lookup, diags);
    expect((out as { entries: { value: YNode }[] }).entries[0]!.value).toBe((parsed as { entries: { value: YNode }[] }).entries[0]!.value);
  });

  it.each([
    ['plain scalar', 'image: app:${UNSET}\n', 1, 12],
    ['double-quoted scalar', 'image: "app:${UNSET}"\n', 1, 13],
    ['single-quoted scalar', "image: 'app:${UNSET}'\n", 1, 13],
    ["single quotes with a doubled quote", "image: 'it''s ${UNSET}'\n", 1, 15],
    ['double quotes with an escape', 'image: "a\\tb ${UNSET}"\n', 1, 14],
    ['flow sequence item', 'ports: [1, "x${UNSET}"]\n', 1, 14],
    ['list item', 'list:\n  - ok\n  - pre $UNSET\n', 3, 9],
    ['second of two variables', 'x: ${SET}-${UNSET}\n', 1, 11],
    ['block scalar (the scalar itself)', 'x: |\n  line ${UNSET}\n', 1, 4],
    ['folded plain scalar over two lines (the scalar itself)', 'x: first\n  ${UNSET}\n', 1, 4],
  ])('points at the $ in a %s', (_what, text, line, column) => {
    const { diags } = interpolateYaml(text);
    expect(diags.items.map((d) => [d.code, d.line, d.column])).toEqual([['interpolation-unset', line, column]]);
  });

  it.each([
    ['required', 'services:\n  web:\n    image: "${TAG:?set TAG to the release}"\n', 'interpolation-required', 3, 13, 'required variable TAG is missing a value: set TAG to the release'],
    ['syntax', 'services:\n  web:\n    command: echo ${ HOME}\n', 'interpolation-syntax', 3, 19, 'invalid interpolation "${ HOME}": expected a variable name after "${"'],
    ['syntax in a default', 'x: ${UNSET:-${}}\n', 'interpolation-syntax', 1, 13, 'invalid interpolation "${}": expected a variable name after "${"'],
  ])('reports %s errors with code, line and column', (_what, text, code, line, column, message) => {
    const { diags } = interpolateYaml(text);
    expect(diags.items).toMatchObject([{ code, severity: 'error', file: 'compose.yaml', line, column, message }]);
  });

  it('warns once per unset reference, each at its own place', () => {
    const { diags } = interpolateYaml('a: $UNSET\nb: "${UNSET}"\n');
    expect(diags.items.map((d) => `${d.line}:${d.column}`)).toEqual(['1:4', '2:5']);
  });
});
