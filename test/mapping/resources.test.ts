import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { convert } from '../support/api-checks.js';
import { apiServerProblems } from '../support/kube-checks.js';
import { validateWithModels } from '../support/validate-models.js';

/** Converts service `app` with the given keys (indented 4 spaces). */
function run(body: string) {
  return convert({ 'compose.yaml': `services:\n  app:\n    image: example/app:1\n${body}` }, { workingDir: '/p', env: {} });
}

function resourcesOf(result: ReturnType<typeof run>): IContainer['resources'] {
  const workload = result.objects.find((o) => o.kind === 'Deployment');
  expect(workload, result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n')).toBeDefined();
  return (workload as unknown as { spec: { template: { spec: { containers: IContainer[] } } } }).spec.template.spec.containers[0]!.resources;
}

const where = (r: ReturnType<typeof run>) => r.diagnostics.map(({ code, severity, line, column }) => ({ code, severity, line, column }));

const deploy = (resources: string) => `    deploy:\n      resources:\n${resources}`;

describe('resources -> canonical quantities', () => {
  it.each([
    ['limits', deploy('        limits:\n          cpus: "0.5"\n          memory: 512M\n'), { limits: { cpu: '500m', memory: '512Mi' } }],
    ['reservations', deploy('        reservations:\n          cpus: 0.25\n          memory: 1.5g\n'), { requests: { cpu: '250m', memory: '1536Mi' } }],
    [
      'limits and reservations',
      deploy('        limits:\n          cpus: "2"\n          memory: 1gb\n        reservations:\n          cpus: "1"\n          memory: 256m\n'),
      { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '1', memory: '256Mi' } },
    ],
    ['bytes that are no whole KiB stay bytes', deploy('        limits:\n          memory: "1000000"\n'), { limits: { memory: '1000000' } }],
    ['a YAML number of bytes', '    mem_limit: 1073741824\n', { limits: { memory: '1Gi' } }],
    ['legacy mem_limit, cpus, mem_reservation', '    mem_limit: 2g\n    cpus: 1.5\n    mem_reservation: 1g\n', { limits: { memory: '2Gi', cpu: '1500m' }, requests: { memory: '1Gi' } }],
    ['a reservation without limit', '    mem_reservation: 64m\n', { requests: { memory: '64Mi' } }],
    ['0 is no limit, as in Docker', '    mem_limit: 0\n    cpus: 0\n', undefined],
    ['the same value in both places', `    mem_limit: 512m\n${deploy('        limits:\n          memory: 512M\n')}`, { limits: { memory: '512Mi' } }],
  ])('%s', (_name, body, expected) => {
    const r = run(body);
    expect(r.diagnostics).toEqual([]);
    expect(resourcesOf(r)).toEqual(expected);
  });

  it('emits a Deployment the API server accepts', () => {
    const r = run(`    cpu_shares: 256\n${deploy('        limits:\n          cpus: "1.5"\n          memory: 1.5g\n        reservations:\n          memory: 512m\n          devices:\n            - capabilities: [gpu]\n              count: 2\n')}`);
    expect(validateWithModels(r.objects)).toEqual([]);
    expect(apiServerProblems(r.objects)).toEqual([]);
  });
});

describe('approximations', () => {
  it('cpu_shares becomes the CPU request with the same weight', () => {
    const r = run('    cpu_shares: 512\n');
    expect(resourcesOf(r)).toEqual({ requests: { cpu: '500m' } });
    expect(where(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 4, column: 5 }]);
  });

  it('cpu_shares gives way to a CPU reservation, with a warning', () => {
    const r = run(`    cpu_shares: 512\n${deploy('        reservations:\n          cpus: "0.1"\n')}`);
    expect(resourcesOf(r)).toEqual({ requests: { cpu: '100m' } });
    expect(where(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 4, column: 5 }]);
    expect(r.diagnostics[0]!.message).toContain('left out');
  });

  it.each([
    ['cpu_quota with the default period', '    cpu_quota: 50000\n', '500m', [{ code: 'approximate', severity: 'warning', line: 4, column: 5 }]],
    [
      'cpu_quota / cpu_period',
      '    cpu_quota: 150000\n    cpu_period: 50000\n',
      '3',
      [
        { code: 'approximate', severity: 'warning', line: 4, column: 5 },
        { code: 'approximate', severity: 'warning', line: 5, column: 5 },
      ],
    ],
  ])('%s becomes the CPU limit', (_name, body, cpu, diagnostics) => {
    const r = run(body);
    expect(resourcesOf(r)).toEqual({ limits: { cpu } });
    expect(where(r)).toEqual(diagnostics);
  });

  it('rounds CPUs finer than a thousandth, with a warning at the value', () => {
    const r = run('    cpus: 0.0005\n');
    expect(resourcesOf(r)).toEqual({ limits: { cpu: '1m' } });
    expect(where(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 4, column: 11 }]);
  });

  it('lowers a CPU reservation above the limit to the limit, with a warning', () => {
    const r = run(deploy('        limits:\n          cpus: "0.5"\n        reservations:\n          cpus: "2"\n'));
    expect(resourcesOf(r)).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '500m' } });
    expect(where(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 9, column: 17 }]);
  });

  it('a reservation lowered to a limit finer than a thousandth is not reported as rounded itself', () => {
    const r = run(`    cpus: 0.0005\n${deploy('        reservations:\n          cpus: "2"\n')}`);
    expect(resourcesOf(r)).toEqual({ limits: { cpu: '1m' }, requests: { cpu: '1m' } });
    // One warning for rounding the limit (at 0.0005), one for lowering the reservation (at "2").
    expect(where(r)).toEqual([
      { code: 'approximate', severity: 'warning', line: 4, column: 11 },
      { code: 'approximate', severity: 'warning', line: 8, column: 17 },
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/cpus 0\.0005 becomes 1m/),
      expect.stringMatching(/the CPU reservation 2 is larger than the CPU limit 0\.0005; .* so it requests 1m$/),
    ]);
  });

  it.each([
    ['pids_limit', '    pids_limit: 100\n', [{ code: 'unsupported', severity: 'warning', line: 4, column: 5 }]],
    ['pids_limit: -1 (no limit)', '    pids_limit: -1\n', []],
    ['deploy.resources.limits.pids', deploy('        limits:\n          pids: 100\n'), [{ code: 'unsupported', severity: 'warning', line: 7, column: 11 }]],
    [
      'Swarm generic resources',
      deploy('        reservations:\n          generic_resources:\n            - discrete_resource_spec: {kind: ssd, value: 1}\n'),
      [{ code: 'unsupported', severity: 'warning', line: 7, column: 11 }],
    ],
    ['memswap_limit with swap', '    mem_limit: 1g\n    memswap_limit: 2g\n', [{ code: 'unsupported', severity: 'warning', line: 5, column: 5 }]],
    ['memswap_limit equal to mem_limit (no swap)', '    mem_limit: 1g\n    memswap_limit: 1g\n', []],
  ])('%s', (_name, body, diagnostics) => {
    expect(where(run(body))).toEqual(diagnostics);
  });
});

describe('errors, as Docker Compose reports them', () => {
  it.each([
    ['mem_limit and deploy.resources.limits.memory', `    mem_limit: 1g\n${deploy('        limits:\n          memory: 512m\n')}`, 4, 5],
    ['cpus and deploy.resources.limits.cpus', `    cpus: 1\n${deploy('        limits:\n          cpus: "2"\n')}`, 4, 5],
    ['mem_reservation and deploy.resources.reservations.memory', `    mem_reservation: 1g\n${deploy('        reservations:\n          memory: 512m\n')}`, 4, 5],
  ])('distinct values for %s', (_name, body, line, column) => {
    const r = run(body);
    expect(r.failed).toBe(true);
    expect(where(r)).toEqual([{ code: 'invalid-value', severity: 'error', line, column }]);
    expect(r.diagnostics[0]!.message).toContain("can't set distinct values");
  });

  it('a memory reservation above the limit', () => {
    const r = run('    mem_limit: 256m\n    mem_reservation: 1g\n');
    expect(where(r)).toEqual([{ code: 'invalid-value', severity: 'error', line: 5, column: 22 }]);
  });

  it('cpus together with cpu_quota', () => {
    const r = run('    cpus: 1\n    cpu_quota: 50000\n');
    expect(where(r)).toContainEqual({ code: 'invalid-value', severity: 'error', line: 5, column: 5 });
  });

  it('a size that is not a size, at the value', () => {
    const r = run('    mem_limit: lots\n');
    expect(where(r)).toEqual([{ code: 'invalid-value', severity: 'error', line: 4, column: 16 }]);
  });
});

describe('GPUs -> nvidia.com/gpu limits', () => {
  const devices = (items: string) => deploy(`        reservations:\n          devices:\n${items}`);

  it.each([
    ['a count', devices('            - driver: nvidia\n              count: 2\n              capabilities: [gpu]\n'), '2'],
    ['device requests add up', devices('            - capabilities: [gpu]\n              count: 1\n            - capabilities: [gpu, utility]\n              count: 3\n'), '4'],
    ['gpus with a count', '    gpus:\n      - count: 1\n', '1'],
  ])('%s', (_name, body, count) => {
    const r = run(body);
    expect(r.diagnostics).toEqual([]);
    expect(resourcesOf(r)).toEqual({ limits: { 'nvidia.com/gpu': count } });
  });

  it.each([
    ['count: all', devices('            - capabilities: [gpu]\n              count: all\n'), 9, 22],
    ['no count', devices('            - capabilities: [gpu]\n'), 8, 15],
    ['gpus: all', '    gpus: all\n', 4, 11],
  ])('%s becomes 1 GPU with a warning', (_name, body, line, column) => {
    const r = run(body);
    expect(resourcesOf(r)).toEqual({ limits: { 'nvidia.com/gpu': '1' } });
    expect(where(r)).toEqual([{ code: 'approximate', severity: 'warning', line, column }]);
  });

  it('driver options are not passed on, with a warning', () => {
    const r = run(devices('            - capabilities: [gpu]\n              count: 1\n              options: {virtualization: false}\n'));
    expect(resourcesOf(r)).toEqual({ limits: { 'nvidia.com/gpu': '1' } });
    expect(where(r)).toEqual([{ code: 'unsupported', severity: 'warning', line: 10, column: 15 }]);
  });

  it('device_ids become as many GPUs, with a warning', () => {
    const r = run(devices("            - capabilities: [gpu]\n              device_ids: ['0', '3']\n"));
    expect(resourcesOf(r)).toEqual({ limits: { 'nvidia.com/gpu': '2' } });
    expect(where(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 9, column: 15 }]);
  });

  it.each([
    ['a device without the gpu capability', devices('            - capabilities: [tpu]\n              count: 1\n'), 8, 15],
    ['another driver', devices('            - capabilities: [gpu]\n              driver: amd\n              count: 1\n'), 9, 15],
  ])('%s is not converted, with a warning', (_name, body, line, column) => {
    const r = run(body);
    expect(resourcesOf(r)).toBeUndefined();
    expect(where(r)).toEqual([{ code: 'unsupported', severity: 'warning', line, column }]);
  });
});
