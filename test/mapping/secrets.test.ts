import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import type { ConvertOptions } from '../../src/pipeline.js';
import { convert } from '../support/api-checks.js';
import { base64, utf8Text } from '../../src/mapping/storage/file-objects.js';
import { isSecretName } from '../../src/mapping/secret-names.js';
import { objectIds, runCli } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';
import { container, decode, diagnostics, names, object, pod, readerWith, run } from './convert-support.js';

const SECRETS_VOLUME = 'run-secrets';

describe('isSecretName', () => {
  it.each([
    ['PASSWORD', true],
    ['MYSQL_ROOT_PASSWORD', true],
    ['DB_PASSWD', true],
    ['DB_PASS', true],
    ['DB_PWD', true],
    ['SMTP_PASSPHRASE', true],
    ['API_KEY', true],
    ['PRIVATE_KEY', true],
    ['KEY', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['SECRET_KEY_BASE', true],
    ['GITHUB_TOKEN', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['REDIS_AUTH', true],
    ['dbPassword', true],
    ['apiKey', true],
    ['CLIENTSECRET', true],
    ['KEYBOARD_LAYOUT', false],
    ['KEY_PREFIX', false],
    ['AUTH_ENABLED', false],
    ['MAX_TOKENS', false],
    ['BYPASS_CACHE', false],
    ['PWD', false],
    ['POSTGRES_PASSWORD_FILE', false],
    ['SSL_KEY_PATH', false],
    ['DB_HOST', false],
  ])('%s -> %s', (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});

describe('file content', () => {
  it('is base64-encoded byte for byte, also past the chunk size', () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256);
    expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it.each([
    ['UTF-8 text', [0x68, 0xc3, 0xa9], 'hé'],
    ['invalid UTF-8', [0xc3, 0x28], undefined],
    ['a NUL byte', [0x61, 0x00, 0x62], undefined],
  ])('is text only when it is valid UTF-8 without NUL: %s', (_, bytes, text) => {
    expect(utf8Text(Uint8Array.from(bytes))).toBe(text);
  });
});

describe('secrets', () => {
  const project = (service: string, top: string) => `services:\n  app:\n    image: app\n    secrets:\n${service}secrets:\n${top}`;

  it('puts every secret of a service side by side in /run/secrets from one projected volume', () => {
    const result = run({
      'compose.yaml': project('      - db_password\n      - source: api_token\n        target: tokens/api\n', '  db_password:\n    file: ./db_password.txt\n  api_token:\n    environment: API_TOKEN\n'),
      'db_password.txt': 'pw\n',
    }, { env: { API_TOKEN: 'tok' } });
    expect(decode((object(result, 'Secret', 'db-password').data as Record<string, string>).db_password!)).toBe('pw\n');
    expect(decode((object(result, 'Secret', 'api-token').data as Record<string, string>).api_token!)).toBe('tok');
    expect(pod(result, 'app').volumes).toEqual([
      {
        name: SECRETS_VOLUME,
        projected: {
          defaultMode: 0o444,
          sources: [
            { secret: { name: 'db-password', items: [{ key: 'db_password', path: 'db_password' }] } },
            { secret: { name: 'api-token', items: [{ key: 'api_token', path: 'tokens/api' }] } },
          ],
        },
      },
    ]);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: SECRETS_VOLUME, mountPath: '/run/secrets', readOnly: true }]);
  });

  it('sets the mode of one file, and mounts an absolute target elsewhere with subPath', () => {
    const result = run({
      'compose.yaml': project(
        '      - source: key\n        target: /etc/ssl/private/server.key\n        mode: 0o400\n      - source: key\n        target: /run/secrets/copy\n        mode: 0o440\n',
        '  key:\n    file: ./server.key\n',
      ),
      'server.key': 'KEY\n',
    });
    expect(pod(result, 'app').volumes).toEqual([
      { name: 'secret-key', secret: { secretName: 'key', defaultMode: 0o400 } },
      { name: SECRETS_VOLUME, projected: { defaultMode: 0o444, sources: [{ secret: { name: 'key', items: [{ key: 'key', path: 'copy', mode: 0o440 }] } }] } },
    ]);
    expect(container(result, 'app').volumeMounts).toEqual([
      { name: 'secret-key', mountPath: '/etc/ssl/private/server.key', subPath: 'key', readOnly: true },
      { name: SECRETS_VOLUME, mountPath: '/run/secrets', readOnly: true },
    ]);
    expect(names(result, 'Secret')).toEqual(['key']);
  });

  it('keeps the exact bytes of a binary secret', () => {
    const bytes = new Uint8Array([0, 1, 2, 0xfe, 0xff]);
    const result = run(readerWith({ 'compose.yaml': project('      - keystore\n', '  keystore:\n    file: ./keystore.p12\n') }, { 'keystore.p12': bytes }));
    expect((object(result, 'Secret', 'keystore').data as Record<string, string>).keystore).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('refers to an external secret by name, with a warning at its definition', () => {
    const result = run({ 'compose.yaml': project('      - tls\n', '  tls:\n    external: true\n    name: shared-tls\n') });
    expect(names(result, 'Secret')).toEqual([]);
    expect(pod(result, 'app').volumes![0]!.projected!.sources).toEqual([{ secret: { name: 'shared-tls', items: [{ key: 'tls', path: 'tls' }] } }]);
    expect(diagnostics(result, 'external-object')).toEqual([{ line: 7, column: 3, message: expect.stringContaining('the existing Secret "shared-tls" (key "tls")') }]);
  });

  it('warns when two secrets want the same file, at the second one', () => {
    const result = run({ 'compose.yaml': project('      - a\n      - source: b\n        target: a\n', '  a:\n    environment: A\n  b:\n    environment: B\n') }, { env: { A: '1', B: '2' } });
    expect(diagnostics(result, 'unsupported')).toEqual([{ line: 6, column: 9, message: expect.stringContaining('another secret already uses that file') }]);
  });

  it('warns that uid and gid cannot be set, at the keys', () => {
    const result = run({ 'compose.yaml': project('      - source: a\n        uid: "103"\n        gid: "103"\n', '  a:\n    environment: A\n') }, { env: { A: '1' } });
    expect(diagnostics(result, 'approximate').map((d) => [d.line, d.column])).toEqual([
      [6, 9],
      [7, 9],
    ]);
  });

  it('reports a secret that is not declared, at the reference', () => {
    const result = convert({ 'compose.yaml': 'services:\n  app:\n    image: app\n    secrets:\n      - missing\n' }, { workingDir: '/p', env: {} });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toContainEqual(['undefined-reference', 5, 9]);
  });
});

describe('secret values never appear in the output', () => {
  const FILE_SECRET = 'File-Secret-Value-4711';
  const ENV_SECRET = 'Env-Secret-Value-0815';
  const ENVIRONMENT_PASSWORD = 'Environment-Password-Value-42';
  const ENV_FILE_KEY = 'Env-File-Api-Key-Value-99';
  const VALUES = [FILE_SECRET, ENV_SECRET, ENVIRONMENT_PASSWORD, ENV_FILE_KEY];
  const files = {
    'compose.yaml': [
      'services:',
      '  app:',
      '    image: app',
      '    env_file: app.env',
      '    environment:',
      `      ADMIN_PASSWORD: ${ENVIRONMENT_PASSWORD}`,
      '      ADMIN_PASSWORD_FILE: /run/secrets/admin',
      '    secrets: [file_secret, env_secret]',
      '    volumes:',
      '      - ./secrets:/config/secrets:ro',
      '      - ./secrets/file_secret.txt:/etc/app/secret.txt:ro',
      '      - .:/src',
      'secrets:',
      '  file_secret:',
      '    file: ./secrets/file_secret.txt',
      '  env_secret:',
      '    environment: ENV_SECRET',
      '',
    ].join('\n'),
    'app.env': `STRIPE_API_KEY=${ENV_FILE_KEY}\nLOG_LEVEL=info\n`,
    'secrets/file_secret.txt': `${FILE_SECRET}\n`,
  };
  const options: ConvertOptions = { env: { ENV_SECRET } };

  function everything(comments: boolean): string[] {
    const result = run(files, { ...options, comments });
    const data = result.objects.filter((o) => o.kind === 'ConfigMap').map((o) => JSON.stringify(o));
    const metadata = result.objects.map((o) => JSON.stringify(o.metadata));
    const messages = result.diagnostics.map((d) => formatDiagnostic(d));
    const written = result.files.map((f) => f.content);
    return [result.text, ...data, ...metadata, ...messages, ...written];
  }

  it.each([true, false])('with comments: %s', (comments) => {
    for (const text of everything(comments)) for (const value of VALUES) expect(text).not.toContain(value);
  });

  it('keeps them, base64-encoded, in Secrets only', () => {
    const result = run(files, options);
    const secretValues = result.objects
      .filter((o) => o.kind === 'Secret')
      .flatMap((o) => Object.values(o.data as Record<string, string>).map(decode));
    for (const value of [ENV_SECRET, ENVIRONMENT_PASSWORD, ENV_FILE_KEY]) expect(secretValues).toContain(value);
    expect(secretValues).toContain(`${FILE_SECRET}\n`);
    // Directories that hold a secret's file become Secrets, not ConfigMaps.
    expect(result.objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(['app-env']);
  });

  it('keeps a bind-mounted compose file, whose environment holds a password, in a Secret', () => {
    const result = run({ 'compose.yaml': `services:\n  app:\n    image: app\n    environment:\n      DB_PASSWORD: ${ENVIRONMENT_PASSWORD}\n    volumes:\n      - .:/src\n` });
    expect(names(result, 'ConfigMap')).toEqual([]);
    expect(names(result, 'Secret').sort()).toEqual(['app-env-secret', 'p']);
    expect(result.text).not.toContain(ENVIRONMENT_PASSWORD);
  });
});

describe('convert --no-secret-env', () => {
  it('keeps secret-looking variables in plain env', async () => {
    const dir = join(FIXTURES, 'env-files');
    const env = { SMTP_PASSWORD: 'smtp-Cli-Value-31' };
    const secret = await runCli(['convert'], { cwd: dir, env });
    const plain = await runCli(['convert', '--no-secret-env'], { cwd: dir, env });
    expect([secret.code, plain.code]).toEqual([0, 0]);
    expect(secret.stdout).toContain('name: worker-env-secret');
    expect(secret.stdout).not.toContain('smtp-Cli-Value-31');
    // The same objects but the Secret, whose variable moved into plain env.
    expect(objectIds(plain.stdout)).toEqual(objectIds(secret.stdout).filter((id) => id !== 'Secret/worker-env-secret'));
    expect(plain.stdout).toContain('- name: SMTP_PASSWORD\n              value: smtp-Cli-Value-31');
  });
});
