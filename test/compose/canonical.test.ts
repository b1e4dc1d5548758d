import { describe, expect, it } from 'vitest';
import { canonicalProject, goDuration } from '../../src/compose/canonical.js';
import { memoryReader } from '../../src/compose/host.js';
import { loadProject } from '../../src/compose/load.js';

/** Load an in-memory project in /work/shop and print it canonically. */
function config(compose: string, files: Record<string, string> = {}, env: Record<string, string> = {}): Record<string, unknown> {
  const loaded = loadProject({ reader: memoryReader({ 'compose.yaml': compose, ...files }, '/work/shop'), workingDir: '/work/shop', env });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
  return canonicalProject(loaded.project!);
}

function service(compose: string, files?: Record<string, string>, env?: Record<string, string>): Record<string, unknown> {
  const services = config(compose, files, env).services as Record<string, Record<string, unknown>>;
  return services.web ?? Object.values(services)[0]!;
}

const web = (body: string) => `services:\n  web:\n    image: nginx\n${body}`;

describe('canonicalProject: service fields in long form', () => {
  it.each<[string, string, string, unknown]>([
    ['short port', web('    ports: ["8080:80"]\n'), 'ports', [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]],
    ['container port only', web('    ports: ["9000/udp"]\n'), 'ports', [{ mode: 'ingress', target: 9000, protocol: 'udp' }]],
    ['port with host ip', web('    ports: ["127.0.0.1:8443:443"]\n'), 'ports', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 443, published: '8443', protocol: 'tcp' }]],
    [
      'port range',
      web('    ports: ["7000-7001:8000-8001"]\n'),
      'ports',
      [
        { mode: 'ingress', target: 8000, published: '7000', protocol: 'tcp' },
        { mode: 'ingress', target: 8001, published: '7001', protocol: 'tcp' },
      ],
    ],
    ['long port, published as a string', web('    ports:\n      - target: 80\n        published: 8080\n        name: http\n'), 'ports', [{ name: 'http', mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]],
    ['named volume', web('    volumes: ["data:/var/lib/data"]\nvolumes:\n  data:\n'), 'volumes', [{ type: 'volume', source: 'data', target: '/var/lib/data', volume: {} }]],
    ['anonymous volume', web('    volumes: ["/cache"]\n'), 'volumes', [{ type: 'volume', target: '/cache', volume: {} }]],
    ['bind mount, read-only', web('    volumes: ["./conf:/etc/app:ro"]\n'), 'volumes', [{ type: 'bind', source: '/work/shop/conf', target: '/etc/app', read_only: true, bind: { create_host_path: true } }]],
    [
      'long volume without options',
      web('    volumes:\n      - type: volume\n        source: data\n        target: /d\nvolumes:\n  data:\n'),
      'volumes',
      [{ type: 'volume', source: 'data', target: '/d' }],
    ],
    ['nocopy', web('    volumes: ["data:/d:nocopy"]\nvolumes:\n  data:\n'), 'volumes', [{ type: 'volume', source: 'data', target: '/d', volume: { nocopy: true } }]],
    ['command string', web('    command: npm run "start server"\n'), 'command', ['npm', 'run', 'start server']],
    ['entrypoint list', web('    entrypoint: ["/bin/sh", "-c"]\n'), 'entrypoint', ['/bin/sh', '-c']],
    ['empty command', web('    command: []\n'), 'command', []],
    ['healthcheck string', web('    healthcheck:\n      test: curl -f http://localhost\n      interval: 90s\n      retries: 3\n'), 'healthcheck', { test: ['CMD-SHELL', 'curl -f http://localhost'], interval: '1m30s', retries: 3 }],
    ['healthcheck timings', web('    healthcheck:\n      test: ["CMD", "true"]\n      timeout: 1h\n      start_period: 500ms\n'), 'healthcheck', { test: ['CMD', 'true'], timeout: '1h0m0s', start_period: '500ms' }],
    ['depends_on list', 'services:\n  web:\n    image: a\n    depends_on: [db]\n  db:\n    image: b\n', 'depends_on', { db: { condition: 'service_started', required: true } }],
    [
      'depends_on long',
      'services:\n  web:\n    image: a\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n        required: false\n  db:\n    image: b\n',
      'depends_on',
      { db: { condition: 'service_healthy', restart: true, required: false } },
    ],
    // compose-go gives the short secret syntax its default target and prints it; a written target prints as written.
    ['secret short', web('    secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n'), 'secrets', [{ source: 'token', target: '/run/secrets/token' }]],
    ['secret with a written default target', web('    secrets:\n      - source: token\n        target: /run/secrets/token\n      - source: token\n        target: other\nsecrets:\n  token:\n    file: ./token.txt\n'), 'secrets', [{ source: 'token', target: '/run/secrets/token' }, { source: 'token', target: 'other' }]],
    ['config with a written default target', web('    configs:\n      - source: nginx\n        target: /nginx\nconfigs:\n  nginx:\n    file: ./nginx.conf\n'), 'configs', [{ source: 'nginx', target: '/nginx' }]],
    [
      'secret long',
      web('    secrets:\n      - source: token\n        target: api_token\n        uid: "1000"\n        mode: 0o440\nsecrets:\n  token:\n    file: ./token.txt\n'),
      'secrets',
      [{ source: 'token', target: 'api_token', uid: '1000', mode: '0440' }],
    ],
    ['config short', web('    configs: [nginx]\nconfigs:\n  nginx:\n    file: ./nginx.conf\n'), 'configs', [{ source: 'nginx' }]],
    ['config with a target', web('    configs:\n      - source: nginx\n        target: /etc/nginx/nginx.conf\nconfigs:\n  nginx:\n    file: ./nginx.conf\n'), 'configs', [{ source: 'nginx', target: '/etc/nginx/nginx.conf' }]],
    ['no networks: the default network', web(''), 'networks', { default: null }],
    ['network list', web('    networks: [front]\nnetworks:\n  front:\n'), 'networks', { front: null }],
    ['network with aliases', web('    networks:\n      back:\n        aliases: [api]\nnetworks:\n  back:\n'), 'networks', { back: { aliases: ['api'] } }],
    ['network_mode: no networks', web('    network_mode: host\n'), 'networks', undefined],
    ['memory as bytes', web('    mem_limit: 512m\n'), 'mem_limit', '536870912'],
    // compose-go reads every byte-size field as UnitBytes (docker compose config prints 640kb as "655360").
    ['memswap_limit as bytes', web('    memswap_limit: 640kb\n'), 'memswap_limit', '655360'],
    ['memswap_limit -1 (unlimited) kept', web('    memswap_limit: -1\n'), 'memswap_limit', '-1'],
    ['shm_size as bytes', web('    shm_size: 64m\n'), 'shm_size', '67108864'],
    ['blkio rates as bytes', web('    blkio_config:\n      weight: 300\n      device_read_bps:\n        - path: /dev/sda\n          rate: 1mb\n      device_write_bps:\n        - path: /dev/sda\n          rate: 1024k\n'), 'blkio_config', { weight: 300, device_read_bps: [{ path: '/dev/sda', rate: '1048576' }], device_write_bps: [{ path: '/dev/sda', rate: '1048576' }] }],
    // compose-go keeps the tmpfs entries as written, options and target (it does not clean this one).
    ['tmpfs keeps its options', web('    tmpfs: ["/run:rw,noexec,nosuid,size=64m", /tmp/]\n'), 'tmpfs', ['/run:rw,noexec,nosuid,size=64m', '/tmp/']],
    ['a tmpfs volume size as bytes', web('    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          size: 10m\n'), 'volumes', [{ type: 'tmpfs', target: '/t', tmpfs: { size: '10485760' } }]],
    ['stop_grace_period', web('    stop_grace_period: 90s\n'), 'stop_grace_period', '1m30s'],
    // Observed with docker compose config: expose keeps its protocol suffix, ulimits keep the form they are written in.
    ['expose keeps its protocol as written', web('    expose: ["6767/tcp", "80", "53/udp", 9000]\n'), 'expose', ['6767/tcp', '80', '53/udp', '9000']],
    ['ulimits in the form written', web('    ulimits:\n      nofile: 262144\n      nproc: {soft: 5, hard: 5}\n      core: {soft: 1, hard: 2}\n'), 'ulimits', { core: { soft: 1, hard: 2 }, nofile: 262144, nproc: { soft: 5, hard: 5 } }],
    ['an empty platform is no platform', web('    platform: ""\n'), 'platform', undefined],
    ['booleans only when true', web('    read_only: false\n    tty: true\n'), 'read_only', undefined],
    ['tty', web('    tty: true\n'), 'tty', true],
    ['extra_hosts sorted as host=ip', web('    extra_hosts: ["b.local:10.0.0.2", "a.local=10.0.0.1"]\n'), 'extra_hosts', ['a.local=10.0.0.1', 'b.local=10.0.0.2']],
    ['labels as a sorted map', web('    labels: [z=1, a=2]\n'), 'labels', { a: '2', z: '1' }],
    ['scale', web('    scale: 3\n'), 'scale', 3],
    ['deploy', web('    deploy:\n      replicas: 2\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 1g\n'), 'deploy', { replicas: 2, resources: { limits: { cpus: 0.5, memory: '1073741824' } } }],
    ['a key the model does not know, as written', web('    logging:\n      driver: json-file\n'), 'logging', { driver: 'json-file' }],
    ['build short', 'services:\n  web:\n    build: ./app\n', 'build', { context: '/work/shop/app', dockerfile: 'Dockerfile' }],
    ['build shm_size as bytes', 'services:\n  web:\n    build:\n      context: .\n      shm_size: 2g\n', 'build', { context: '/work/shop', dockerfile: 'Dockerfile', shm_size: '2147483648' }],
    ['build long keeps its other keys', 'services:\n  web:\n    build:\n      context: .\n      args: [B=2, A=1]\n      cache_from: [x]\n', 'build', { context: '/work/shop', dockerfile: 'Dockerfile', args: { A: '1', B: '2' }, cache_from: ['x'] }],
  ])('%s', (_what, compose, key, expected) => {
    expect(service(compose, { 'token.txt': 'tok', 'nginx.conf': 'events {}' })[key]).toEqual(expected);
  });

  it('prints fields in the order docker compose config does', () => {
    const s = service(web('    x-team: core\n    working_dir: /app\n    ports: ["80"]\n    environment: [A=1]\n    command: run\n'));
    expect(Object.keys(s)).toEqual(['command', 'environment', 'image', 'networks', 'ports', 'working_dir', 'x-team']);
  });
});

describe('canonicalProject: environment', () => {
  it.each<[string, string, Record<string, string>, Record<string, string>, unknown]>([
    ['a list becomes a sorted map', web('    environment: [Z=last, A=first]\n'), {}, {}, { A: 'first', Z: 'last' }],
    ['env_file variables are merged in', web('    env_file: web.env\n'), { 'web.env': 'FROM_FILE=1\n' }, {}, { FROM_FILE: '1' }],
    ['environment wins over env_file', web('    env_file: web.env\n    environment:\n      MODE: env\n'), { 'web.env': 'MODE=file\nOTHER=file\n' }, {}, { MODE: 'env', OTHER: 'file' }],
    ['later env_file wins', web('    env_file: [a.env, b.env]\n'), { 'a.env': 'X=a\n', 'b.env': 'X=b\n' }, {}, { X: 'b' }],
    ['a name without value comes from the environment', web('    environment: [USER]\n'), {}, { USER: 'ada' }, { USER: 'ada' }],
    ['a name without value from .env', web('    environment: [TAG]\n'), { '.env': 'TAG=v1\n' }, {}, { TAG: 'v1' }],
    ['a name without value that is unset is null', web('    environment: [NOPE]\n'), {}, {}, { NOPE: null }],
    ['an unset name still overrides env_file', web('    env_file: a.env\n    environment: [X]\n'), { 'a.env': 'X=file\n' }, {}, { X: null }],
    ['interpolated values', web('    environment:\n      URL: "http://${HOST:-localhost}:${PORT}"\n'), { '.env': 'PORT=8080\n' }, {}, { URL: 'http://localhost:8080' }],
    ['$$ is a literal dollar', web('    environment:\n      PRICE: "$$5"\n'), {}, {}, { PRICE: '$5' }],
  ])('%s', (_what, compose, files, env, expected) => {
    expect(service(compose, files, env).environment).toEqual(expected);
  });
});

describe('canonicalProject: the project', () => {
  it('prints name, services sorted, then networks, volumes, secrets, configs and extensions', () => {
    const out = config(
      [
        'x-common: &c {restart: always}',
        'services:',
        '  zeta: {image: z}',
        '  alpha: {image: a, volumes: ["cache:/c"], secrets: [pw], configs: [site]}',
        'volumes:',
        '  cache:',
        'secrets:',
        '  pw: {file: ./pw.txt}',
        'configs:',
        '  site: {content: "hello"}',
        '',
      ].join('\n'),
      { 'pw.txt': 'hunter2' },
    );
    expect(Object.keys(out)).toEqual(['name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'x-common']);
    expect(Object.keys(out.services as object)).toEqual(['alpha', 'zeta']);
    expect(out.name).toBe('shop');
    expect(out.networks).toEqual({ default: { name: 'shop_default' } });
    expect(out.volumes).toEqual({ cache: { name: 'shop_cache' } });
    expect(out.secrets).toEqual({ pw: { name: 'shop_pw', file: '/work/shop/pw.txt' } });
    expect(out.configs).toEqual({ site: { name: 'shop_site', content: 'hello' } });
    expect(out['x-common']).toEqual({ restart: 'always' });
    expect(JSON.stringify(out)).not.toContain('hunter2');
  });

  it.each<[string, string, string, unknown]>([
    ['volume with its own name', 'services: {a: {image: a, volumes: [data:/d]}}\nvolumes:\n  data: {name: shared-data}\n', 'volumes', { data: { name: 'shared-data' } }],
    ['external volume', 'services: {a: {image: a, volumes: [data:/d]}}\nvolumes:\n  data: {external: true}\n', 'volumes', { data: { name: 'data', external: true } }],
    ['volume driver options', 'services: {a: {image: a, volumes: [data:/d]}}\nvolumes:\n  data: {driver: local, driver_opts: {type: tmpfs}}\n', 'volumes', { data: { name: 'shop_data', driver: 'local', driver_opts: { type: 'tmpfs' } } }],
    ['custom network', 'services: {a: {image: a, networks: [back]}}\nnetworks:\n  back: {internal: true}\n', 'networks', { back: { name: 'shop_back', internal: true } }],
    ['external network', 'services: {a: {image: a, networks: [edge]}}\nnetworks:\n  edge: {external: true}\n', 'networks', { edge: { name: 'edge', external: true } }],
    ['network ipam kept', 'services: {a: {image: a, networks: [n]}}\nnetworks:\n  n:\n    ipam: {config: [{subnet: 10.5.0.0/16}]}\n', 'networks', { n: { name: 'shop_n', ipam: { config: [{ subnet: '10.5.0.0/16' }] } } }],
    ['secret from the environment prints the name only', 'services: {a: {image: a, secrets: [key]}}\nsecrets:\n  key: {environment: API_KEY}\n', 'secrets', { key: { name: 'shop_key', environment: 'API_KEY' } }],
    ['external secret', 'services: {a: {image: a, secrets: [key]}}\nsecrets:\n  key: {external: true}\n', 'secrets', { key: { name: 'key', external: true } }],
  ])('%s', (_what, compose, section, expected) => {
    expect(config(compose, {}, { API_KEY: 's3cr3t' })[section]).toEqual(expected);
  });

  it('never prints the value of a secret that comes from a variable', () => {
    expect(JSON.stringify(config('services: {a: {image: a, secrets: [key]}}\nsecrets:\n  key: {environment: API_KEY}\n', {}, { API_KEY: 's3cr3t' }))).not.toContain('s3cr3t');
  });

  it('does not add the default network when every service has its own', () => {
    expect(config('services: {a: {image: a, networks: [n]}}\nnetworks: {n: {}}\n').networks).toEqual({ n: { name: 'shop_n' } });
  });
});

describe('goDuration', () => {
  it.each([
    ['30s', '30s'],
    ['90s', '1m30s'],
    ['1h', '1h0m0s'],
    ['1h30m', '1h30m0s'],
    ['2m', '2m0s'],
    ['1.5s', '1.5s'],
    ['500ms', '500ms'],
    ['1500ms', '1.5s'],
    ['250us', '250µs'],
    ['10ns', '10ns'],
    ['0', '0s'],
    ['0s', '0s'],
    ['1m0.25s', '1m0.25s'],
    ['soon', 'soon'],
    ['10', '10'],
  ])('%s -> %s', (text, expected) => {
    expect(goDuration(text)).toBe(expected);
  });
});

/** Mount paths as compose-go reads them (observed with `docker compose config`). */
describe('canonicalProject: mount paths', () => {
  it('cleans mount targets, so two spellings of one target are one mount, the later winning in the first place', () => {
    const s = service(web('    volumes: ["./a:/data/", "./b:/data", "cache:/srv//x/./y/"]\nvolumes:\n  cache: {}\n'));
    expect(s.volumes).toEqual([
      { type: 'bind', source: '/work/shop/b', target: '/data', bind: { create_host_path: true } },
      { type: 'volume', source: 'cache', target: '/srv/x/y', volume: {} },
    ]);
  });

  it('cleans a long-syntax target and a relative bind source, prints an absolute source as written', () => {
    const s = service(web('    volumes:\n      - type: bind\n        source: /c/../d/\n        target: /t2/./\n      - "/var/www/html/:/html/"\n      - ./x/../y/:/y\n'));
    expect(s.volumes).toEqual([
      { type: 'bind', source: '/c/../d/', target: '/t2' },
      { type: 'bind', source: '/var/www/html/', target: '/html', bind: { create_host_path: true } },
      { type: 'bind', source: '/work/shop/y', target: '/y', bind: { create_host_path: true } },
    ]);
  });

  it('refuses a short volume with too many colons ("invalid spec: ...: too many colons")', () => {
    const loaded = loadProject({ reader: memoryReader({ 'compose.yaml': web('    volumes: ["/foo:/foo:ro:foo"]\n') }, '/work/shop'), workingDir: '/work/shop', env: {} });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toEqual([['invalid-value', 4, 15]]);
    expect(loaded.project).toBeUndefined();
  });
});

/** compose-go adds the dependencies links, volumes_from and `service:` modes imply to depends_on (observed with `docker compose config`). */
describe('canonicalProject: implied dependencies', () => {
  it('prints them under depends_on, an explicit entry winning', () => {
    const services = config('services:\n  a:\n    image: x\n    network_mode: service:b\n    volumes_from: [c]\n    ipc: service:d\n    links: [f, "e:alias"]\n    depends_on:\n      f: {condition: service_healthy}\n  b: {image: x}\n  c: {image: x}\n  d: {image: x}\n  e: {image: x}\n  f: {image: x}\n').services as Record<string, Record<string, unknown>>;
    expect(services.a!.depends_on).toEqual({
      b: { condition: 'service_started', restart: true, required: true },
      c: { condition: 'service_started', required: true },
      d: { condition: 'service_started', restart: true, required: true },
      e: { condition: 'service_started', restart: true, required: true },
      f: { condition: 'service_healthy', required: true },
    });
  });
});
