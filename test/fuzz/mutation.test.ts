import fc from 'fast-check';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { FIXTURES, fixtureNames, fixtureOptions } from '../support/fixtures.js';
import { fuzz } from './budget.js';

/**
 * A mutation fuzzer over the fixtures: a fixture's compose file, override file or env file with
 * YAML tokens inserted, ranges deleted, lines swapped, duplicated or re-indented and values
 * changed to another type, converted by the in-process CLI. Whatever the input, the run ends
 * with exit 0, or exit 2 and diagnostics, within the time limit, never a thrown exception or a
 * stack trace.
 */

/** Far beyond what any mutated fixture needs (tens of milliseconds); a case past it is a finding. */
export const CASE_TIME_LIMIT_MS = 10_000;

const TOKENS = [
  ':', ': ', '- ', '-', '[', ']', '{', '}', ',', '&a ', '*a', '*undefined', '!!str ', '!!int ', '!!binary ', '!reset ', '!override ', '!custom ',
  '<<: *a\n', '"', "'", '#', '|', '>-', '\t', '\n', '\r\n', '  ', '    ', '? ', '---\n', '...\n', '%YAML 1.1\n', '$', '$$', '${', '${X}', '${X:?required}',
  '${X:-${Y:-z}}', '~', 'null', '-1', '0', '99999999999999999999', '0x1F', '0o17', '0755', '1e400', '.inf', '-.nan', 'true', 'yes', '2001:db8::1',
  '65536', '80:80', '-1:80', '0-99999', '__proto__: ', 'constructor: ', 'prototype: ', 'extends: web\n', 'extends: {file: compose.yaml, service: web}\n',
  'include: [compose.yaml]\n', 'include: [../../etc/passwd]\n', 'env_file: /etc/hostname\n', 'x-kubernetes: ', 'deploy: ', 'ports: ', '1m30s', '10 parsecs', '1.5g',
  '-5m', '\uFEFF', '\u0000', '\u0007', '\u00e9', '\ud83d\ude00', '\\', '%', '@', '`',
];
const RETYPED = ['[]', '{}', '0', '-1', 'true', 'null', '"x"', '1.5', '[a, b]', '{a: 1}', '""', '|\n  text', '&a x', '*a', '1e999'];

type Op =
  | { op: 'insert'; at: number; token: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'duplicate'; line: number; times: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'retype'; line: number; value: string };

const OP: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('retype' as const), line: fc.nat(), value: fc.constantFrom(...RETYPED) }),
);

/** `text` with `op` applied; positions wrap around the text, so every op applies to any text. */
export function mutate(text: string, op: Op): string {
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  switch (op.op) {
    case 'insert': {
      const at = op.at % (text.length + 1);
      return text.slice(0, at) + op.token + text.slice(at);
    }
    case 'delete': {
      const at = op.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + op.length);
    }
    case 'swap': {
      const [a, b] = [line(op.a), line(op.b)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'duplicate': {
      const l = line(op.line);
      lines.splice(l, 0, ...Array<string>(op.times).fill(lines[l]!));
      return lines.join('\n');
    }
    case 'indent': {
      const l = line(op.line);
      lines[l] = op.by >= 0 ? ' '.repeat(op.by) + lines[l] : lines[l]!.replace(new RegExp(`^ {0,${-op.by}}`), '');
      return lines.join('\n');
    }
    case 'retype': {
      // The value of the first `key: value` or `- value` line at or after `line`, as another type.
      for (let k = 0; k < lines.length; k++) {
        const l = (op.line + k) % lines.length;
        const m = /^(\s*(?:- |[^\s#:][^:]*:\s))(.+)$/.exec(lines[l]!);
        if (m) {
          lines[l] = `${m[1]}${op.value}`;
          break;
        }
      }
      return lines.join('\n');
    }
  }
}

/** The text files of a fixture the loader reads: compose files and env files. */
function inputFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^(compose.*\.ya?ml|.*\.env|\.env)$/.test(name) || /templates\/.*\.ya?ml$/.test(p)) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

describe('mutated fixtures', () => {
  let work: string;
  const fixtures = fixtureNames();
  const targets = fixtures.flatMap((name) => inputFiles(join(FIXTURES, name)).map((file) => ({ name, file })));

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'c2k-fuzz-mutation-'));
    cpSync(FIXTURES, work, { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has compose and env files of every fixture to mutate', () => {
    expect(new Set(targets.map((t) => t.name)).size).toBe(fixtures.length);
    expect(targets.some((t) => t.file.endsWith('.env'))).toBe(true);
  });

  it('end in exit 0, or exit 2 with diagnostics, in time and without a stack trace', async () => {
    await fuzz(
      'mutation: fixtures through the CLI',
      'mutation',
      fc.asyncProperty(fc.constantFrom(...targets), fc.array(OP, { minLength: 1, maxLength: 4 }), async ({ name, file }, ops) => {
        const dir = join(work, name);
        const path = join(dir, file);
        const original = readFileSync(join(FIXTURES, name, file), 'utf8');
        const mutated = ops.reduce(mutate, original);
        writeFileSync(path, mutated);
        const options = fixtureOptions(name);
        const argv = ['convert', ...(options.files ?? []).flatMap((f) => ['-f', f]), ...(options.profiles ?? []).flatMap((p) => ['--profile', p])];
        const started = performance.now();
        try {
          const run = await runCli(argv, { cwd: dir, env: (options.env ?? {}) as Record<string, string> }).catch((e: unknown) => {
            throw new Error(`${name}/${file}: the CLI threw ${e instanceof Error ? e.stack : String(e)}\n--- input:\n${mutated}`);
          });
          const what = `${name}/${file} (exit ${run.code}):\n${run.stderr.slice(0, 2000)}\n--- input:\n${mutated.slice(0, 4000)}`;
          expect(performance.now() - started, what).toBeLessThan(CASE_TIME_LIMIT_MS);
          expect(run.stderr, what).not.toMatch(/^\s+at .+:\d+:\d+/m);
          expect([0, 2], what).toContain(run.code);
          if (run.code === 2) expect(run.stderr, what).toMatch(/(error|warning): .*\[[a-z-]+\]$/m);
          // Exit 0 prints the objects, or says why there are none (every service deleted or behind a profile).
          else if (run.stdout === '') expect(run.stderr, what).toMatch(/warning: .*\[nothing-converted\]$/m);
          else expect(run.stdout, what).toMatch(/^apiVersion: /m);
        } finally {
          writeFileSync(path, original);
        }
      }),
    );
  });
});
