import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_NODES } from '../../src/compose/parse.js';
import { runCli } from '../support/cli.js';
import { codes, load, serviceOf } from './helpers.js';

/**
 * "Billion laughs": each level is a list of ten aliases of the level before, so `levels` levels
 * expand to 10^levels strings from a few hundred bytes of text.
 */
function aliasBomb(levels: number): string {
  const lines = ['x-l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`x-l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  lines.push('services:', '  web:', '    image: nginx', `    labels: {bomb: *l${levels}}`);
  return `${lines.join('\n')}\n`;
}

describe('aliases', () => {
  it('resolve to the last anchor of that name written before them', () => {
    const text = 'x-a: &img first\nx-b: &img second\nservices:\n  web:\n    image: *img\n  api:\n    image: &img third\n  db:\n    image: *img\n';
    const result = load({ 'compose.yaml': text });
    expect(codes(result, 'error')).toEqual([]);
    expect([serviceOf(result, 'web').image, serviceOf(result, 'db').image]).toEqual(['second', 'third']);
  });

  it('may be used as often as needed while the document stays small', () => {
    const services = Array.from({ length: 200 }, (_, i) => `  s${i}:\n    <<: *base\n    image: app:${i}`).join('\n');
    const result = load({ 'compose.yaml': `x-base: &base\n  restart: always\n  environment: &env {A: "1", B: "2"}\nservices:\n${services}\n` });
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 's199')).toEqual({ restart: 'always', environment: { A: '1', B: '2' }, image: 'app:199' });
  });

  it.each([
    ['an alias inside the node it names', 'x-a: &a\n  b: *a\nservices:\n  web:\n    image: nginx\n', 'yaml-syntax@compose.yaml:2:6'],
    ['an alias before its anchor', 'x-a: *later\nx-b: &later v\nservices:\n  web:\n    image: nginx\n', 'yaml-syntax@compose.yaml:1:6'],
  ])('report %s', (_name, text, expected) => {
    expect(codes(load({ 'compose.yaml': text }), 'error')).toEqual([expected]);
  });
});

describe('an alias bomb', () => {
  it(`is refused once aliases expand the document beyond ${MAX_NODES} nodes, at the alias that crosses the limit`, () => {
    const result = load({ 'compose.yaml': aliasBomb(9) });
    expect(result.project).toBeUndefined();
    expect(codes(result)).toEqual(['yaml-too-large@compose.yaml:6:47']);
    expect(result.diagnostics[0]!.message).toBe(`alias *l4 expands the document to more than ${MAX_NODES} nodes`);
    expect(result.diagnostics[0]!.hint).toMatch(/billion laughs/);
  });

  it('of a thousand levels is refused the same way', () => {
    expect(codes(load({ 'compose.yaml': aliasBomb(1000) }))).toEqual(['yaml-too-large@compose.yaml:6:47']);
  });

  it('below the limit is read (and then fails the schema: a label is not a list)', () => {
    expect(codes(load({ 'compose.yaml': aliasBomb(3) }))).toEqual(['schema@compose.yaml:4:11']);
  });

  it('makes the CLI exit 2 with the diagnostic and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2k-bomb-'));
    writeFileSync(join(dir, 'compose.yaml'), aliasBomb(9));
    const run = await runCli(['convert'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^compose\.yaml:6:47: error: alias \*l4 expands the document to more than 1000000 nodes \[yaml-too-large\]/m);
    expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+/m);
  });
});

describe('nesting', () => {
  it(`beyond ${MAX_DEPTH} levels is refused at the first node past the limit`, () => {
    const text = `x-deep: ${'['.repeat(300)}${']'.repeat(300)}\nservices:\n  web:\n    image: nginx\n`;
    const result = load({ 'compose.yaml': text });
    expect(codes(result)).toEqual([`yaml-too-large@compose.yaml:1:${9 + MAX_DEPTH - 1}`]);
    expect(result.diagnostics[0]!.message).toBe(`mappings and lists nest the document more than ${MAX_DEPTH} levels deep`);
  });

  it('made by aliases of aliases is refused at the alias', () => {
    const chain = Array.from({ length: 250 }, (_, i) => (i === 0 ? 'x-0: &a0 [1]' : `x-${i}: &a${i} [*a${i - 1}]`));
    const text = `${chain.join('\n')}\nservices:\n  web:\n    image: nginx\n    labels: {deep: [[[[[[[[*a249]]]]]]]]}\n`;
    expect(codes(load({ 'compose.yaml': text }))).toEqual(['yaml-too-large@compose.yaml:254:28']);
  });

  it(`of ${MAX_DEPTH} levels is read`, () => {
    const text = `x-deep: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}\nservices:\n  web:\n    image: nginx\n`;
    expect(codes(load({ 'compose.yaml': text }))).toEqual([]);
  });
});
