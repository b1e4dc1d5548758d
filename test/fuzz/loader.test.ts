import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { castTypes } from '../../src/compose/cast.js';
import { parseDotenv, parseRawEnv } from '../../src/compose/dotenv.js';
import { interpolate, substitute } from '../../src/compose/interpolate.js';
import { mergeFiles } from '../../src/compose/merge.js';
import { parseYaml } from '../../src/compose/parse.js';
import { splitPortSyntax } from '../../src/compose/port-syntax.js';
import { fromPlain, toPlain, type YMap, type YNode } from '../../src/compose/tree.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { quantityValue } from '../../src/diff/quantity.js';
import { byteSize, bytesToQuantity, durationSeconds } from '../../src/util/units.js';
import { fuzz } from './budget.js';

/**
 * Property tests of the loader's syntaxes: what is printed in a syntax reads back as the value it
 * was printed from, and no input of any shape makes a stage throw (problems are diagnostics).
 */

const LOC = { file: 'compose.yaml', line: 1, column: 1 };
const NAME = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
/** Text with the characters every syntax gives a meaning to, and some beyond ASCII. */
const SPECIAL = fc.string({ unit: fc.constantFrom(...'$${}:-?+ab_Z09"\'\\#=\n\r\t /[]&*!|>%@`,.éµ\u00a0\uFEFF'.split('')), maxLength: 40 });
const ANY_TEXT = fc.oneof(SPECIAL, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
const VARS = fc.dictionary(NAME, fc.string({ maxLength: 10 }), { maxKeys: 5 });

/** Plain compose-like data: mappings with keys of the compose vocabulary, lists and scalars. */
const KEY = fc.oneof(fc.constantFrom('services', 'web', 'db', 'image', 'environment', 'ports', 'labels', 'command', 'volumes', 'networks', 'x-a', '__proto__', 'constructor'), NAME);
const SCALAR = fc.oneof(fc.string({ maxLength: 12 }), SPECIAL, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const { value: PLAIN } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, SCALAR, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(KEY, tie('value'), { maxKeys: 5 })),
}));
const tree = (v: unknown): YNode => fromPlain(v, LOC);
const TREE = PLAIN.map(tree);
const SERVICE = fc.record(
  {
    image: fc.string({ maxLength: 8 }),
    environment: fc.oneof(fc.dictionary(NAME, fc.string({ maxLength: 6 }), { maxKeys: 3 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })),
    labels: fc.dictionary(NAME, fc.string({ maxLength: 6 }), { maxKeys: 3 }),
    ports: fc.array(fc.constantFrom('80', '8080:80', '127.0.0.1:53:53/udp'), { maxLength: 3 }),
    command: fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);
const PROJECT = fc.record({ services: fc.dictionary(fc.constantFrom('web', 'db', 'api'), SERVICE, { maxKeys: 3 }) }).map((p) => tree(p) as YMap);

describe('interpolation', () => {
  it('never throws, and reports every problem at an offset inside the text', async () => {
    await fuzz('interpolation: any text', 'loader', fc.property(ANY_TEXT, VARS, (text, vars) => {
      const { issues } = substitute(text, (n) => vars[n]);
      for (const i of issues) {
        expect(i.offset).toBeGreaterThanOrEqual(0);
        expect(i.offset).toBeLessThan(text.length);
      }
    }));
  });

  it('gives back any text written with $$ for each $', async () => {
    await fuzz('interpolation: $$ round trip', 'loader', fc.property(ANY_TEXT, VARS, (text, vars) => {
      const { value, issues, uses } = substitute(text.replaceAll('$', '$$$$'), (n) => vars[n]);
      expect({ value, issues, uses }).toEqual({ value: text, issues: [], uses: [] });
    }));
  });

  it('replaces ${NAME} and ${NAME:-default} with the value or the default', async () => {
    // Braces nest inside ${...}, and $ starts an expression: a literal default has neither.
    const literal = fc.string({ maxLength: 10 }).filter((s) => !/[${}]/.test(s));
    await fuzz('interpolation: variables and defaults', 'loader', fc.property(NAME, fc.option(fc.string({ maxLength: 10 })), literal, literal, (name, value, def, around) => {
      const lookup = (n: string) => (n === name ? (value ?? undefined) : undefined);
      const set = value !== null && value !== '';
      expect(substitute(`${around}\${${name}:-${def}}${around}`, lookup).value).toBe(`${around}${set ? value : def}${around}`);
      expect(substitute(`\${${name}}`, lookup).value).toBe(value ?? '');
    }));
  });

  it('of whole trees never throws and keeps the shape of the tree', async () => {
    await fuzz('interpolation: trees', 'loader', fc.property(TREE, VARS, (node, vars) => {
      const out = interpolate(node, (n) => vars[n], new Diagnostics());
      expect(out.kind).toBe(node.kind);
      castTypes(out, new Diagnostics());
    }));
  });
});

describe('env files', () => {
  const VALUE = fc.string({ maxLength: 20 });
  const ENTRIES = fc.uniqueArray(fc.tuple(NAME, VALUE), { selector: ([n]) => n, maxLength: 6 });

  /** Printed the way a value survives any content: double quotes, with the escapes dotenv reads. */
  const doubleQuoted = (v: string) => `"${v.replace(/[\\"$]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;

  it('read back every value printed in double quotes', async () => {
    await fuzz('dotenv: double-quoted round trip', 'loader', fc.property(ENTRIES, fc.constantFrom('=', ' = ', ': '), fc.boolean(), (entries, sep, exported) => {
      const text = entries.map(([n, v]) => `${exported ? 'export ' : ''}${n}${sep}${doubleQuoted(v)}\n`).join('');
      const diags = new Diagnostics();
      const parsed = parseDotenv(text, '.env', diags).map((e) => [e.name, e.value]);
      expect(diags.items).toEqual([]);
      expect(parsed).toEqual(entries);
    }));
  });

  // An empty plain value is left out: like Compose's dotenv, `NAME= # comment` is the text `# comment`.
  it('read back single-quoted and plain values as written', async () => {
    const single = fc.string({ maxLength: 20 }).filter((v) => !/['\\]/.test(v));
    const plain = fc.string({ maxLength: 20 }).map((v) => v.trim()).filter((v) => v !== '' && !/[\s'"#$\\]/.test(v));
    await fuzz('dotenv: single-quoted and plain round trip', 'loader', fc.property(fc.uniqueArray(fc.tuple(NAME, single, plain), { selector: ([n]) => n, maxLength: 6 }), (entries) => {
      const text = entries.map(([n, s, p]) => `${n}_S='${s}'\n${n}_P=${p} # comment\n`).join('');
      const diags = new Diagnostics();
      const parsed = parseDotenv(text, '.env', diags).map((e) => [e.name, e.value]);
      expect(diags.items).toEqual([]);
      expect(parsed).toEqual(entries.flatMap(([n, s, p]) => [[`${n}_S`, s], [`${n}_P`, p]]));
    }));
  });

  it('never throw on any text, and place each problem on a line of the file', async () => {
    await fuzz('dotenv: any text', 'loader', fc.property(ANY_TEXT, VARS, (text, vars) => {
      for (const parse of [parseDotenv, parseRawEnv]) {
        const diags = new Diagnostics();
        parse(text, '.env', diags, { lookup: (n) => vars[n] });
        for (const d of diags.items) expect(d.line).toBeLessThanOrEqual(text.split('\n').length);
      }
    }));
  });
});

describe('merging files', () => {
  it('with an empty file changes nothing, on either side', async () => {
    await fuzz('merge: empty file is neutral', 'loader', fc.property(PROJECT, (project) => {
      const alone = mergeFiles([project], new Diagnostics());
      const empty = tree({}) as YMap;
      expect(toPlain(mergeFiles([project, empty], new Diagnostics())!)).toEqual(toPlain(alone!));
      expect(toPlain(mergeFiles([empty, project], new Diagnostics())!)).toEqual(toPlain(alone!));
    }));
  });

  it('keeps every service and the later image of each', async () => {
    await fuzz('merge: services and images', 'loader', fc.property(PROJECT, PROJECT, (a, b) => {
      const merged = toPlain(mergeFiles([a, b], new Diagnostics())!) as { services?: Record<string, { image?: string }> };
      const [pa, pb] = [toPlain(a), toPlain(b)] as { services: Record<string, { image?: string }> }[];
      expect(Object.keys(merged.services ?? {}).sort()).toEqual([...new Set([...Object.keys(pa!.services), ...Object.keys(pb!.services)])].sort());
      for (const [name, svc] of Object.entries(merged.services ?? {})) expect(svc.image).toBe(pb!.services[name]?.image ?? pa!.services[name]?.image);
    }));
  });

  it('never throws on trees of any shape', async () => {
    await fuzz('merge: any trees', 'loader', fc.property(fc.array(PLAIN.map((v) => tree({ services: v, x: v })), { minLength: 1, maxLength: 3 }), (trees) => {
      mergeFiles(trees as YMap[], new Diagnostics());
    }));
  });
});

describe('ports, durations and byte sizes', () => {
  const port = fc.integer({ min: 0, max: 65535 }).map(String);
  const range = fc.oneof(port, fc.tuple(port, port).map(([a, b]) => `${a}-${b}`));

  it('a short-syntax port splits into the parts it was printed from', async () => {
    const host = fc.oneof(fc.ipV4(), fc.ipV6().map((a) => `[${a}]`));
    await fuzz('ports: print/split round trip', 'loader', fc.property(fc.option(host), fc.option(range), range, fc.option(fc.constantFrom('tcp', 'udp', 'sctp')), (hostIp, published, target, protocol) => {
      const pub = published ?? (hostIp !== null ? '' : null);
      const text = `${hostIp !== null ? `${hostIp}:` : ''}${pub !== null ? `${pub}:` : ''}${target}${protocol ? `/${protocol}` : ''}`;
      const parts = splitPortSyntax(text);
      expect(parts).toBeDefined();
      expect(parts!.target).toBe(target);
      expect(parts!.protocol).toBe(protocol ?? 'tcp');
      expect(parts!.published).toBe(pub ?? undefined);
      expect(parts!.hostIp).toBe(hostIp?.replace(/^\[(.*)\]$/, '$1') ?? undefined);
    }));
  });

  it('a duration printed in Go units reads back as its seconds', async () => {
    const UNITS = [['h', 3600], ['m', 60], ['s', 1], ['ms', 1e-3], ['us', 1e-6], ['µs', 1e-6], ['ns', 1e-9]] as const;
    const parts = fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(...UNITS)), { minLength: 1, maxLength: 5 });
    await fuzz('durations: print/parse round trip', 'loader', fc.property(parts, fc.constantFrom('', '+', '-'), (ps, sign) => {
      const seconds = ps.reduce((a, [n, [, f]]) => a + n * f, 0) * (sign === '-' ? -1 : 1);
      const parsed = durationSeconds(`${sign}${ps.map(([n, [u]]) => `${n}${u}`).join('')}`);
      expect(parsed).toBeCloseTo(seconds, 6);
    }));
  });

  it('a byte size printed with any unit reads back as its bytes, and as a quantity', async () => {
    const UNITS = [['', 0], ['b', 0], ['k', 1], ['kb', 1], ['K', 1], ['KiB', 1], ['m', 2], ['MB', 2], ['g', 3], ['Gi', 3], ['t', 4], ['p', 5]] as const;
    await fuzz('byte sizes: print/parse round trip', 'loader', fc.property(fc.integer({ min: 0, max: 1 << 20 }), fc.constantFrom(...UNITS), fc.constantFrom('', ' '), (n, [unit, power], space) => {
      const bytes = byteSize(`${n}${unit ? space : ''}${unit}`);
      // Beyond 2^53 bytes (8 PiB) a size is refused rather than rounded.
      expect(bytes).toBe(Number.isSafeInteger(n * 1024 ** power) ? n * 1024 ** power : undefined);
      if (bytes === undefined) return;
      const q = quantityValue(bytesToQuantity(bytes));
      expect(q && Number(q.num) / Number(q.den)).toBe(bytes);
    }));
  });

  it('no text makes the port, duration or byte-size readers throw, and what they read is a number', async () => {
    await fuzz('ports, durations, byte sizes: any text', 'loader', fc.property(fc.oneof(ANY_TEXT, fc.stringMatching(/^[-+]?[0-9.]{0,8}[a-zµ]{0,3}$/)), (text) => {
      splitPortSyntax(text);
      for (const v of [durationSeconds(text), byteSize(text)]) if (v !== undefined) expect(Number.isNaN(v)).toBe(false);
    }));
  });
});

describe('YAML', () => {
  const YAMLISH = fc.string({ unit: fc.constantFrom(...'ab: -\n  \t[]{},&*!|>\'"#%@`?<<~0x1.5e3\uFEFF\r'.split('')), maxLength: 60 });

  it('no text makes the reader throw: it gives a tree or diagnostics', async () => {
    await fuzz('yaml: any text', 'loader', fc.property(fc.oneof(YAMLISH, ANY_TEXT), (text) => {
      const diags = new Diagnostics();
      const node = parseYaml({ path: 'compose.yaml', text }, diags);
      if (node === undefined) expect(diags.hasErrors).toBe(true);
    }));
  });
});
