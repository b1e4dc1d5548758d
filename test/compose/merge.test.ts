import { describe, expect, it } from 'vitest';
import { codes, load, serviceOf } from './helpers.js';

/**
 * What the cases refer to, declared: Compose refuses a reference to an undefined service, volume,
 * network, secret or config (compose-go checkConsistency), whatever the command.
 */
const DECLARED = [
  '  db:\n    image: db',
  'volumes:\n  data: {}\n  other: {}\n  data2: {}',
  'networks:\n  front: {}\n  back: {}',
  'secrets:\n  token: {external: true}\n  token2: {external: true}',
  'configs:\n  nginx: {external: true}',
].join('\n');

/** Two files for one service `app`: compose.yaml holds `base`, compose.override.yaml `over`. */
function merged(base: string, over: string): Record<string, unknown> {
  const indent = (s: string) => s.replace(/^/gm, '    ');
  const result = load({
    'compose.yaml': `services:\n  app:\n    image: app:1\n${indent(base)}\n${DECLARED}\n`,
    'compose.override.yaml': `services:\n  app:\n${indent(over)}\n`,
    'a.env': 'A=1\n',
    'b.env': 'B=1\n',
  });
  const service = { ...serviceOf(result, 'app') };
  delete service.image;
  return service;
}

describe('merging compose files', () => {
  it.each([
    ['a scalar is replaced', 'user: root', 'user: app', { user: 'app' }],
    ['an empty value leaves the earlier one', 'user: root', 'user:', { user: 'root' }],
    ['a mapping gains and overrides keys', 'logging:\n  options:\n    max-size: 1m\n    max-file: "3"', 'logging:\n  options:\n    max-size: 5m', { logging: { options: { 'max-size': '5m', 'max-file': '3' } } }],
    ['a plain sequence appends', 'cap_add: [NET_ADMIN]', 'cap_add: [SYS_TIME]', { cap_add: ['NET_ADMIN', 'SYS_TIME'] }],
    ['a plain sequence drops repeated values', 'cap_add: [NET_ADMIN]', 'cap_add: [NET_ADMIN, SYS_TIME]', { cap_add: ['NET_ADMIN', 'SYS_TIME'] }],
    ['command is replaced, not appended', 'command: [serve, --port, "80"]', 'command: [serve, --debug]', { command: ['serve', '--debug'] }],
    ['a string command replaces a list', 'command: [a, b]', 'command: run it', { command: 'run it' }],
    ['entrypoint is replaced', 'entrypoint: [/init]', 'entrypoint: [/other]', { entrypoint: ['/other'] }],
    ['healthcheck.test is replaced, other keys merge', 'healthcheck:\n  test: [CMD, a]\n  interval: 5s', 'healthcheck:\n  test: [CMD, b]', { healthcheck: { test: ['CMD', 'b'], interval: '5s' } }],
    ['environment maps merge by name', 'environment:\n  A: "1"\n  B: "2"', 'environment:\n  B: "3"\n  C: "4"', { environment: { A: '1', B: '3', C: '4' } }],
    ['environment list and map forms mix', 'environment:\n  - A=1\n  - B=2', 'environment:\n  B: "3"', { environment: ['A=1', 'B=3'] }],
    ['environment map then list keeps the first position', 'environment:\n  A: "1"\n  B: "2"', 'environment:\n  - A=9', { environment: ['A=9', 'B=2'] }],
    ['a bare name replaces a value (taken from the environment)', 'environment:\n  A: "1"', 'environment:\n  A:', { environment: { A: null } }],
    ['labels merge by key across forms', 'labels:\n  - com.example.team=web', 'labels:\n  com.example.tier: front', { labels: ['com.example.team=web', 'com.example.tier=front'] }],
    ['annotations merge by key', 'annotations:\n  a: "1"', 'annotations:\n  a: "2"', { annotations: { a: '2' } }],
    ['sysctls merge by key', 'sysctls:\n  net.core.somaxconn: 1024', 'sysctls:\n  - net.core.somaxconn=2048', { sysctls: ['net.core.somaxconn=2048'] }],
    ['build args merge by key, build string becomes context', 'build: ./app', 'build:\n  args:\n    V: "2"', { build: { context: './app', args: { V: '2' } } }],
    ['ports are unique by ip, published, target and protocol', 'ports: ["8080:80", "9000:9000/udp"]', 'ports:\n  - "8080:80"\n  - target: 80\n    published: "8081"', { ports: ['8080:80', '9000:9000/udp', { target: 80, published: '8081' }] }],
    ['a long-form port equal to a short one replaces it', 'ports: ["127.0.0.1:8080:80"]', 'ports:\n  - target: 80\n    published: "8080"\n    host_ip: 127.0.0.1\n    name: web', { ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1', name: 'web' }] }],
    ['volumes are unique by target', 'volumes: ["data:/var/lib/data", "./conf:/etc/app:ro"]', 'volumes:\n  - other:/var/lib/data', { volumes: ['other:/var/lib/data', './conf:/etc/app:ro'] }],
    ['a long-form volume replaces a short one with the same target', 'volumes: ["data:/srv"]', 'volumes:\n  - type: volume\n    source: data2\n    target: /srv', { volumes: [{ type: 'volume', source: 'data2', target: '/srv' }] }],
    ['secrets are unique by target', 'secrets: [token]', 'secrets:\n  - source: token2\n    target: /run/secrets/token', { secrets: [{ source: 'token2', target: '/run/secrets/token' }] }],
    ['configs are unique by target', 'configs: [nginx]', 'configs:\n  - source: nginx\n    target: /etc/nginx.conf', { configs: ['nginx', { source: 'nginx', target: '/etc/nginx.conf' }] }],
    ['expose is deduplicated by value', 'expose: ["80", 443]', 'expose: [80, "8080"]', { expose: [80, 443, '8080'] }],
    ['dns accepts a string and appends', 'dns: 8.8.8.8', 'dns: [1.1.1.1]', { dns: ['8.8.8.8', '1.1.1.1'] }],
    ['env_file strings and lists append, unique by path', 'env_file: a.env', 'env_file: [b.env, a.env]', { env_file: ['a.env', 'b.env'] }],
    ['extra_hosts keep every address of a host', 'extra_hosts:\n  db: 10.0.0.1', 'extra_hosts:\n  - db=10.0.0.2\n  - db=10.0.0.1', { extra_hosts: ['db=10.0.0.1', 'db=10.0.0.2'] }],
    ['depends_on list and map forms merge as a mapping', 'depends_on: [db]', 'depends_on:\n  db:\n    condition: service_healthy', { depends_on: { db: { condition: 'service_healthy', required: true } } }],
    ['service networks list and map forms merge', 'networks: [front]', 'networks:\n  back:\n    aliases: [api]', { networks: { front: null, back: { aliases: ['api'] } } }],
    ['logging with another driver replaces the options', 'logging:\n  driver: json-file\n  options:\n    max-size: 1m', 'logging:\n  driver: syslog\n  options:\n    tag: app', { logging: { driver: 'syslog', options: { tag: 'app' } } }],
    ['ulimits entries are replaced whole', 'ulimits:\n  nofile:\n    soft: 1024\n    hard: 2048\n  nproc: 512', 'ulimits:\n  nofile: 4096', { ulimits: { nofile: 4096, nproc: 512 } }],
    ['!reset removes a value', 'ports: ["80:80"]\nuser: root', 'ports: !reset []', { user: 'root' }],
    ['!reset removes one environment variable', 'environment:\n  A: "1"\n  B: "2"', 'environment:\n  A: !reset null', { environment: { B: '2' } }],
    ['!override replaces instead of merging', 'ports: ["8080:80"]', 'ports: !override ["8443:443"]', { ports: ['8443:443'] }],
    ['!override replaces a whole mapping', 'environment:\n  A: "1"', 'environment: !override\n  B: "2"', { environment: { B: '2' } }],
    ['x- extension keys merge like mappings', 'x-meta:\n  owner: a\n  tier: 1', 'x-meta:\n  tier: 2', { 'x-meta': { owner: 'a', tier: 2 } }],
  ])('%s', (_name, base, over, expected) => {
    expect(merged(base, over)).toEqual(expected);
  });

  it('merges top-level resources and appends services from later files', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    image: web\n    volumes: [data:/d]\nvolumes:\n  data:\n    labels:\n      a: "1"\n',
      'compose.override.yaml': 'services:\n  worker:\n    image: worker\n    volumes: [cache:/c]\nvolumes:\n  data:\n    driver: local\n    labels:\n      b: "2"\n  cache: {}\n',
    });
    expect(codes(result)).toEqual([]);
    const plain = result.project!.node;
    expect(plain.entries.map((e) => e.key)).toEqual(['services', 'volumes']);
    expect(Object.keys(result.project!.services)).toEqual(['web', 'worker']);
    expect(result.project!.volumes.data!.labels).toEqual({ a: '1', b: '2' });
    expect(result.project!.volumes.data!.driver).toBe('local');
    expect(Object.keys(result.project!.volumes)).toEqual(['data', 'cache']);
  });

  it('merges three files in order, each overriding the previous', () => {
    const result = load(
      {
        'a.yaml': 'services:\n  web:\n    image: web:1\n    environment: [STAGE=a]\n',
        'b.yaml': 'services:\n  web:\n    image: web:2\n',
        'c.yaml': 'services:\n  web:\n    environment:\n      STAGE: c\n',
      },
      { files: ['a.yaml', 'b.yaml', 'c.yaml'] },
    );
    expect(serviceOf(result, 'web')).toEqual({ image: 'web:2', environment: ['STAGE=c'] });
  });

  it('deduplicates within a single file too, as Compose does', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: web\n    environment: [A=1, B=2, A=3]\n    ports: ["80:80", "80:80"]\n' });
    expect(serviceOf(result, 'web')).toMatchObject({ environment: ['A=3', 'B=2'], ports: ['80:80'] });
  });

  it.each([
    ['a mapping replaced by a list', 'x-meta:\n  a: 1', 'x-meta: [1]', 'compose.override.yaml:3:13'],
    ['a list replaced by a mapping', 'build:\n  context: .\n  ssh: [default]', 'build:\n  ssh:\n    default: /key', 'compose.override.yaml:5:9'],
  ])('reports %s as merge-conflict at the overriding value', (_name, base, over, where) => {
    const indent = (s: string) => s.replace(/^/gm, '    ');
    const result = load({
      'compose.yaml': `services:\n  app:\n    image: app\n${indent(base)}\n`,
      'compose.override.yaml': `services:\n  app:\n${indent(over)}\n`,
    });
    expect(codes(result, 'error')).toContain(`merge-conflict@${where}`);
    expect(result.project).toBeUndefined();
  });
});
