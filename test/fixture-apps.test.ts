import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { KubeObject } from '../src/mapping/context.js';
import { convertFixture, fixtureNames } from './support/fixtures.js';

/**
 * The bundled fixtures are apps people would run: their well-known images get what those images
 * need to start (a PostgreSQL without a password, or a MySQL without a root password, exits at its
 * first start). Checked on the converted objects, with the variables each container really gets
 * (env and envFrom), and every `*_FILE` variable pointing at a file the pod mounts.
 */

type Env = Map<string, string | undefined>;

/** What an image's entrypoint refuses to start without, as alternatives: one of them must be set. */
const NEEDS: { image: RegExp; what: string; needs: (env: Env) => boolean }[] = [
  {
    image: /^(docker\.io\/)?(library\/)?postgres(:|@|$)/,
    what: 'POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE or POSTGRES_HOST_AUTH_METHOD',
    needs: (env) => ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD_FILE', 'POSTGRES_HOST_AUTH_METHOD'].some((n) => env.has(n)),
  },
  {
    image: /^(docker\.io\/)?(library\/)?mysql(:|@|$)/,
    what: 'MYSQL_ROOT_PASSWORD(_FILE), MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD, and a password for MYSQL_USER',
    needs: (env) =>
      ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD_FILE', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((n) => env.has(n)) &&
      (!env.has('MYSQL_USER') || env.has('MYSQL_PASSWORD') || env.has('MYSQL_PASSWORD_FILE')),
  },
  {
    image: /^(docker\.io\/)?(library\/)?mariadb(:|@|$)/,
    what: 'a MARIADB_ (or MYSQL_) root password, or an explicit empty or random one',
    needs: (env) =>
      ['ROOT_PASSWORD', 'ROOT_PASSWORD_FILE', 'ROOT_PASSWORD_HASH', 'ALLOW_EMPTY_ROOT_PASSWORD', 'ALLOW_EMPTY_PASSWORD', 'RANDOM_ROOT_PASSWORD'].some(
        (n) => env.has(`MARIADB_${n}`) || env.has(`MYSQL_${n}`),
      ),
  },
  {
    image: /^(docker\.io\/)?(library\/)?ghost(:|@|$)/,
    what: 'with database__client mysql: the host, user, password (may be empty) and database of the connection',
    needs: (env) =>
      env.get('database__client') !== 'mysql' ||
      ['host', 'user', 'database'].every((k) => env.has(`database__connection__${k}`)) && (env.has('database__connection__password') || env.get('database__connection__user') === 'root'),
  },
];

function podSpecs(objects: readonly KubeObject[]): { name: string; containers: IContainer[]; mounts: (c: IContainer) => string[] }[] {
  return objects.flatMap((o) => {
    const spec = (o as { spec?: { template?: { spec?: { containers: IContainer[] } }; jobTemplate?: { spec: { template: { spec: { containers: IContainer[] } } } } } }).spec;
    const pod = spec?.template?.spec ?? spec?.jobTemplate?.spec.template.spec;
    if (!pod) return [];
    return [{ name: `${o.kind}/${o.metadata.name}`, containers: pod.containers, mounts: (c: IContainer) => (c.volumeMounts ?? []).map((m) => m.mountPath) }];
  });
}

/** The variables a container gets: its envFrom objects' keys (in order), then env. */
function environmentOf(c: IContainer, objects: readonly KubeObject[]): Env {
  const env: Env = new Map();
  const data = (kind: string, name: string) => {
    const o = objects.find((x) => x.kind === kind && x.metadata.name === name) as { data?: Record<string, string> } | undefined;
    return o?.data ?? {};
  };
  for (const from of c.envFrom ?? []) {
    const source = from.configMapRef ? data('ConfigMap', from.configMapRef.name!) : from.secretRef ? data('Secret', from.secretRef.name!) : {};
    for (const [k, v] of Object.entries(source)) env.set(k, from.secretRef ? Buffer.from(v, 'base64').toString('utf8') : v);
  }
  for (const e of c.env ?? []) env.set(e.name, e.value);
  return env;
}

describe.each(fixtureNames())('fixture %s', (name) => {
  const result = convertFixture(name);

  it.runIf(!result.failed)('gives well-known images what they need to start', () => {
    const problems: string[] = [];
    for (const pod of podSpecs(result.objects)) {
      for (const c of pod.containers) {
        const env = environmentOf(c, result.objects);
        for (const rule of NEEDS) if (rule.image.test(c.image ?? '') && !rule.needs(env)) problems.push(`${pod.name} (${c.image}) needs ${rule.what}`);
        for (const [k, v] of env) {
          if (!k.endsWith('_FILE') && !k.endsWith('__FILE')) continue;
          if (v === undefined || !v.startsWith('/')) continue;
          if (!pod.mounts(c).some((m) => v === m || v.startsWith(`${m.replace(/\/$/, '')}/`))) problems.push(`${pod.name}: ${k}=${v} is not a file the pod mounts`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
