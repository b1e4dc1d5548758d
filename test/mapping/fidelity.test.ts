import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/compose/parse.js';
import type { Project, Service } from '../../src/compose/model.js';
import type { YMap } from '../../src/compose/tree.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { MapContext, type ServiceDraft } from '../../src/mapping/context.js';
import type { Equivalence } from '../../src/mapping/equivalences/index.js';
import { checkProjectFidelity, checkServiceFidelity, fidelityFor, warnFidelity, type Lookup } from '../../src/mapping/fidelity.js';
import { convert } from '../support/api-checks.js';

const row = (key: string, fidelity: Equivalence['fidelity'], extra: Partial<Equivalence> = {}): Equivalence => ({
  key,
  target: 't',
  fidelity,
  explanation: 'e',
  ...(fidelity === 'exact' ? {} : { reason: `reason of ${key}`, instead: `instead of ${key}` }),
  docs: 'https://kubernetes.io/docs/',
  ...extra,
});

/** A small table of its own, so the walk is tested whatever the real rows say. */
const TABLE: Lookup = (key) =>
  new Map(
    [
      row('services.a', 'exact'),
      row('services.a.b', 'approximate'),
      row('services.a.c', 'exact'),
      row('services.a.c.d', 'unsupported'),
      row('services.u', 'unsupported'),
      row('services.u.x', 'unsupported'),
      row('services.m', 'exact', { values: { bad: { fidelity: 'unsupported', reason: 'bad value' }, 'svc:<name>': { fidelity: 'approximate', reason: 'shared' } } }),
      row('services.l', 'exact'),
      row('services.l.h', 'approximate'),
      row('services.networks', 'exact'),
      row('services.networks.mac_address', 'unsupported'),
      row('services.loaded', 'exact', { mappedBy: 'loader' }),
      row('services.later', 'exact'),
      row('version', 'exact'),
      row('models', 'unsupported'),
      row('networks', 'approximate'),
      row('networks.driver', 'approximate', { values: { bridge: { fidelity: 'exact' } } }),
      row('networks.ipam', 'unsupported'),
      row('volumes', 'exact'),
      row('volumes.driver_opts', 'unsupported'),
    ].map((r) => [r.key, r]),
  ).get(key);

function tree(text: string): YMap {
  const diags = new Diagnostics();
  const node = parseYaml({ path: 'compose.yaml', text }, diags);
  expect(diags.items).toEqual([]);
  return node as YMap;
}

/** Run the service pass over service "app" (the second line of `body` onwards, indented by 4). */
function serviceFindings(body: string, consumed: string[] = [], before?: (ctx: MapContext, svc: Service) => void) {
  const root = tree(`services:\n  app:\n${body}`);
  const node = (root.entries[0]!.value as YMap).entries[0]!.value as YMap;
  const svc = { name: 'app', node, loc: node.loc } as Service;
  const ctx = new MapContext({ name: 'p', node: root } as Project, {}, new Diagnostics());
  before?.(ctx, svc);
  checkServiceFidelity({ service: svc, consumed: new Set(consumed) } as unknown as ServiceDraft, ctx, TABLE);
  return ctx.diags.items.map((d) => ({ code: d.code, line: d.line, column: d.column, message: d.message, hint: d.hint }));
}

describe('the generic fidelity pass over a service', () => {
  it('warns once at the key, with the reason and what to do instead', () => {
    expect(serviceFindings('    u:\n      x: 1\n')).toEqual([
      { code: 'unsupported', line: 3, column: 5, message: 'service "app": u has no Kubernetes equivalent: reason of services.u', hint: 'instead of services.u' },
    ]);
  });

  it('walks into exact keys and stops at the first key that is not exact', () => {
    const found = serviceFindings('    a:\n      b: 1\n      c:\n        d: 2\n', ['a']);
    expect(found.map((f) => [f.code, f.line, f.column, f.message])).toEqual([
      ['approximate', 4, 7, 'service "app": a.b behaves differently in Kubernetes: reason of services.a.b'],
      ['unsupported', 6, 9, 'service "app": a.c.d has no Kubernetes equivalent: reason of services.a.c.d'],
    ]);
  });

  it('says nothing about exact keys', () => {
    expect(serviceFindings('    a:\n      c: {}\n', ['a'])).toEqual([]);
  });

  it.each([
    ['bad', 'unsupported', 'service "app": m: "bad" has no Kubernetes equivalent: bad value', undefined],
    ['svc:db', 'approximate', 'service "app": m: "svc:db" behaves differently in Kubernetes: shared', undefined],
  ])('judges a value-dependent key by its value %s', (value, code, message, hint) => {
    expect(serviceFindings(`    m: "${value}"\n`, ['m'])).toEqual([{ code, line: 3, column: 5, message, hint }]);
  });

  it('says nothing for a value without an entry of its own in an exact row', () => {
    expect(serviceFindings('    m: fine\n', ['m'])).toEqual([]);
  });

  it('reports a key found in several list items once, at the first, with a count', () => {
    const found = serviceFindings('    l:\n      - h: 1\n      - h: 2\n', ['l']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'approximate', line: 4, column: 9, message: 'service "app": l.h (2 times) behaves differently in Kubernetes: reason of services.l.h' });
  });

  it('steps over names the user chose, and names them in the message', () => {
    const found = serviceFindings('    networks:\n      front:\n        mac_address: x\n', ['networks']);
    expect(found).toMatchObject([{ code: 'unsupported', line: 5, column: 9, message: expect.stringContaining('networks.front.mac_address has no') }]);
  });

  it('warns once per named element, at each one', () => {
    const found = serviceFindings('    networks:\n      front:\n        mac_address: x\n      back:\n        mac_address: y\n', ['networks']);
    expect(found.map((f) => [f.code, f.line, f.column, f.message.split(' has')[0]])).toEqual([
      ['unsupported', 5, 9, 'service "app": networks.front.mac_address'],
      ['unsupported', 7, 9, 'service "app": networks.back.mac_address'],
    ]);
  });

  it.each([['    u: []\n'], ['    u: {}\n'], ['    u:\n']])('says nothing about an empty value, which asks for nothing: %j', (body) => {
    expect(serviceFindings(body)).toEqual([]);
  });

  it('reports keys without a row, and keys with one that nothing converted, as unmapped', () => {
    expect(serviceFindings('    mystery: 1\n    later: 2\n    a: {}\n')).toEqual([
      { code: 'unmapped-key', line: 3, column: 5, message: 'service "app": "mystery" is not converted to Kubernetes yet', hint: undefined },
      { code: 'unmapped-key', line: 4, column: 5, message: 'service "app": "later" is not converted to Kubernetes yet', hint: undefined },
      { code: 'unmapped-key', line: 5, column: 5, message: 'service "app": "a" is not converted to Kubernetes yet', hint: undefined },
    ]);
  });

  it('trusts rows converted by the loader, and transforms that handled a key', () => {
    expect(serviceFindings('    loaded: 1\n    mystery: 1\n', ['mystery'])).toEqual([]);
  });

  it('ignores x- keys (x-kubernetes has its own validation)', () => {
    expect(serviceFindings('    x-kubernetes: {workload: Pod}\n    x-notes: hi\n')).toEqual([]);
  });

  it('leaves a key alone that a transform judged itself', () => {
    const found = serviceFindings('    u: 1\n', [], (ctx, svc) => warnFidelity(ctx, svc, 'services.u', svc.node.loc, { detail: 'situational' }));
    expect(found.map((f) => f.code)).toEqual(['unsupported']);
    expect(found[0]!.message).toContain('(situational)');
  });
});

describe('the generic fidelity pass over the top level', () => {
  function projectFindings(text: string) {
    const root = tree(text);
    const ctx = new MapContext({ name: 'shop', node: root } as Project, {}, new Diagnostics());
    checkProjectFidelity(ctx, TABLE);
    return ctx.diags.items.map((d) => [d.code, d.line, d.column, d.message]);
  }

  it('warns about sections and about the keys of each named element', () => {
    const text = [
      'version: "3.8"',
      'services: {}',
      'networks:',
      '  front:',
      '    driver: macvlan',
      '    ipam: {config: [{subnet: 10.0.0.0/24}]}',
      '  back:',
      '    driver: bridge',
      'volumes:',
      '  data:',
      '    driver_opts: {type: nfs}',
      'models:',
      '  llm: {model: ai/smollm2}',
      'x-anchors: {a: 1}',
      'frobnicate: 1',
      '',
    ].join('\n');
    expect(projectFindings(text)).toEqual([
      ['approximate', 3, 1, 'project "shop": networks behaves differently in Kubernetes: reason of networks'],
      ['unsupported', 12, 1, 'project "shop": models has no Kubernetes equivalent: reason of models'],
      ['unmapped-key', 15, 1, 'project "shop": "frobnicate" is not converted to Kubernetes yet'],
      ['approximate', 5, 5, 'network "front": driver: "macvlan" behaves differently in Kubernetes: reason of networks.driver'],
      ['unsupported', 6, 5, 'network "front": ipam has no Kubernetes equivalent: reason of networks.ipam'],
      ['unsupported', 11, 5, 'volume "data": driver_opts has no Kubernetes equivalent: reason of volumes.driver_opts'],
    ]);
  });
});

describe('fidelityFor', () => {
  const r = row('services.p', 'exact', { values: { 'every_<duration>': { fidelity: 'approximate', reason: 'r', instead: 'i' }, 'a.b': { fidelity: 'unsupported', reason: 'dot' } } });

  it.each([
    [undefined, 'exact'],
    ['every_12h', 'approximate'],
    ['every_', 'exact'],
    ['a.b', 'unsupported'],
    ['axb', 'exact'],
  ])('%s -> %s', (value, fidelity) => {
    expect(fidelityFor(r, value).fidelity).toBe(fidelity);
  });
});

describe('fidelity warnings of a converted project', () => {
  const run = (service: string, top = '') =>
    convert({ 'compose.yaml': `services:\n  app:\n    image: nginx\n${service}${top}` }, { workingDir: '/p', env: {} }).diagnostics.filter((d) =>
      ['approximate', 'unsupported', 'unmapped-key'].includes(d.code),
    );

  it('warns about an unsupported service key at its position, with its row', () => {
    expect(run('    blkio_config:\n      weight: 300\n')).toEqual([
      {
        code: 'unsupported',
        severity: 'warning',
        message: 'service "app": blkio_config has no Kubernetes equivalent: Kubernetes has no per-container block I/O weight or bandwidth limit',
        file: 'compose.yaml',
        line: 4,
        column: 5,
        hint: 'choose a StorageClass whose volumes have the IOPS or throughput you need (x-kubernetes storageClassName on the volume)',
        subject: { section: 'services', name: 'app' },
      },
    ]);
  });

  it.each([
    ['    cgroup: private\n', []],
    ['    cgroup: host\n', [['unsupported', 'service "app": cgroup: "host" has no Kubernetes equivalent']]],
    ['    userns_mode: host\n', []],
    ['    attach: false\n', [['approximate', 'service "app": attach: "false" behaves differently in Kubernetes']]],
    ['    attach: true\n', []],
  ])('judges %j by its value', (service, expected) => {
    expect(run(service).map((d) => [d.code, d.message.split(':').slice(0, d.message.includes(': "') ? 3 : 2).join(':')])).toEqual(expected);
  });

  it('warns about top-level models once', () => {
    const found = run('', 'models:\n  llm:\n    model: ai/smollm2\n');
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['unsupported', 4, 1]]);
  });
});

describe('keys under names the user chose, with the real table', () => {
  const run = (service: string, top = '') =>
    convert({ 'compose.yaml': `services:\n  app:\n    image: nginx\n${service}  db:\n    image: postgres\n${top}` }, { workingDir: '/p', env: {} })
      .diagnostics.filter((d) => ['approximate', 'unsupported', 'unmapped-key'].includes(d.code) && d.message.startsWith('service "app"'))
      .map((d) => [d.code, d.line, d.column, d.message.replace(/ (has no Kubernetes equivalent|behaves differently in Kubernetes): .*/, '')]);

  it('judges depends_on.<name> keys once: the dependency transform warns, the generic pass stays quiet', () => {
    expect(run('    depends_on:\n      db: {condition: service_started, restart: true}\n')).toEqual([['approximate', 5, 40, 'service "app": depends_on.db.restart: "true"']]);
  });

  it('warns about a fixed address on a service network, naming the network', () => {
    expect(run('    networks:\n      front: {ipv4_address: 10.0.0.5, aliases: [web]}\n', 'networks:\n  front: {}\n')).toEqual([
      ['unsupported', 5, 15, 'service "app": networks.front.ipv4_address'],
    ]);
  });

  it('judges the keys of long-syntax volume and secret items', () => {
    const service = [
      '    volumes:',
      '      - {type: volume, source: data, target: /data, volume: {nocopy: false}}',
      '    secrets:',
      '      - {source: token, uid: "1000"}',
      '',
    ].join('\n');
    expect(run(service, 'volumes:\n  data: {}\nsecrets:\n  token: {environment: TOKEN}\n')).toEqual([
      ['approximate', 5, 62, 'service "app": volumes.volume.nocopy: "false"'],
      ['approximate', 7, 25, 'service "app": secrets.uid'],
    ]);
  });

  it('reports ulimits once, whatever names it holds', () => {
    expect(run('    ulimits:\n      nofile: {soft: 1024, hard: 2048}\n      nproc: 512\n')).toEqual([['unsupported', 4, 5, 'service "app": ulimits']]);
  });
});

describe('written values that ask for what Docker does anyway', () => {
  const run = (service: string, top = '') =>
    convert({ 'compose.yaml': `services:\n  app:\n    image: nginx\n${service}${top}` }, { workingDir: '/p', env: {} }).diagnostics.filter((d) =>
      ['approximate', 'unsupported', 'unmapped-key', 'invalid-value'].includes(d.code),
    );

  it.each([
    'oom_kill_disable: false',
    'privileged: false',
    'read_only: false',
    'init: false',
    'tty: false',
    'stdin_open: false',
    'attach: true',
    'use_api_socket: false',
    'oom_score_adj: 0',
    'cpu_count: 0',
    'cpu_percent: 0',
    'runtime: runc',
    'isolation: default',
    'cgroup: private',
    'pids_limit: -1',
    'devices: []',
    'external_links: []',
    'deploy: {placement: {max_replicas_per_node: 0}}',
    'networks: {default: {gw_priority: 0}}',
  ])('%s does not warn', (line) => {
    expect(run(`    ${line}\n`)).toEqual([]);
  });

  it.each([
    ['init: true', 'unsupported'],
    ['oom_kill_disable: true', 'unsupported'],
    ['oom_score_adj: 500', 'unsupported'],
    ['runtime: runsc', 'unsupported'],
  ])('%s still warns', (line, code) => {
    expect(run(`    ${line}\n`).map((d) => [d.code, d.line, d.column])).toEqual([[code, 4, 5]]);
  });

  it.each([
    ['external: false', []],
    ['enable_ipv4: true', []],
    ['enable_ipv6: false', []],
    ['enable_ipv6: true', [['approximate', 7, 5]]],
  ])('network %s', (line, expected) => {
    expect(run('    networks: [default]\n', `networks:\n  default:\n    ${line}\n`).map((d) => [d.code, d.line, d.column])).toEqual(expected);
  });
});

describe('the fidelity a field comment shows', () => {
  const text = (service: string) => convert({ 'compose.yaml': `services:\n  app:\n    image: nginx\n${service}` }, { workingDir: '/p', env: {} }).text;

  it.each([
    ['restart: "no" on a Deployment, which restarts it anyway', '    restart: "no"\n', 'restart <- compose.yaml:4:5 (approximate)'],
    ['restart: "no" on a Job, which does not', '    restart: "no"\n    x-kubernetes: {workload: Job}\n', 'restart <- compose.yaml:4:5 (exact)'],
    ['restart: always on a Deployment', '    restart: always\n', 'restart <- compose.yaml:4:5 (exact)'],
    ['restart: always on a Job, which cannot restart a run that succeeded', '    restart: always\n    x-kubernetes: {workload: Job}\n', 'restart <- compose.yaml:4:5 (approximate)'],
    ['restart: on-failure:3 on a Job', '    restart: on-failure:3\n    x-kubernetes: {workload: Job}\n', 'restart <- compose.yaml:4:5 (exact)'],
    ['pull_policy: daily', '    pull_policy: daily\n', 'pull_policy <- compose.yaml:4:5 (approximate)'],
    ['pull_policy: always', '    pull_policy: always\n', 'pull_policy <- compose.yaml:4:5 (exact)'],
    ['max_replicas_per_node: 1, exact where the row is approximate', '    deploy: {placement: {max_replicas_per_node: 1}}\n', 'deploy.placement.max_replicas_per_node <- compose.yaml:4:26 (exact)'],
    ['max_replicas_per_node: 2', '    deploy: {replicas: 3, placement: {max_replicas_per_node: 2}}\n', 'deploy.placement.max_replicas_per_node <- compose.yaml:4:39 (approximate)'],
    ['a seccomp profile file', '    security_opt: ["seccomp=web.json"]\n', 'security_opt.seccomp <- compose.yaml:4:20 (approximate)'],
    ['deploy.mode: global-job', '    deploy: {mode: global-job}\n', 'deploy.mode <- compose.yaml:4:14 (approximate)'],
    ['deploy.mode: global', '    deploy: {mode: global}\n', 'deploy.mode <- compose.yaml:4:14 (exact)'],
  ])('%s', (_, service, comment) => {
    expect(text(service)).toContain(`# ${comment}: `);
  });
});
