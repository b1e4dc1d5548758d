import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { memoryReader, type FileReader } from '../../src/compose/host.js';
import { convert } from '../support/api-checks.js';
import { objectIds } from '../support/cli.js';
import { convertHostile } from './support.js';

/**
 * Hostile projects: keys that are special to JavaScript objects, files outside the project
 * directory, and files that cannot be read.
 */

const WEB = 'services:\n  web:\n    image: nginx\n';

interface Container {
  env?: { name: string; value?: string }[];
}

function documents(stdout: string): Record<string, unknown>[] {
  return parseAllDocuments(stdout).map((d) => d.toJS() as Record<string, unknown>);
}

describe('keys named __proto__, constructor and prototype', () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  it('in environment, env files, labels, build args and x-kubernetes are data, and pollute no prototype', async () => {
    const compose = `services:
  web:
    image: nginx
    environment:
      __proto__: polluted
      constructor: c
      prototype: p
    env_file: [app.env]
    labels:
      constructor: l
    build:
      context: .
      args:
        __proto__: a
x-__proto__:
  polluted: true
`;
    const run = await convertHostile({ 'compose.yaml': compose, 'app.env': '__proto__=from-file\nconstructor=x\n' });
    expect(run.code).toBe(0);
    const docs = documents(run.stdout);
    const deployment = docs.find((d) => d.kind === 'Deployment') as { spec: { template: { spec: { containers: Container[] } } } };
    expect(deployment.spec.template.spec.containers[0]!.env).toEqual([
      { name: '__proto__', value: 'polluted' },
      { name: 'constructor', value: 'c' },
      { name: 'prototype', value: 'p' },
    ]);
    const envMap = docs.find((d) => d.kind === 'ConfigMap') as { data: Record<string, string> };
    expect(Object.entries(envMap.data)).toEqual([
      ['__proto__', 'from-file'],
      ['constructor', 'x'],
    ]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an x-kubernetes key __proto__ is an unknown key, as any other', async () => {
    const run = await convertHostile({ 'compose.yaml': `${WEB}    x-kubernetes:\n      __proto__: {polluted: true}\n` });
    expect([run.code, run.diagnostics]).toEqual([2, ['x-kubernetes@compose.yaml:5:7']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('services named constructor and prototype convert like any other', async () => {
    const run = await convertHostile({ 'compose.yaml': 'services:\n  constructor:\n    image: nginx\n  prototype:\n    image: nginx\n' });
    expect([run.code, objectIds(run.stdout)]).toEqual([0, ['Service/constructor', 'Service/prototype', 'Deployment/constructor', 'Deployment/prototype']]);
  });

  it.each([
    ['a service', 'services:\n  __proto__:\n    image: nginx\n', 'reserved-name@compose.yaml:2:3'],
    ['a volume', `${WEB}volumes:\n  __proto__: {}\n`, 'reserved-name@compose.yaml:5:3'],
    ['a network', `${WEB}networks:\n  __proto__: {}\n`, 'reserved-name@compose.yaml:5:3'],
    ['a secret', `${WEB}secrets:\n  __proto__:\n    environment: X\n`, 'reserved-name@compose.yaml:5:3'],
    ['a config', `${WEB}configs:\n  __proto__:\n    content: x\n`, 'reserved-name@compose.yaml:5:3'],
  ])('%s named __proto__ is refused where it is named, not dropped', async (_name, compose, expected) => {
    const run = await convertHostile({ 'compose.yaml': compose });
    expect([run.code, run.diagnostics]).toEqual([2, [expected]]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });
});

describe('files outside the project directory', () => {
  const SECRET = `s3cr3t-${process.pid}-canary`;

  it('env_file, secret and config files and includes outside it are read, each named in a warning, and no content is printed', async () => {
    const compose = `include:
  - ../shared/compose.yaml
services:
  web:
    image: nginx
    env_file: ../outside.env
    secrets: [token]
    configs: [conf]
secrets:
  token:
    file: ../token.txt
configs:
  conf:
    file: ../app.conf
`;
    const run = await convertHostile({
      'compose.yaml': compose,
      '../outside.env': `API_PASSWORD=${SECRET}-env\n`,
      '../token.txt': `${SECRET}-file\n`,
      '../app.conf': 'listen 80\n',
      '../shared/compose.yaml': 'services:\n  cache:\n    image: redis\n',
    });
    expect(run.code).toBe(0);
    expect(run.diagnostics).toEqual([
      'outside-project@compose.yaml:2:5',
      'outside-project@compose.yaml:6:15',
      'outside-project@compose.yaml:11:11',
      'outside-project@compose.yaml:14:11',
    ]);
    expect(run.stderr).toContain(`env_file ../outside.env is outside the project directory (${join(run.base, 'outside.env')})`);
    expect(run.stderr).toContain(`file ../token.txt of token is outside the project directory (${join(run.base, 'token.txt')})`);
    expect(run.stderr).not.toContain(SECRET);
    expect(objectIds(run.stdout)).toContain('Deployment/cache');
  });

  it('an absolute path outside it is named the same way', async () => {
    const run = await convertHostile({ 'compose.yaml': `${WEB}    configs: [host]\nconfigs:\n  host:\n    file: /etc/hostname\n` });
    expect(run.code).toBe(0);
    expect(run.diagnostics).toEqual(['outside-project@compose.yaml:7:11']);
  });

  it('files inside it give no warning', async () => {
    const run = await convertHostile({ 'compose.yaml': `${WEB}    env_file: conf/app.env\n`, 'conf/app.env': 'A=1\n' });
    expect([run.code, run.diagnostics]).toEqual([0, []]);
  });
});

describe('files that cannot be read', () => {
  /** A reader that finds `unreadable` but cannot read it, as the disk does for a file mode 000 to a user other than root. */
  function withUnreadable(files: Record<string, string>, unreadable: string): FileReader {
    const inner = memoryReader(files, '/p');
    return {
      ...inner,
      readFile: (p) => (p === `/p/${unreadable}` ? undefined : inner.readFile(p)),
      readBytes: (p) => (p === `/p/${unreadable}` ? undefined : inner.readBytes!(p)),
      stat: (p) => (p === `/p/${unreadable}` || inner.readFile(p) !== undefined ? { kind: 'file', mode: p === `/p/${unreadable}` ? 0 : 0o644, size: 10 } : undefined),
    };
  }

  const codes = (r: ReturnType<typeof convert>) => r.diagnostics.map((d) => `${d.code}@${d.file ?? ''}:${d.line ?? 0}`);

  it.each([
    ['a compose file named with -f', { 'compose.yaml': WEB }, 'compose.yaml', { files: ['compose.yaml'] }],
    ['an env_file', { 'compose.yaml': `${WEB}    env_file: app.env\n`, 'app.env': 'A=1\n' }, 'app.env', {}],
    ['the .env file', { 'compose.yaml': WEB, '.env': 'A=1\n' }, '.env', {}],
    ['an included file', { 'compose.yaml': `include: [other.yaml]\n${WEB}`, 'other.yaml': 'services:\n  o:\n    image: nginx\n' }, 'other.yaml', {}],
  ])('%s: "exists but cannot be read", at the file', (_name, files, unreadable, options) => {
    const result = convert(withUnreadable(files, unreadable), { workingDir: '/p', env: {}, ...options });
    expect(result.failed).toBe(true);
    expect(codes(result)).toContain(`file-unreadable@${unreadable}:0`);
    expect(result.diagnostics.find((d) => d.code === 'file-unreadable')!.message).toBe(`${unreadable} exists but cannot be read`);
  });

  // Root reads a file of mode 000 anyway: there, the reader above stands in for the disk.
  it.skipIf(process.getuid?.() === 0)('a compose file of mode 000 on disk (not as root)', async () => {
    const first = await convertHostile({ 'compose.yaml': WEB });
    const path = join(first.dir, 'compose.yaml');
    chmodSync(path, 0);
    try {
      const run = await convertHostile({}, ['-f', path]);
      expect(run.code).toBe(2);
      expect(run.diagnostics).toEqual([expect.stringMatching(/^file-unreadable@.*compose\.yaml$/)]);
    } finally {
      chmodSync(path, 0o644);
      writeFileSync(path, WEB);
    }
  });
});
