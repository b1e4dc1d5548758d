import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/compose/checked-reader.js';
import { MAX_DEPTH } from '../../src/compose/parse.js';
import { objectIds } from '../support/cli.js';
import { convertHostile } from './support.js';

/**
 * Hostile and broken inputs, through the CLI: each ends in exit 2 with a diagnostic at the place
 * of the problem (or exit 0, with a warning where Compose accepts the input), never a stack trace,
 * an out-of-memory or a stack overflow.
 */

const WEB = 'services:\n  web:\n    image: nginx\n';

describe('text that is not YAML', () => {
  it('malformed YAML: a syntax error where the parser gave up', async () => {
    const run = await convertHostile({ 'compose.yaml': 'services:\n  web:\n    image: [nginx\n' });
    expect([run.code, run.diagnostics]).toEqual([2, ['yaml-syntax@compose.yaml:4:1']]);
  });

  it('a binary file: not UTF-8 text, at the first byte that is not', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const run = await convertHostile({ 'compose.yaml': png });
    expect([run.code, run.diagnostics]).toEqual([2, ['file-encoding@compose.yaml:1:1']]);
    expect(run.stderr).toMatch(/is not UTF-8 text: byte 0x89/);
  });

  it('a Latin-1 file: not UTF-8 text, at the line and column of the first such byte', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${WEB}    environment:\n      GREETING: caf`), Buffer.from([0xe9]), Buffer.from('\n')]);
    const run = await convertHostile({ 'compose.yaml': latin1 });
    expect([run.code, run.diagnostics]).toEqual([2, ['file-encoding@compose.yaml:5:20']]);
  });

  it('a Latin-1 .env file is refused the same way', async () => {
    const env = Buffer.concat([Buffer.from('TAG=1\nNAME=Jos'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const run = await convertHostile({ 'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG}\n', '.env': env });
    // Its variables are not read: TAG is then unset.
    expect([run.code, run.diagnostics]).toEqual([2, ['file-encoding@.env:2:9', 'interpolation-unset@compose.yaml:3:18']]);
  });

  it.each([
    ['a NUL byte', '\u0000', 'U+0000'],
    ['a bell', '\u0007', 'U+0007'],
    ['DEL', '\u007f', 'U+007F'],
  ])('%s: a control character YAML does not allow, where it is', async (_name, char, shown) => {
    const run = await convertHostile({ 'compose.yaml': `services:\n  web:\n    image: ngi${char}nx\n` });
    expect([run.code, run.diagnostics]).toEqual([2, ['file-encoding@compose.yaml:3:15']]);
    expect(run.stderr).toContain(`control character ${shown} is not allowed in YAML`);
  });
});

describe('text that is YAML, written unusually', () => {
  it('a byte order mark is read as Compose reads it, positions unchanged', async () => {
    const ok = await convertHostile({ 'compose.yaml': `\uFEFF${WEB}` });
    expect([ok.code, objectIds(ok.stdout)]).toEqual([0, ['Service/web', 'Deployment/web']]);
    const bad = await convertHostile({ 'compose.yaml': `\uFEFF${WEB}    ports: ["70000:80"]\n` });
    expect([bad.code, bad.diagnostics]).toEqual([2, ['invalid-value@compose.yaml:4:13']]);
  });

  it('CRLF line ends: the values carry no carriage return, and positions are the same as with LF', async () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const ok = await convertHostile({ 'compose.yaml': crlf(`${WEB}    command: ["run", "fast"]\n    environment:\n      A: b\n`) });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('- run\n');
    expect(ok.stdout).not.toContain('\r');
    const bad = await convertHostile({ 'compose.yaml': crlf(`${WEB}    ports: ["70000:80"]\n`) });
    expect([bad.code, bad.diagnostics]).toEqual([2, ['invalid-value@compose.yaml:4:13']]);
  });

  it('tabs as indentation are a syntax error at each such line; a tab inside a line is a blank', async () => {
    const bad = await convertHostile({ 'compose.yaml': 'services:\n\tweb:\n\t\timage: nginx\n' });
    expect([bad.code, bad.diagnostics]).toEqual([2, ['yaml-syntax@compose.yaml:2:1', 'yaml-syntax@compose.yaml:3:1']]);
    const ok = await convertHostile({ 'compose.yaml': 'services:\n  web:\n    image:\tnginx\n' });
    expect(ok.code).toBe(0);
  });
});

describe('inputs too large to read', () => {
  it(`a file over ${MAX_FILE_BYTES / 1024 / 1024} MiB is refused by its size, before it is read`, async () => {
    const run = await convertHostile({ 'compose.yaml': WEB }, [], {}).then(async (first) => {
      // A sparse file: its size is known without writing (or reading) 17 MiB.
      truncateSync(join(first.dir, 'compose.yaml'), MAX_FILE_BYTES + 1024 * 1024);
      return convertHostile({}, ['-f', join(first.dir, 'compose.yaml')]);
    });
    expect(run.code).toBe(2);
    expect(run.diagnostics).toEqual([expect.stringMatching(/^file-too-large@.*compose\.yaml$/)]);
    expect(run.stderr).toMatch(/is 17 MiB: files larger than 16 MiB are not read/);
  });

  it('an env file over the limit is refused the same way', async () => {
    const first = await convertHostile({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: big.env\n', 'big.env': 'A=1\n' });
    truncateSync(join(first.dir, 'big.env'), MAX_FILE_BYTES + 1);
    const run = await convertHostile({}, ['-f', join(first.dir, 'compose.yaml')]);
    expect(run.code).toBe(2);
    expect(run.diagnostics).toEqual([expect.stringMatching(/^file-too-large@.*big\.env$/)]);
  });

  it('so is a compose file on stdin', async () => {
    const run = await convertHostile({}, ['-f', '-'], { stdin: `${WEB}x-pad: "${'a'.repeat(MAX_FILE_BYTES)}"\n` });
    expect([run.code, run.diagnostics]).toEqual([2, ['file-too-large@-']]);
  });

  it('20,000 levels of nesting: too deep to read, without a stack overflow', async () => {
    for (const [open, close] of [['[', ']'], ['{a: ', '}']]) {
      const run = await convertHostile({ 'compose.yaml': `${WEB}x-deep: ${open!.repeat(20_000)}1${close!.repeat(20_000)}\n` });
      expect(run.code).toBe(2);
      expect(run.diagnostics).toEqual([expect.stringMatching(/^yaml-too-large@compose\.yaml:4:\d+$/)]);
    }
  });

  it(`nesting past ${MAX_DEPTH} levels (that the parser can still read) is refused at the level that passes the limit`, async () => {
    const run = await convertHostile({ 'compose.yaml': `${WEB}x-deep: ${'['.repeat(MAX_DEPTH + 10)}${']'.repeat(MAX_DEPTH + 10)}\n` });
    // The root mapping is level 1 and the first `[` (column 9) level 2: level MAX_DEPTH + 1 is at column 8 + MAX_DEPTH.
    expect([run.code, run.diagnostics]).toEqual([2, [`yaml-too-large@compose.yaml:4:${8 + MAX_DEPTH}`]]);
  });

  it('an alias bomb of mappings (billion laughs with <<) is refused, not expanded', async () => {
    const lines = ['x-l0: &l0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol, j: lol}'];
    for (let i = 1; i <= 12; i++) lines.push(`x-l${i}: &l${i} {${'abcdefghij'.split('').map((k) => `${k}: *l${i - 1}`).join(', ')}}`);
    const run = await convertHostile({ 'compose.yaml': `${lines.join('\n')}\n${WEB}    labels:\n      <<: *l12\n` });
    expect(run.code).toBe(2);
    expect(run.diagnostics).toEqual([expect.stringMatching(/^yaml-too-large@compose\.yaml:\d+:\d+$/)]);
    expect(run.stderr).toMatch(/billion laughs/);
  });
});

describe('numbers, durations, sizes and ports out of range', () => {
  it.each([
    ['a replica count beyond int32', '    scale: 99999999999999999999999999\n', 'kubernetes-rejects@compose.yaml:4:12'],
    ['a negative replica count', '    scale: -3\n', 'kubernetes-rejects@compose.yaml:4:12'],
    ['a CPU count no quantity can hold', '    cpus: 1e308\n', 'kubernetes-rejects@compose.yaml:4:11'],
    ['a memory limit beyond 8 PiB', '    mem_limit: 99999999999999999999999g\n', 'invalid-value@compose.yaml:4:16'],
    ['a negative memory limit', '    mem_limit: -5m\n', 'invalid-value@compose.yaml:4:16'],
    ['a negative grace period', '    stop_grace_period: -10s\n', 'kubernetes-rejects@compose.yaml:4:24'],
    ['a grace period beyond int32 seconds', '    stop_grace_period: 99999999999999999999h\n', 'kubernetes-rejects@compose.yaml:4:24'],
    ['a duration in unknown units', '    stop_grace_period: 10 parsecs\n', 'schema@compose.yaml:4:24'],
    ['a healthcheck interval without a unit', '    healthcheck:\n      test: ["CMD", "true"]\n      interval: 1x\n', 'schema@compose.yaml:6:17'],
    ['a byte size in unknown units', '    shm_size: 1zb\n', 'invalid-value@compose.yaml:4:15'],
    ['a published port above 65535', '    ports: ["70000:80"]\n', 'invalid-value@compose.yaml:4:13'],
    ['a negative published port', '    ports: ["-1:80"]\n', 'invalid-value@compose.yaml:4:13'],
    ['a port range above 65535', '    ports: ["1-99999:1-99999"]\n', 'invalid-value@compose.yaml:4:13'],
    ['a container port 0', '    ports: ["80:0"]\n', 'kubernetes-rejects@compose.yaml:4:13'],
    ['a long-syntax target above 65535', '    ports: [{target: 70000}]\n', 'kubernetes-rejects@compose.yaml:4:13'],
    ['a port written as a 20-digit number', '    ports: [99999999999999999999]\n', 'invalid-value@compose.yaml:4:13'],
    ['an exposed port above 65535', '    expose: ["123456"]\n', 'invalid-value@compose.yaml:4:14'],
  ])('%s', async (_name, lines, expected) => {
    const run = await convertHostile({ 'compose.yaml': `${WEB}${lines}` });
    expect(run.code).toBe(2);
    expect(run.diagnostics.filter((d) => !d.startsWith('approximate@') && !d.startsWith('unsupported@'))).toEqual([expected]);
  });
});

describe('include and extends cycles', () => {
  it.each([
    ['a file that includes itself', { 'compose.yaml': `include:\n  - compose.yaml\n${WEB}` }, 'include-cycle@compose.yaml:2:5'],
    ['two files that include each other', { 'compose.yaml': `include:\n  - other.yaml\n${WEB}`, 'other.yaml': 'include:\n  - compose.yaml\nservices:\n  o:\n    image: nginx\n' }, 'include-cycle@other.yaml:2:5'],
    ['a service that extends itself', { 'compose.yaml': `${WEB}    extends: web\n` }, 'extends-cycle@compose.yaml:4:5'],
    ['a service that extends itself through its own file', { 'compose.yaml': `${WEB}    extends: {file: compose.yaml, service: web}\n` }, 'extends-cycle@compose.yaml:4:5'],
    ['services that extend each other', { 'compose.yaml': `${WEB}    extends: db\n  db:\n    extends: web\n` }, 'extends-cycle@compose.yaml:4:5'],
  ])('%s: a cycle, where it closes', async (_name, files, expected) => {
    const run = await convertHostile(files);
    expect([run.code, run.diagnostics]).toEqual([2, [expected]]);
  });
});
