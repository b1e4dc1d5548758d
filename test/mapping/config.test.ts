import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { KubeObject } from '../../src/mapping/context.js';
import { effectiveEnvironment, isPortableEnvName } from '../../src/mapping/config/config.js';
import { convert } from '../support/api-checks.js';
import { container, decode, diagnostics, names, object, pod, readerWith, run } from './convert-support.js';

/**
 * What a container's environment is in Kubernetes, computed the way the kubelet does: envFrom
 * sources in order (a later source wins; keys that are not valid names are skipped), then `env`
 * over them with $(VAR) and $$ expanded.
 */
function kubeEnvironment(c: IContainer, objects: readonly KubeObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  const find = (kind: string, name: string | undefined) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
  for (const source of c.envFrom ?? []) {
    const data = (find('ConfigMap', source.configMapRef?.name).data ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(data)) if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k)) env[k] = v;
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    env[e.name] = ref ? decode((find('Secret', ref.name).data as Record<string, string>)[ref.key]!) : expand(e.value ?? '', env);
  }
  return env;
}

function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : name !== undefined && name in env ? env[name]! : m));
}

/** What Compose passes to the container. */
function composeEnvironment(result: ReturnType<typeof convert>, service: string): Record<string, string> {
  return Object.fromEntries(effectiveEnvironment(result.project!.services[service]!).map((v) => [v.name, v.value!]));
}

describe('environment and env_file keep Compose precedence', () => {
  it.each<{ name: string; compose: string; files: Record<string, string> }>([
    {
      name: 'environment wins over env_file, later env_file over earlier',
      compose: 'env_file: [a.env, b.env]\n    environment:\n      SHARED: from-environment\n      ONLY_ENV: e',
      files: { 'a.env': 'SHARED=a\nFROM_A=1\nBOTH=a\n', 'b.env': 'BOTH=b\nFROM_B=2\n' },
    },
    {
      name: 'secret-looking names in both sources',
      compose: 'env_file: [a.env, b.env]\n    environment:\n      DB_PASSWORD: env-pass',
      files: { 'a.env': 'API_KEY=key-a\nDB_PASSWORD=file-pass\n', 'b.env': 'API_KEY=key-b\nGITHUB_TOKEN=tok\n' },
    },
    {
      name: 'a variable declared without value and unset is removed, even from env files',
      compose: 'env_file: a.env\n    environment:\n      - DROPPED\n      - KEPT=k',
      files: { 'a.env': 'DROPPED=from-file\nOTHER=o\n' },
    },
    {
      name: 'values with $ stay literal everywhere',
      compose: 'env_file: a.env\n    environment:\n      LITERAL: "$$(HOME) and $$$$"',
      files: { 'a.env': "FROM_FILE='$(HOME) $$'\n" },
    },
    {
      name: 'names envFrom would skip still arrive',
      compose: 'env_file:\n      - path: raw.env\n        format: raw',
      files: { 'raw.env': '1STARTS_WITH_DIGIT=d\nHAS:COLON=c\nfine.name=f\n' },
    },
  ])('$name', ({ compose, files }) => {
    const result = convert({ 'compose.yaml': `services:\n  app:\n    image: busybox\n    ${compose}\n`, ...files }, { workingDir: '/p', env: {} });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(kubeEnvironment(container(result, 'app'), result.objects)).toEqual(composeEnvironment(result, 'app'));
  });
});

describe('env_file', () => {
  it('becomes one ConfigMap per file, listed in envFrom in file order', () => {
    const result = run({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: [common.env, local.env]\n',
      'common.env': 'LOG_LEVEL=info\nREGION=eu\n',
      'local.env': 'LOG_LEVEL=debug\n',
    });
    expect(container(result, 'web').envFrom).toEqual([{ configMapRef: { name: 'web-env-1' } }, { configMapRef: { name: 'web-env-2' } }]);
    expect(object(result, 'ConfigMap', 'web-env-1').data).toEqual({ LOG_LEVEL: 'info', REGION: 'eu' });
    expect(object(result, 'ConfigMap', 'web-env-2').data).toEqual({ LOG_LEVEL: 'debug' });
    expect(container(result, 'web').env).toBeUndefined();
  });

  it('names the ConfigMap <service>-env when there is one file', () => {
    const result = run({ 'compose.yaml': 'services:\n  web_app:\n    image: nginx\n    env_file: app.env\n', 'app.env': 'A=1\n' });
    expect(names(result, 'ConfigMap')).toEqual(['web-app-env']);
  });

  it('keeps values exactly as Compose reads them (envFrom does not expand $(VAR))', () => {
    const result = run({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file:\n      - path: app.env\n        format: raw\n',
      'app.env': 'CMD=run $(x) $$\n',
    });
    expect(object(result, 'ConfigMap', 'web-env').data).toEqual({ CMD: 'run $(x) $$' });
  });

  it('skips an optional file that does not exist', () => {
    const result = run({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file:\n      - path: missing.env\n        required: false\n      - path: app.env\n',
      'app.env': 'A=1\n',
    });
    expect(names(result, 'ConfigMap')).toEqual(['web-env-2']);
  });

  it('passes names envFrom would skip as env entries, with a warning at the env_file entry', () => {
    const result = run({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file:\n      - path: raw.env\n        format: raw\n',
      'raw.env': '9LIVES=cat\nGOOD=1\n',
    });
    expect(object(result, 'ConfigMap', 'web-env').data).toEqual({ GOOD: '1' });
    expect(container(result, 'web').env).toEqual([{ name: '9LIVES', value: 'cat' }]);
    expect(diagnostics(result, 'env-name')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('"9LIVES" (from raw.env)') }]);
  });
});

describe('environment', () => {
  it('keeps plain values in env and escapes $ for Kubernetes', () => {
    const result = run({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      MODE: prod\n      PRICE: "$$(cost)"\n' });
    expect(container(result, 'web').env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'PRICE', value: '$$(cost)' },
    ]);
  });

  it('warns about names older Kubernetes versions reject, at the variable', () => {
    const result = run({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      "2FA_ISSUER": me\n' });
    expect(diagnostics(result, 'env-name')).toEqual([{ line: 5, column: 7, message: expect.stringContaining('"2FA_ISSUER"') }]);
  });

  it.each([
    ['letters and underscores', 'DB_HOST', true],
    ['dots and dashes', 'spring.profiles-active', true],
    ['leading underscore', '_X', true],
    ['leading digit', '1X', false],
    ['colon', 'A:B', false],
    ['space', 'A B', false],
    ['empty', '', false],
  ])('isPortableEnvName: %s', (_, name, expected) => {
    expect(isPortableEnvName(name)).toBe(expected);
  });
});

describe('secret-looking variables', () => {
  const files = {
    'compose.yaml': 'services:\n  api:\n    image: api\n    env_file: api.env\n    environment:\n      DB_PASSWORD: pw-Env-1\n      DB_HOST: db\n',
    'api.env': 'STRIPE_API_KEY=sk-File-2\nKEYBOARD=us\n',
  };

  it('go to the Secret <service>-env-secret and are read with secretKeyRef', () => {
    const result = run(files);
    const secret = object(result, 'Secret', 'api-env-secret');
    expect(Object.fromEntries(Object.entries(secret.data as Record<string, string>).map(([k, v]) => [k, decode(v)]))).toEqual({
      STRIPE_API_KEY: 'sk-File-2',
      DB_PASSWORD: 'pw-Env-1',
    });
    expect(object(result, 'ConfigMap', 'api-env').data).toEqual({ KEYBOARD: 'us' });
    expect(container(result, 'api').env).toEqual([
      { name: 'STRIPE_API_KEY', valueFrom: { secretKeyRef: { name: 'api-env-secret', key: 'STRIPE_API_KEY' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'api-env-secret', key: 'DB_PASSWORD' } } },
      { name: 'DB_HOST', value: 'db' },
    ]);
  });

  it('stay plain with secretEnv: false', () => {
    const result = run(files, { secretEnv: false });
    expect(names(result, 'Secret')).toEqual([]);
    expect(object(result, 'ConfigMap', 'api-env').data).toEqual({ STRIPE_API_KEY: 'sk-File-2', KEYBOARD: 'us' });
    expect(container(result, 'api').env).toContainEqual({ name: 'DB_PASSWORD', value: 'pw-Env-1' });
  });
});

describe('configs', () => {
  const compose = (service: string, top: string) => `services:\n  web:\n    image: nginx\n    configs:\n${service}configs:\n${top}`;

  it('mounts each config as one file at /<name> by default, mode 0444', () => {
    const result = run({ 'compose.yaml': compose('      - site_conf\n', '  site_conf:\n    file: ./site.conf\n'), 'site.conf': 'server {}\n' });
    expect(object(result, 'ConfigMap', 'site-conf').data).toEqual({ site_conf: 'server {}\n' });
    expect(container(result, 'web').volumeMounts).toEqual([{ name: 'config-site-conf', mountPath: '/site_conf', subPath: 'site_conf', readOnly: true }]);
    expect(pod(result, 'web').volumes).toEqual([{ name: 'config-site-conf', configMap: { name: 'site-conf', defaultMode: 0o444 } }]);
  });

  it.each([
    ['content', '  greeting:\n    content: hello $${USER}\n', {}, 'hello ${USER}'],
    ['environment', '  greeting:\n    environment: GREETING\n', { GREETING: 'bonjour' }, 'bonjour'],
    ['file', '  greeting:\n    file: ./greeting.txt\n', {}, 'hi\n'],
  ])('takes the content from %s', (_, top, env, expected) => {
    const result = run({ 'compose.yaml': compose('      - greeting\n', top), 'greeting.txt': 'hi\n' }, { env });
    expect(object(result, 'ConfigMap', 'greeting').data).toEqual({ greeting: expected });
  });

  it('mounts at the long syntax target with the mode given', () => {
    const result = run({
      'compose.yaml': compose('      - source: app\n        target: /etc/app/app.ini\n        mode: 0o440\n', '  app:\n    content: "[main]"\n'),
    });
    expect(container(result, 'web').volumeMounts).toEqual([{ name: 'config-app', mountPath: '/etc/app/app.ini', subPath: 'app', readOnly: true }]);
    expect(pod(result, 'web').volumes).toEqual([{ name: 'config-app', configMap: { name: 'app', defaultMode: 0o440 } }]);
  });

  it('stores content that is not UTF-8 under binaryData', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]);
    const reader = readerWith({ 'compose.yaml': compose('      - logo\n', '  logo:\n    file: ./logo.png\n') }, { 'logo.png': bytes });
    const result = run(reader);
    const cm = object(result, 'ConfigMap', 'logo');
    expect(cm.data).toBeUndefined();
    expect(cm.binaryData).toEqual({ logo: Buffer.from(bytes).toString('base64') });
  });

  it('refers to an external config by name, with a warning that says how to create it', () => {
    const result = run({ 'compose.yaml': compose('      - shared\n', '  shared:\n    external: true\n    name: team-shared\n') });
    expect(names(result, 'ConfigMap')).toEqual([]);
    expect(pod(result, 'web').volumes).toEqual([{ name: 'config-team-shared', configMap: { name: 'team-shared', defaultMode: 0o444 } }]);
    const [warning] = result.diagnostics.filter((d) => d.code === 'external-object');
    expect(warning).toMatchObject({ line: 7, column: 3, hint: expect.stringContaining('kubectl create configmap team-shared --from-file=shared=') });
  });

  it('warns that uid and gid cannot be set, at the key', () => {
    const result = run({ 'compose.yaml': compose('      - source: app\n        uid: "1000"\n', '  app:\n    content: x\n') });
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 6, column: 9, message: expect.stringContaining('configs.uid') }]);
  });

  it('reports a config that is not declared, at the reference', () => {
    const result = convert({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    configs:\n      - nope\n' }, { workingDir: '/p', env: {} });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toContainEqual(['undefined-reference', 5, 9]);
  });
});
