import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import type { KubeObject } from '../../src/mapping/context.js';
import { convert } from '../support/api-checks.js';
import { container, decode, diagnostics, object, run } from './convert-support.js';

/** A value nobody would write by accident: wherever it appears, it leaked. */
const CANARY = 'c4n4ry-S3cr3t-9f2b7e';

const envEntries = (c: IContainer) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.valueFrom?.secretKeyRef ? `secret:${e.valueFrom.secretKeyRef.key}` : e.value]));

function secretData(objects: readonly KubeObject[]): string[] {
  return objects.filter((o) => o.kind === 'Secret').flatMap((o) => Object.values((o as { data?: Record<string, string> }).data ?? {}).map(decode));
}

describe('a value that interpolates a secret variable is secret', () => {
  it('goes to the Secret from environment, whatever its own name', () => {
    const r = run(
      {
        'compose.yaml': 'services:\n  app:\n    image: app:1\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n      DB_HOST: db\n',
        '.env': `DB_PASSWORD=${CANARY}\n`,
      },
    );
    expect(envEntries(container(r, 'app'))).toEqual({ DATABASE_URL: 'secret:DATABASE_URL', DB_HOST: 'db' });
    expect(secretData(r.objects)).toContain(`postgres://app:${CANARY}@db/app`);
    expect(r.text).not.toContain(CANARY);
    expect(r.text).toContain('the value interpolates DB_PASSWORD, which holds a secret: the value is in Secret app-env-secret');
  });

  it('goes to the Secret from an env_file, not to its ConfigMap', () => {
    const r = run({
      'compose.yaml': 'services:\n  app:\n    image: app:1\n    env_file: app.env\n',
      'app.env': `DB_PASSWORD=${CANARY}\nDATABASE_URL="postgres://app:\${DB_PASSWORD}@db/app"\nLOG_LEVEL=info\n`,
    });
    const cm = object(r, 'ConfigMap', 'app-env') as unknown as { data: Record<string, string> };
    expect(cm.data).toEqual({ LOG_LEVEL: 'info' });
    expect(envEntries(container(r, 'app'))).toEqual({ DB_PASSWORD: 'secret:DB_PASSWORD', DATABASE_URL: 'secret:DATABASE_URL' });
    expect(r.text).not.toContain(CANARY);
  });

  it('follows a variable of .env made from a secret one', () => {
    const r = run({
      'compose.yaml': 'services:\n  app:\n    image: app:1\n    environment:\n      - DATABASE_URL\n      - URL_COPY=${DATABASE_URL}\n',
      '.env': `DB_PASSWORD=${CANARY}\nDATABASE_URL=postgres://app:\${DB_PASSWORD}@db/app\n`,
    });
    expect(envEntries(container(r, 'app'))).toEqual({ DATABASE_URL: 'secret:DATABASE_URL', URL_COPY: 'secret:URL_COPY' });
    expect(r.text).not.toContain(CANARY);
  });

  it('holds for the variable a compose secret reads its content from, whatever its name', () => {
    const r = run(
      {
        'compose.yaml':
          'services:\n  app:\n    image: app:1\n    secrets: [db]\n    environment:\n      CONN: "user=app pass=${DB_CREDS_VALUE}"\nsecrets:\n  db:\n    environment: DB_CREDS_VALUE\n',
      },
      { env: { DB_CREDS_VALUE: CANARY } },
    );
    expect(envEntries(container(r, 'app'))).toEqual({ CONN: 'secret:CONN' });
    expect(r.text).not.toContain(CANARY);
  });

  it('stays a plain value with --no-secret-env, as the user asked', () => {
    const r = run({ 'compose.yaml': 'services:\n  app:\n    image: app:1\n    environment:\n      URL: x:${DB_PASSWORD}\n', '.env': 'DB_PASSWORD=pw\n' }, { secretEnv: false });
    expect(envEntries(container(r, 'app'))).toEqual({ URL: 'x:pw' });
  });

  it('only when a secret was interpolated: other variables stay where they were', () => {
    const r = run({ 'compose.yaml': 'services:\n  app:\n    image: app:1\n    environment:\n      URL: http://${HOST}:${PORT}/\n', '.env': 'HOST=db\nPORT=80\n' });
    expect(envEntries(container(r, 'app'))).toEqual({ URL: 'http://db:80/' });
  });
});

describe('fields Kubernetes cannot read from a Secret', () => {
  it('a command refers to the variable of the container that holds the secret, with $(NAME)', () => {
    const r = run({
      'compose.yaml':
        'services:\n  app:\n    image: app:1\n    environment:\n      ADMIN_PASSWORD: ${ADMIN_PASSWORD}\n    entrypoint: ["/init", "--pw=${ADMIN_PASSWORD}"]\n    command: ["serve", "--cost=$$5", "--password", "$$x${ADMIN_PASSWORD}"]\n',
      '.env': `ADMIN_PASSWORD=${CANARY}\n`,
    });
    const c = container(r, 'app');
    expect(c.command).toEqual(['/init', '--pw=$(ADMIN_PASSWORD)']);
    // Beside a reference, a literal $ is written $$, which Kubernetes turns back into $.
    expect(c.args).toEqual(['serve', '--cost=$5', '--password', '$$x$(ADMIN_PASSWORD)']);
    expect(r.text).not.toContain(CANARY);
    expect(diagnostics(r, 'secret-in-plain-text')).toEqual([]);
    expect(r.text).toContain("reads $(ADMIN_PASSWORD) from the container's environment (its Secret) instead of the secret value");
  });

  it('a shell-form healthcheck reads the variable itself, quoted as the text was', () => {
    const r = run({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: mysql:8',
        '    environment:',
        '      MYSQL_ROOT_PASSWORD: ${DB_ROOT_PASSWORD}',
        '    healthcheck:',
        `      test: mysqladmin ping -p\${DB_ROOT_PASSWORD} && echo "pw=\${DB_ROOT_PASSWORD}" && echo 'pw=\${DB_ROOT_PASSWORD}'`,
        '',
      ].join('\n'),
      '.env': `DB_ROOT_PASSWORD=${CANARY}\n`,
    });
    const c = container(r, 'db');
    const script = `mysqladmin ping -p"\${MYSQL_ROOT_PASSWORD}" && echo "pw=\${MYSQL_ROOT_PASSWORD}" && echo 'pw='"\${MYSQL_ROOT_PASSWORD}"''`;
    expect(c.readinessProbe?.exec?.command).toEqual(['/bin/sh', '-c', script]);
    expect(c.livenessProbe?.exec?.command).toEqual(['/bin/sh', '-c', script]);
    expect(r.text).not.toContain(CANARY);
    expect(diagnostics(r, 'secret-in-plain-text')).toEqual([]);
  });

  it('an exec-form healthcheck cannot: a warning at the test, naming the variable, never the value', () => {
    const compose = 'services:\n  db:\n    image: db:1\n    healthcheck:\n      test: ["CMD", "check", "--password", "${DB_PASSWORD}"]\n';
    const r = run({ 'compose.yaml': compose, '.env': `DB_PASSWORD=${CANARY}\n` });
    expect(diagnostics(r, 'secret-in-plain-text')).toEqual([
      {
        line: 5,
        column: 44,
        message: 'service "db": healthcheck interpolates DB_PASSWORD, which holds a secret; Kubernetes cannot read this field from a Secret, so the secret is copied into the workload in plain text',
      },
    ]);
    expect(r.diagnostics.map((d) => formatDiagnostic(d)).join('\n')).not.toContain(CANARY);
  });

  it('the warning at an exec-form healthcheck says how to write it as a shell command reading the variable', () => {
    const compose = 'services:\n  cache:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: ["CMD", "redis-cli", "-a", "${REDIS_PASSWORD}", "--no-auth-warning", "ping"]\n';
    const r = run({ 'compose.yaml': compose, '.env': `REDIS_PASSWORD=${CANARY}\n` });
    const [warning] = r.diagnostics.filter((d) => d.code === 'secret-in-plain-text');
    expect(warning!.hint).toBe('write it as a shell command that reads the variable from the container\'s environment: test: redis-cli -a "$${REDIS_PASSWORD}" --no-auth-warning ping');
  });

  it('a command whose secret no variable of the service holds: a warning with what to write', () => {
    const r = run({ 'compose.yaml': 'services:\n  app:\n    image: app:1\n    command: ["serve", "--token=${API_TOKEN}"]\n', '.env': `API_TOKEN=${CANARY}\n` });
    const [warning] = r.diagnostics.filter((d) => d.code === 'secret-in-plain-text');
    expect(warning).toMatchObject({ line: 4, column: 24, severity: 'warning' });
    expect(warning!.hint).toContain('environment: API_TOKEN: ${API_TOKEN}');
  });

  it('labels and annotations that interpolate a secret are left out, with a warning at each', () => {
    const r = run({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: app:1',
        '    labels:',
        '      com.example.dsn: "postgres://app:${DB_PASSWORD}@db"',
        '      com.example.team: shop',
        '    annotations:',
        '      - com.example.key=${API_KEY}',
        '    deploy:',
        '      labels: {com.example.token: "${DB_PASSWORD}"}',
        '    x-kubernetes:',
        '      annotations: {example.com/pw: "${DB_PASSWORD}"}',
        '',
      ].join('\n'),
      '.env': `DB_PASSWORD=${CANARY}\nAPI_KEY=${CANARY}2\n`,
    });
    expect(diagnostics(r, 'secret-in-plain-text').map((d) => [d.line, d.column])).toEqual([
      [5, 7],
      [8, 9],
      [10, 16],
      [12, 21],
    ]);
    expect(r.text).toContain('com.example.team: shop');
    expect(r.text).not.toContain(CANARY);
  });

  it('any other field that copies it gets a warning at the value', () => {
    const r = run({ 'compose.yaml': 'services:\n  app:\n    image: app:1\n    working_dir: /srv/${APP_SECRET}\n', '.env': `APP_SECRET=${CANARY}\n` });
    expect(diagnostics(r, 'secret-in-plain-text')).toEqual([
      {
        line: 4,
        column: 18,
        message: 'service "app": working_dir interpolates APP_SECRET, which holds a secret; Kubernetes cannot read this field from a Secret, so the secret is copied in plain text',
      },
    ]);
  });

  it('a config made from a secret becomes a Secret, not a ConfigMap', () => {
    const r = run({
      'compose.yaml': 'services:\n  app:\n    image: app:1\n    configs: [dsn]\nconfigs:\n  dsn:\n    content: "postgres://app:${DB_PASSWORD}@db/app"\n',
      '.env': `DB_PASSWORD=${CANARY}\n`,
    });
    expect(r.objects.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    expect(secretData(r.objects)).toContain(`postgres://app:${CANARY}@db/app`);
    expect(r.text).not.toContain(CANARY);
  });
});

describe('the canary', () => {
  it('appears nowhere in the output but base64-encoded inside Secrets, and in no diagnostic', () => {
    const r = run({
      'compose.yaml': [
        'services:',
        '  web:',
        '    image: shop/web:1',
        '    env_file: web.env',
        '    environment:',
        '      - DATABASE_URL=postgres://shop:${POSTGRES_PASSWORD}@db/shop',
        '      - SESSION_SECRET',
        '    command: ["serve", "--session-secret", "${SESSION_SECRET}"]',
        '    labels:',
        '      com.example.dsn: postgres://shop:${POSTGRES_PASSWORD}@db/shop',
        '    depends_on: [db]',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
        '    healthcheck:',
        '      test: PGPASSWORD=${POSTGRES_PASSWORD} psql -U postgres -c "select 1"',
        '    configs: [pgpass]',
        'configs:',
        '  pgpass:',
        '    content: "db:5432:*:postgres:${POSTGRES_PASSWORD}"',
        '',
      ].join('\n'),
      'web.env': 'ADMIN_DSN=admin:${POSTGRES_PASSWORD}\nCACHE_URL=redis://cache\n',
      '.env': `POSTGRES_PASSWORD=${CANARY}\nSESSION_SECRET=${CANARY}-session\n`,
    });
    expect(r.text).not.toContain(CANARY);
    expect(JSON.stringify(r.objects.filter((o) => o.kind !== 'Secret'))).not.toContain(CANARY);
    expect(r.diagnostics.map((d) => formatDiagnostic(d)).join('\n')).not.toContain(CANARY);
    // It went somewhere: into Secrets, where the pods read it.
    expect(secretData(r.objects).filter((v) => v.includes(CANARY)).length).toBeGreaterThanOrEqual(5);
  });
});

describe('diagnostics never print a secret', () => {
  it('a message that would show a value made from a secret shows *** instead', () => {
    const r = convert({ 'compose.yaml': 'services:\n  app:\n    image: app:1\n    extra_hosts: ["db=${DB_PASSWORD}"]\n', '.env': `DB_PASSWORD=${CANARY}\n` }, { workingDir: '/p', env: {} });
    const messages = r.diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(messages).toContain('extra host "db" maps to "***", which is not an IP address');
    expect(messages).not.toContain(CANARY);
  });

  it('a rejected value made from a secret is not shown at all', () => {
    const r = convert({ 'compose.yaml': 'services:\n  app:\n    image: app:1\n    dns_search: ["${DOMAIN_TOKEN}!"]\n', '.env': `DOMAIN_TOKEN=${CANARY}\n` }, { workingDir: '/p', env: {} });
    expect(r.diagnostics.map((d) => d.message)).toContain('service "app": dns_search domain (a value made from a secret) is not a DNS name');
  });

  it('a weak secret that is also a name of the project is left in the names it is part of', () => {
    const r = convert(
      { 'compose.yaml': 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: wordpress\n    volumes: [wordpress_data:/var/lib/mysql]\nvolumes:\n  wordpress_data:\n' },
      { workingDir: '/p', env: {} },
    );
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'volume "wordpress_data" is the PersistentVolumeClaim "wordpress-data" in Kubernetes (names must be lower-case letters, digits and \'-\', at most 63 characters)',
    );
  });
});
