import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rewriteValue } from '../../src/mapping/network/renamed-references.js';
import { decode, diagnostics, object, pod, run } from './convert-support.js';

const NAMES = new Map([
  ['my_db', { to: 'my-db' }],
  ['cache_1', { to: 'cache-1' }],
]);
const env = (name: string) => ({ kind: 'env' as const, name });
const arg = (option?: string) => (option === undefined ? { kind: 'arg' as const } : { kind: 'arg' as const, option });
const script = { kind: 'script' as const };

describe('rewriteValue: only a whole value, a host:port or a URL host', () => {
  it.each([
    ['the whole value', 'my_db', env('DB_HOST'), 'my-db'],
    ['a host:port', 'my_db:5432', env('DB_ADDR'), 'my-db:5432'],
    ['a list of host:port', 'cache_1:6379,my_db:6379', env('NODES'), 'cache-1:6379,my-db:6379'],
    ['a URL host', 'postgres://app:pw@my_db:5432/app?sslmode=disable', env('DATABASE_URL'), 'postgres://app:pw@my-db:5432/app?sslmode=disable'],
    ['a URL host without port', 'http://my_db/health', env('URL'), 'http://my-db/health'],
    ['a URL with several hosts', 'mongodb://my_db:27017,cache_1:27017/app', env('MONGO_URL'), 'mongodb://my-db:27017,cache-1:27017/app'],
    ['a JDBC URL', 'jdbc:postgresql://my_db:5432/app', env('JDBC'), 'jdbc:postgresql://my-db:5432/app'],
    ['a URL inside a script', 'curl -fs http://my_db:8080/ready || exit 1', script, 'curl -fs http://my-db:8080/ready || exit 1'],
    ['a host:port inside a script', 'wait-for my_db:5432 -- ./start', script, 'wait-for my-db:5432 -- ./start'],
    ['an argument', 'my_db', arg(), 'my-db'],
    ['the value of an option', '--db-host=my_db', arg(), '--db-host=my-db'],
    ['the argument after -h', 'my_db', arg('-h'), 'my-db'],
    ['the value of an option in a script', 'pg_isready -h my_db -d my_db', script, 'pg_isready -h my-db -d my_db'],
    ['a quoted option value in a script', 'redis-cli -h "my_db" ping && nc -z my_db 6379', script, 'redis-cli -h "my-db" ping && nc -z my-db 6379'],
    ['an option=value in a script', 'check --host=my_db;', script, 'check --host=my-db;'],
  ])('rewrites %s', (_what, value, mode, expected) => {
    expect(rewriteValue(value, NAMES, mode).value).toBe(expected);
  });

  it.each([
    ['a longer word', 'my_db_password', env('X')],
    ['a longer name with a dot', 'my_db.example.com', env('FQDN')],
    ['a longer name with a dash', 'my_db-replica:5432', env('REPLICA')],
    ['a user name in a URL', 'postgres://my_db:pw@db/app', env('URL')],
  ])('leaves %s alone and does not count it as a mention', (_what, value, mode) => {
    expect(rewriteValue(value, NAMES, mode)).toEqual({ value, renames: [], mentioned: value.startsWith('postgres') ? ['my_db'] : [] });
  });

  it.each([
    ['a word of a sentence', 'connect to my_db please', env('MOTD')],
    ['a word of a script', 'echo my_db is up', script],
    ['a database option in a script', 'pg_isready -U shop -d my_db', script],
    ['a database named like the service', 'my_db', env('POSTGRES_DB')],
    ['a user named like the service', 'my_db', env('DB_USER')],
    ['the value of an option that names a database', 'my_db', arg('-d')],
    ['the value of --dbname=', '--dbname=my_db', arg('--dbname')],
  ])('lists %s as a mention, left as written', (_what, value, mode) => {
    expect(rewriteValue(value, NAMES, mode)).toEqual({ value, renames: [], mentioned: ['my_db'] });
  });

  it('never changes a value that names no renamed host', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        fc.pre(!value.includes('my_db') && !value.includes('cache_1'));
        expect(rewriteValue(value, NAMES, env('X'))).toEqual({ value, renames: [], mentioned: [] });
      }),
    );
  });

  it('only ever replaces the old name by the new one', () => {
    const part = fc.constantFrom('my_db', 'cache_1', ':', '5432', '://', '@', '/', ',', ' ', 'x', '_', '.', '-', '=', 'http');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), fc.constantFrom(env('X'), arg(), script), (parts, mode) => {
        const value = parts.join('');
        const result = rewriteValue(value, NAMES, mode);
        expect(result.value.replaceAll('my-db', 'my_db').replaceAll('cache-1', 'cache_1')).toBe(value.replaceAll('my-db', 'my_db').replaceAll('cache-1', 'cache_1'));
      }),
    );
  });
});

const SHOP = `name: shop
services:
  my_db:
    image: postgres:16
    environment:
      POSTGRES_DB: my_db
      POSTGRES_PASSWORD: s3cret-Value
    healthcheck:
      test: ["CMD", "pg_isready", "-h", "my_db", "-d", "my_db"]
  web_app:
    image: example/shop:1
    entrypoint: ["/wait-for", "my_db:5432", "--"]
    command: ["serve", "--db-host=my_db"]
    env_file: [web.env]
    environment:
      DB_HOST: my_db
      DB_PASSWORD_URL: postgres://shop:s3cret-Value@my_db:5432/shop
      MOTD: connect to my_db
    depends_on: [my_db]
`;

describe('renamed services: the other services keep reaching them', () => {
  const result = run({ 'compose.yaml': SHOP, 'web.env': 'CACHE_URL=redis://my_db:6379/0\n' });

  it('rewrites environment, env_file, entrypoint, command and healthcheck values in place', () => {
    const web = pod(result, 'web-app').containers[0]!;
    expect(web.command).toEqual(['/wait-for', 'my-db:5432', '--']);
    expect(web.args).toEqual(['serve', '--db-host=my-db']);
    expect(web.env?.find((e) => e.name === 'DB_HOST')?.value).toBe('my-db');
    expect(web.env?.find((e) => e.name === 'MOTD')?.value).toBe('connect to my_db');
    expect((object(result, 'ConfigMap', 'web-app-env').data as Record<string, string>).CACHE_URL).toBe('redis://my-db:6379/0');
    const db = pod(result, 'my-db').containers[0]!;
    expect(db.readinessProbe?.exec?.command).toEqual(['pg_isready', '-h', 'my-db', '-d', 'my_db']);
    expect(db.env?.find((e) => e.name === 'POSTGRES_DB')?.value).toBe('my_db');
  });

  it('rewrites a secret value where it is: in its Secret, never in a plain value', () => {
    const web = pod(result, 'web-app').containers[0]!;
    expect(web.env?.find((e) => e.name === 'DB_PASSWORD_URL')).toEqual({ name: 'DB_PASSWORD_URL', valueFrom: { secretKeyRef: { name: 'web-app-env-secret', key: 'DB_PASSWORD_URL' } } });
    expect(decode((object(result, 'Secret', 'web-app-env-secret').data as Record<string, string>).DB_PASSWORD_URL!)).toBe('postgres://shop:s3cret-Value@my-db:5432/shop');
  });

  it('notes each rewrite on its field, and never prints a value', () => {
    const mapped = result.mapped.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === 'web-app')!;
    const rewritten = mapped.notes.filter((n) => n.detail?.includes('"my_db" is written "my-db"')).map((n) => n.path.slice(5).join('.'));
    expect(rewritten.sort()).toEqual(['args.1', 'command.1', 'env.0', 'env.1']);
    const cm = result.mapped.find((m) => m.object.kind === 'ConfigMap')!;
    expect(cm.notes.find((n) => n.path.join('.') === 'data.CACHE_URL')?.detail).toContain('"my_db" is written "my-db"');
    expect(result.text).not.toMatch(/# .*s3cret-Value/);
    for (const d of result.diagnostics) expect(`${d.message} ${d.hint ?? ''}`).not.toContain('s3cret');
  });

  it('says at the service what was rewritten, and lists at the first mention what was not', () => {
    expect(diagnostics(result, 'name-changed')).toEqual([
      { line: 3, column: 3, message: expect.stringContaining('service "my_db" is named "my-db"') },
      { line: 6, column: 7, message: expect.stringContaining('left as written: my_db: environment POSTGRES_DB (compose.yaml:6:7), healthcheck.test (compose.yaml:9:7); web_app: environment MOTD (compose.yaml:18:7)') },
      { line: 10, column: 3, message: expect.stringContaining('service "web_app" is named "web-app"') },
    ]);
    const hint = result.diagnostics.find((d) => d.line === 3)?.hint;
    expect(hint).toBe(
      'other services reach it as "my-db": the 6 values that name "my_db" as a host are rewritten (my_db: healthcheck.test; web_app: environment DB_HOST, environment DB_PASSWORD_URL, env_file web.env CACHE_URL, command[1], entrypoint[1])',
    );
  });

  it('rewrites names of container names and aliases Kubernetes spells differently', () => {
    const yaml = 'services:\n  db:\n    image: postgres:16\n    container_name: gitea_db\n  app:\n    image: gitea/gitea:1.22\n    environment:\n      GITEA__database__HOST: gitea_db:5432\n';
    const converted = run({ 'compose.yaml': yaml });
    expect(pod(converted, 'app').containers[0]!.env).toEqual([{ name: 'GITEA__database__HOST', value: 'gitea-db:5432' }]);
    expect(object(converted, 'Service', 'gitea-db')).toBeDefined();
  });

  it('reads the script of sh -c as a script', () => {
    const yaml = 'services:\n  my_db:\n    image: postgres:16\n  app:\n    image: x\n    command: ["sh", "-c", "until nc -z my_db 5432; do sleep 1; done; exec app --db my_db"]\n';
    const converted = run({ 'compose.yaml': yaml });
    expect(pod(converted, 'app').containers[0]!.args).toEqual(['sh', '-c', 'until nc -z my-db 5432; do sleep 1; done; exec app --db my_db']);
    expect(diagnostics(converted, 'name-changed').map((d) => d.line)).toEqual([2, 6]);
  });

  it('rewrites nothing for a name that only changes case: DNS ignores case', () => {
    const converted = run({ 'compose.yaml': 'services:\n  DB:\n    image: postgres:16\n  app:\n    image: x\n    environment: {DB_HOST: DB}\n' });
    expect(pod(converted, 'app').containers[0]!.env).toEqual([{ name: 'DB_HOST', value: 'DB' }]);
    expect(diagnostics(converted, 'name-changed')).toEqual([{ line: 2, column: 3, message: expect.stringContaining('"db"') }]);
  });
});
