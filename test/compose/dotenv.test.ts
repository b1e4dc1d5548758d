import { describe, expect, it } from 'vitest';
import { parseDotenv, parseRawEnv } from '../../src/compose/dotenv.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';

const OUTSIDE: Record<string, string> = { HOME: '/home/ada', EMPTY: '' };

function vars(text: string, lookup: (n: string) => string | undefined = (n) => OUTSIDE[n]) {
  const diags = new Diagnostics();
  const entries = parseDotenv(text, 'app.env', diags, { lookup });
  return { values: Object.fromEntries(entries.map((e) => [e.name, e.value])), entries, diags: diags.items };
}

describe('parseDotenv: the Compose env file rules', () => {
  it.each([
    ['a simple pair', 'NAME=value\n', { NAME: 'value' }],
    ['no trailing newline', 'NAME=value', { NAME: 'value' }],
    ['CRLF line ends', 'A=1\r\nB=2\r\n', { A: '1', B: '2' }],
    ['blank lines and comments', '\n# a comment\n   # indented comment\nA=1\n\n', { A: '1' }],
    ['export prefix', 'export A=1\nexport\tB=2\n', { A: '1', B: '2' }],
    ['a variable called export', 'export=yes\n', { export: 'yes' }],
    ['spaces around =', 'A = spaced\n', { A: 'spaced' }],
    ['yaml-style colon', 'A: colon\n', { A: 'colon' }],
    ['empty value', 'A=\nB=\n', { A: '', B: '' }],
    ['dots, dashes and brackets in names', 'app.name=x\nmy-var=y\nlist[0]=z\n', { 'app.name': 'x', 'my-var': 'y', 'list[0]': 'z' }],
    ['inline comment after a space', 'A=value # comment\n', { A: 'value' }],
    ['hash without a space is part of the value', 'A=value#not-a-comment\n', { A: 'value#not-a-comment' }],
    ['a value that starts with #', 'A=#hash\n', { A: '#hash' }],
    ['trailing blanks trimmed', 'A=value   \t\n', { A: 'value' }],
    ['quotes inside an unquoted value stay', 'A=it"s\n', { A: 'it"s' }],
    ['backslashes are literal unquoted', 'A=some\\tvalue\n', { A: 'some\\tvalue' }],
    ['single quotes are literal', "A='$HOME \\n # not a comment'\n", { A: '$HOME \\n # not a comment' }],
    ['escaped single quote', "A='Let\\'s go'\n", { A: "Let's go" }],
    ['double quotes', 'A="two words"\n', { A: 'two words' }],
    ['double-quote escapes', 'A="tab\\there\\nnew\\\\back\\"q\\"\\rr"\n', { A: 'tab\there\nnew\\back"q"\rr' }],
    ['unknown escapes keep their backslash', 'A="\\c\\q\\\'"\n', { A: "\\c\\q\\'" }],
    ['octal escape', 'A="\\0101\\0102"\n', { A: 'AB' }],
    ['escaped dollar is not interpolated', 'A="\\$HOME"\n', { A: '$HOME' }],
    ['JSON in double quotes', 'A="{\\"hello\\": \\"json\\"}"\n', { A: '{"hello": "json"}' }],
    ['comment after a quoted value', 'A="value" # comment\nB=2\n', { A: 'value', B: '2' }],
    ['hash inside quotes', 'A="value # kept"\n', { A: 'value # kept' }],
    ['multi-line double quotes', 'A="line one\nline two"\nB=after\n', { A: 'line one\nline two', B: 'after' }],
    ['multi-line single quotes', "A='one\ntwo'\n", { A: 'one\ntwo' }],
    ['spaces before the quote', 'A=   "quoted"\n', { A: 'quoted' }],
    ['later definition wins', 'A=1\nA=2\n', { A: '2' }],
    ['a name alone takes the outside value', 'HOME\n', { HOME: '/home/ada' }],
    ['a name alone at the end of the file', 'HOME', { HOME: '/home/ada' }],
    ['a name alone that is unset outside is left out', 'NOPE\nA=1\n', { A: '1' }],
    ['a name alone set to empty outside', 'EMPTY\n', { EMPTY: '' }],
    ['a byte order mark', '\uFEFFA=1\n', { A: '1' }],
    ['unicode letters in names', 'ÉTÉ=chaud\n', { ÉTÉ: 'chaud' }],
  ])('%s', (_what, text, expected) => {
    const { values, diags } = vars(text);
    expect(values).toEqual(expected);
    expect(diags).toEqual([]);
  });
});

describe('parseDotenv: interpolation', () => {
  it.each([
    ['from outside', 'A=$HOME/bin\n', { A: '/home/ada/bin' }],
    ['braced, in double quotes', 'A="${HOME}/bin"\n', { A: '/home/ada/bin' }],
    ['not in single quotes', "A='${HOME}'\n", { A: '${HOME}' }],
    ['from a name defined earlier in the file', 'BASE=/srv\nDATA=${BASE}/data\n', { BASE: '/srv', DATA: '/srv/data' }],
    ['outside wins over the file', 'HOME=/root\nA=$HOME\n', { HOME: '/root', A: '/home/ada' }],
    ['default for an unset name', 'A=${NOPE:-fallback}\n', { A: 'fallback' }],
    ['default for an empty name', 'A=${EMPTY:-fallback}\nB=${EMPTY-kept}\n', { A: 'fallback', B: '' }],
    ['alternative value', 'A=${HOME:+has-home}\n', { A: 'has-home' }],
    ['double dollar', 'A=$$HOME\n', { A: '$HOME' }],
    ['a later name is not visible yet', 'A=${LATER:-early}\nLATER=1\n', { A: 'early', LATER: '1' }],
  ])('%s', (_what, text, expected) => {
    expect(vars(text).values).toEqual(expected);
  });

  it('consults the fallback after the names of the file itself', () => {
    const diags = new Diagnostics();
    const fallback = (n: string) => ({ X: 'from-fallback', Y: 'from-fallback' })[n];
    const entries = parseDotenv('Y=own\nA=$X-$Y\n', 'b.env', diags, { fallback });
    expect(entries.map((e) => [e.name, e.value])).toEqual([
      ['Y', 'own'],
      ['A', 'from-fallback-own'],
    ]);
  });

  it('warns about an unset variable at its line and column', () => {
    const { values, diags } = vars('A=1\nB=pre-${NOPE}\nC="x\\ty $ALSO"\n');
    expect(values).toEqual({ A: '1', B: 'pre-', C: 'x\ty ' });
    expect(diags.map((d) => [d.code, d.severity, d.file, d.line, d.column, d.message])).toEqual([
      ['interpolation-unset', 'warning', 'app.env', 2, 7, 'the "NOPE" variable is not set; it defaults to an empty string'],
      ['interpolation-unset', 'warning', 'app.env', 3, 9, 'the "ALSO" variable is not set; it defaults to an empty string'],
    ]);
  });

  it('reports a required variable as an error at its place', () => {
    const { diags } = vars('\nTOKEN=${API_TOKEN:?get one from the admin}\n');
    expect(diags).toMatchObject([
      { code: 'interpolation-required', severity: 'error', line: 2, column: 7, message: 'required variable API_TOKEN is missing a value: get one from the admin' },
    ]);
  });

  it('reports where each entry is written', () => {
    expect(vars('\n  export A=1\nB="x\ny"\nC=3\n').entries.map((e) => [e.name, e.line, e.column])).toEqual([
      ['A', 2, 10],
      ['B', 3, 1],
      ['C', 5, 1],
    ]);
  });
});

describe('parseDotenv: errors', () => {
  it.each([
    ['a space inside a name', 'MY VAR=1\n', 'variable name "MY VAR" contains a space', 1, 1],
    ['a bad character in a name', 'A=1\nBAD!NAME=1\n', 'unexpected character "!" in variable name "BAD!NAME=1"', 2, 4],
    ['no name', '=value\n', 'a line starts with "=" instead of a variable name', 1, 1],
    ['an unterminated double quote', 'A=1\nB="open\n', 'unterminated quoted value "open', 2, 3],
    ["an unterminated single quote", "A='open", "unterminated quoted value 'open", 1, 3],
  ])('%s', (_what, text, message, line, column) => {
    expect(vars(text).diags).toMatchObject([{ code: 'dotenv-syntax', severity: 'error', file: 'app.env', line, column, message }]);
  });

  it('goes on with the next line after an error', () => {
    const { values, diags } = vars('BAD NAME=1\nGOOD=2\n');
    expect(values).toEqual({ GOOD: '2' });
    expect(diags).toHaveLength(1);
  });
});

describe('parseRawEnv: format raw', () => {
  it.each([
    ['values as written', 'A="quoted"\nB=$HOME\nC=x # not a comment\n', { A: '"quoted"', B: '$HOME', C: 'x # not a comment' }],
    ['trailing blanks kept, leading blanks of the line skipped', '   A=a  \n', { A: 'a  ' }],
    ['only the first = splits', 'URL=a=b=c\n', { URL: 'a=b=c' }],
    ['comments and blank lines skipped', '# c\n\nA=1\r\n', { A: '1' }],
    ['a name alone comes from outside', 'HOME\nNOPE\n', { HOME: '/home/ada' }],
  ])('%s', (_what, text, expected) => {
    const diags = new Diagnostics();
    const entries = parseRawEnv(text, 'raw.env', diags, { lookup: (n) => OUTSIDE[n] });
    expect(Object.fromEntries(entries.map((e) => [e.name, e.value]))).toEqual(expected);
    expect(diags.items).toEqual([]);
  });

  it.each([
    ['no name', 'A=1\n=oops\n', 'no variable name before "=" in "=oops"', 2, 1],
    ['whitespace in a name', '  MY VAR=1\n', 'variable name "MY VAR" contains whitespace', 1, 3],
  ])('reports %s', (_what, text, message, line, column) => {
    const diags = new Diagnostics();
    parseRawEnv(text, 'raw.env', diags);
    expect(diags.items).toMatchObject([{ code: 'dotenv-syntax', message, line, column }]);
  });
});
