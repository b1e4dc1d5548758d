import fc from 'fast-check';

/**
 * Random compose projects that the compose schema accepts: services with the keys of the schema's
 * service definition that projects use (image, command, environment, ports, volumes, healthcheck,
 * deploy resources, depends_on, secrets, configs, security settings ...), in each of the forms the
 * schema allows (strings or lists, short or long syntax, mappings or `KEY=value` lists), and the
 * top-level volumes, networks, secrets and configs they refer to. Every reference names something
 * defined, so a model fails only where the tool finds a real problem.
 */

export interface Model {
  /** compose.yaml and the files it names (secrets, configs, env files), by path. */
  files: Record<string, unknown>;
}

const SERVICE_NAMES = ['web', 'db', 'api', 'worker', 'cache', 'my_svc', 'Front.End', 'a-1'];
const ENV_NAME = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/);
const WORD = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
/** Any text, its `$` written `$$` (a literal dollar: interpolation has its own property tests). */
const TEXT = fc.string({ maxLength: 16 }).map((t) => t.replaceAll('$', '$$$$'));
const ARGS = fc.array(WORD, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const PORT = fc.integer({ min: 1, max: 65535 });
const DURATION = fc.oneof(fc.constantFrom('0s', '1s', '30s', '1m30s', '500ms', '2h', '1.5s'), fc.integer({ min: 1, max: 600 }).map((n) => `${n}s`));
const BYTES = fc.oneof(fc.constantFrom('64m', '512M', '1g', '1.5g', '2GiB', '128mb', '1024k'), fc.integer({ min: 1, max: 4096 }).map((n) => `${n}m`));
const IMAGE = fc.constantFrom('nginx:1.27', 'postgres:16', 'redis', 'ghcr.io/owner/app:2.1', 'registry.example.com:5000/team/api', `busybox@sha256:${'a'.repeat(64)}`);

const environment = fc.oneof(
  fc.dictionary(ENV_NAME, fc.oneof(TEXT, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
  fc.uniqueArray(fc.tuple(ENV_NAME, TEXT), { selector: ([n]) => n, maxLength: 4 }).map((es) => es.map(([n, v]) => `${n}=${v}`)),
);

const shortPort = fc.oneof(
  PORT.map(String),
  fc.tuple(PORT, PORT).map(([p, t]) => `${p}:${t}`),
  fc.tuple(fc.constantFrom('127.0.0.1', '0.0.0.0'), PORT, PORT, fc.constantFrom('tcp', 'udp')).map(([h, p, t, proto]) => `${h}:${p}:${t}/${proto}`),
  fc.tuple(fc.integer({ min: 1000, max: 60000 }), fc.integer({ min: 0, max: 5 })).map(([a, n]) => `${a}-${a + n}:${a}-${a + n}`),
);
const longPort = fc.record(
  { target: PORT, published: fc.oneof(PORT, PORT.map(String)), protocol: fc.constantFrom('tcp', 'udp'), mode: fc.constantFrom('ingress', 'host'), name: WORD },
  { requiredKeys: ['target'] },
);

const healthcheck = fc.oneof(
  fc.record(
    {
      test: fc.oneof(fc.constant(['CMD', 'true']), fc.constant(['CMD-SHELL', 'curl -f http://localhost/ || exit 1']), fc.constant('pg_isready')),
      interval: DURATION,
      timeout: DURATION,
      retries: fc.integer({ min: 0, max: 10 }),
      start_period: DURATION,
    },
    { requiredKeys: ['test'] },
  ),
  fc.constant({ disable: true }),
);

const limits = fc.record({ cpus: fc.oneof(fc.constantFrom('0.5', '2', '0.25'), fc.constantFrom(0.5, 1, 1.5)), memory: BYTES }, { requiredKeys: [] });
// At most the smallest limit: Compose refuses a reservation above the limit.
const reservations = fc.record({ cpus: fc.constantFrom('0.1', 0.25), memory: fc.constantFrom('1m', '1024k') }, { requiredKeys: [] });
/** Limits in deploy.resources or as mem_limit and cpus, never both (Compose refuses two different values). */
const resources = fc.oneof(
  fc.record({ deploy: fc.record({ replicas: fc.integer({ min: 0, max: 5 }), resources: fc.record({ limits, reservations }, { requiredKeys: [] }) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  fc.record({ mem_limit: BYTES, cpus: fc.oneof(fc.constantFrom(0.5, 2), fc.constantFrom('1.5', '0.25')), deploy: fc.record({ replicas: fc.integer({ min: 0, max: 5 }) }) }, { requiredKeys: [] }),
);

function service(names: string[], volumes: string[], networks: string[], secrets: string[], configs: string[]) {
  const others = fc.subarray(names, { maxLength: Math.min(2, names.length) });
  return fc.record(
    {
      image: IMAGE,
      command: fc.oneof(ARGS, fc.array(TEXT, { maxLength: 3 })),
      entrypoint: fc.oneof(fc.constantFrom('/bin/sh -c', '/entrypoint.sh'), fc.array(WORD, { minLength: 1, maxLength: 2 })),
      environment,
      env_file: fc.constant(['app.env']),
      ports: fc.array(fc.oneof(shortPort, longPort), { maxLength: 3 }),
      expose: fc.array(fc.oneof(PORT, PORT.map(String)), { maxLength: 2 }),
      volumes: fc.array(
        fc.oneof(
          fc.tuple(fc.constantFrom(...(volumes.length ? volumes : ['data'])), fc.constantFrom('/data', '/var/lib/app', '/srv')).map(([v, p]) => (volumes.includes(v) ? `${v}:${p}` : p)),
          fc.constantFrom('/cache', './conf:/etc/app:ro', './html:/usr/share/nginx/html'),
          fc.constant({ type: 'tmpfs', target: '/tmp/t', tmpfs: { size: 1048576 } }),
        ),
        { maxLength: 2 },
      ),
      healthcheck,
      restart: fc.constantFrom('no', 'always', 'on-failure', 'unless-stopped'),
      depends_on: fc.oneof(
        others,
        others.map((os) => Object.fromEntries(os.map((o) => [o, { condition: 'service_started' }]))),
      ),
      labels: fc.oneof(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}(\.[a-z]{1,6}){0,2}$/), TEXT, { maxKeys: 3 }), fc.constant(['com.example.tier=front'])),
      user: fc.constantFrom('1000', '1000:1000', 'nobody'),
      working_dir: fc.constantFrom('/app', '/srv/www'),
      read_only: fc.boolean(),
      privileged: fc.boolean(),
      init: fc.boolean(),
      tty: fc.boolean(),
      stdin_open: fc.boolean(),
      cap_add: fc.subarray(['NET_ADMIN', 'SYS_TIME', 'CHOWN']),
      cap_drop: fc.subarray(['ALL', 'NET_RAW']),
      stop_grace_period: DURATION,
      tmpfs: fc.oneof(fc.constant('/run'), fc.constant(['/run', '/tmp'])),
      extra_hosts: fc.constant(['somehost:162.242.195.82']),
      hostname: WORD,
      sysctls: fc.constant({ 'net.core.somaxconn': 1024 }),
      logging: fc.constant({ driver: 'json-file', options: { 'max-size': '10m' } }),
      networks: fc.subarray(networks),
      secrets: fc.subarray(secrets),
      configs: fc.subarray(configs),
    },
    { requiredKeys: ['image'] },
  ).chain((svc) => resources.map((r) => ({ ...svc, ...r })));
}

/** A whole project: up to four services and the resources they use. */
export const MODEL: fc.Arbitrary<Model> = fc
  .record({
    names: fc.uniqueArray(fc.constantFrom(...SERVICE_NAMES), { minLength: 1, maxLength: 4 }),
    volumes: fc.subarray(['data', 'db-data', 'uploads']),
    networks: fc.subarray(['front', 'back']),
    secrets: fc.subarray(['db_password', 'api_key']),
    configs: fc.subarray(['app_conf', 'inline']),
  })
  .chain(({ names, volumes, networks, secrets, configs }) =>
    fc.tuple(fc.tuple(...names.map((n) => service(names.filter((o) => o !== n), volumes, networks, secrets, configs))), fc.constantFrom('ok', 'with-name')).map(([services, named]) => {
      const compose: Record<string, unknown> = { services: Object.fromEntries(names.map((n, i) => [n, services[i]])) };
      if (named === 'with-name') compose.name = 'fuzzed-app';
      if (volumes.length) compose.volumes = Object.fromEntries(volumes.map((v) => [v, {}]));
      if (networks.length) compose.networks = Object.fromEntries(networks.map((n) => [n, {}]));
      if (secrets.length) compose.secrets = Object.fromEntries(secrets.map((s) => [s, s === 'api_key' ? { environment: 'API_KEY' } : { file: `./${s}.txt` }]));
      if (configs.length) compose.configs = Object.fromEntries(configs.map((c) => [c, c === 'inline' ? { content: 'key = value\n' } : { file: './app.conf' }]));
      return {
        files: {
          'compose.yaml': compose,
          'app.env': 'LOG_LEVEL=debug\nGREETING="hello world"\n',
          'db_password.txt': 'hunter2\n',
          'api_key.txt': 'k\n',
          'app.conf': 'listen 80\n',
          'conf/app.ini': '[app]\n',
          'html/index.html': '<h1>hi</h1>\n',
        },
      };
    }),
  );
