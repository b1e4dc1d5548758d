import { describe, expect, it } from 'vitest';
import { compose, diags, expectValid, notePaths, podSpec, run, workload } from './workloads-support.js';

const CP = 'node-role.kubernetes.io/control-plane';
const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'app', 'app.kubernetes.io/part-of': 'p' } };

/** One constraint on line 7, column 11. */
function constrained(...constraints: string[]): string {
  return compose('services:', '  app:', '    image: app', '    deploy:', '      placement:', '        constraints:', ...constraints.map((c) => `          - ${JSON.stringify(c)}`));
}

function findings(yaml: string): string[] {
  return run(yaml)
    .diagnostics.filter((d) => ['approximate', 'unsupported', 'invalid-value'].includes(d.code))
    .map((d) => `${d.code} ${d.line}:${d.column}`);
}

const required = (...matchExpressions: unknown[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } });

describe('deploy.placement.constraints', () => {
  it.each([
    ['a node label', ['node.labels.disk == ssd'], { nodeSelector: { disk: 'ssd' } }, []],
    ['a node label without spaces', ['node.labels.disk==ssd'], { nodeSelector: { disk: 'ssd' } }, []],
    ['the hostname', ['node.hostname == worker-1'], { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' } }, []],
    ['the OS', ['node.platform.os == linux'], { nodeSelector: { 'kubernetes.io/os': 'linux' } }, []],
    ['the architecture in Docker\'s words', ['node.platform.arch == x86_64'], { nodeSelector: { 'kubernetes.io/arch': 'amd64' } }, []],
    ['aarch64', ['node.platform.arch == aarch64'], { nodeSelector: { 'kubernetes.io/arch': 'arm64' } }, []],
    ['!=', ['node.labels.zone != east'], { affinity: required({ key: 'zone', operator: 'NotIn', values: ['east'] }) }, []],
    [
      'managers',
      ['node.role == manager'],
      { affinity: required({ key: CP, operator: 'Exists' }), tolerations: [{ key: CP, operator: 'Exists', effect: 'NoSchedule' }] },
      ['approximate 7:13'],
    ],
    ['workers', ['node.role == worker'], { affinity: required({ key: CP, operator: 'DoesNotExist' }) }, ['approximate 7:13']],
    ['not managers', ['node.role != manager'], { affinity: required({ key: CP, operator: 'DoesNotExist' }) }, ['approximate 7:13']],
    ['a node ID', ['node.id == 2ivku8v2gvtg4'], {}, ['unsupported 7:13']],
    ['an engine label', ['engine.labels.operatingsystem == ubuntu'], {}, ['unsupported 7:13']],
    ['an invalid node label value', ['node.labels.team == data science'], {}, ['unsupported 7:13']],
    [
      'two values for one label',
      ['node.labels.zone == a', 'node.labels.zone == b'],
      { nodeSelector: { zone: 'a' }, affinity: required({ key: 'zone', operator: 'In', values: ['b'] }) },
      [],
    ],
    [
      'several kinds at once',
      ['node.labels.disk == ssd', 'node.platform.os == linux', 'node.labels.zone != east'],
      { nodeSelector: { disk: 'ssd', 'kubernetes.io/os': 'linux' }, affinity: required({ key: 'zone', operator: 'NotIn', values: ['east'] }) },
      [],
    ],
  ])('%s', (_what, constraints, expected, warnings) => {
    const yaml = constrained(...constraints);
    const result = run(yaml);
    expectValid(result);
    const pod = podSpec(workload(result, 'app'));
    expect({ nodeSelector: pod.nodeSelector, affinity: pod.affinity, tolerations: pod.tolerations }).toEqual({
      nodeSelector: undefined,
      affinity: undefined,
      tolerations: undefined,
      ...expected,
    });
    expect(findings(yaml)).toEqual(warnings);
  });

  it.each([['disk'], ['node.labels.disk = ssd']])('rejects %j at its position', (constraint) => {
    const yaml = constrained(constraint);
    expect(run(yaml).failed).toBe(true);
    expect(findings(yaml)).toEqual(['invalid-value 7:13']);
  });

  it('notes each selector entry at its constraint', () => {
    const result = run(constrained('node.labels.disk == ssd', 'node.hostname == a'));
    const notes = notePaths(result, 'app');
    expect(notes.get('spec.template.spec.nodeSelector.disk')).toEqual(['services.deploy.placement.constraints']);
    expect(result.text).toContain('# deploy.placement.constraints <- compose.yaml:8:13\n        kubernetes.io/hostname: a');
  });
});

describe('deploy.placement.preferences and max_replicas_per_node', () => {
  it('spreads pods over a node label as a preference', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    deploy:', '      placement:', '        preferences:', '          - spread: node.labels.zone'));
    expectValid(result);
    expect(podSpec(workload(result, 'app')).topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: SELECTOR },
    ]);
  });

  it('warns about a spread over something that is not a node label', () => {
    const yaml = compose('services:', '  app:', '    image: app', '    deploy:', '      placement:', '        preferences:', '          - spread: engine.labels.zone');
    expect(findings(yaml)).toEqual(['unsupported 7:13']);
    expect(podSpec(workload(run(yaml), 'app')).topologySpreadConstraints).toBeUndefined();
  });

  it('keeps at most one pod per node with a required anti-affinity', () => {
    const yaml = compose('services:', '  app:', '    image: app', '    deploy:', '      replicas: 3', '      placement:', '        max_replicas_per_node: 1');
    const result = run(yaml);
    expectValid(result);
    expect(podSpec(workload(result, 'app')).affinity).toEqual({
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: SELECTOR, topologyKey: 'kubernetes.io/hostname' }] },
    });
    expect(findings(yaml)).toEqual([]);
  });

  it('approximates a larger maximum with a hard spread over nodes', () => {
    const yaml = compose('services:', '  app:', '    image: app', '    deploy:', '      replicas: 6', '      placement:', '        max_replicas_per_node: 2');
    const result = run(yaml);
    expectValid(result);
    expect(podSpec(workload(result, 'app')).topologySpreadConstraints).toEqual([
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: SELECTOR },
    ]);
    expect(findings(yaml)).toEqual(['approximate 7:9']);
  });

  it('needs neither for a DaemonSet', () => {
    const yaml = compose(
      'services:',
      '  app:',
      '    image: app',
      '    deploy:',
      '      mode: global',
      '      placement:',
      '        max_replicas_per_node: 1',
      '        preferences: [{spread: node.labels.zone}]',
    );
    const result = run(yaml);
    expectValid(result);
    const pod = podSpec(workload(result, 'app'));
    expect([pod.affinity, pod.topologySpreadConstraints]).toEqual([undefined, undefined]);
    expect(findings(yaml)).toEqual([]);
  });

  it('combines node requirements with pod anti-affinity', () => {
    const yaml = compose(
      'services:',
      '  app:',
      '    image: app',
      '    deploy:',
      '      placement:',
      '        constraints: ["node.labels.zone != east"]',
      '        max_replicas_per_node: 1',
    );
    const affinity = podSpec(workload(run(yaml), 'app')).affinity;
    expect(Object.keys(affinity)).toEqual(['nodeAffinity', 'podAntiAffinity']);
  });
});

describe('platform', () => {
  it.each([
    ['linux/amd64', { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' }],
    ['linux/arm64/v8', { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' }],
    ['linux/arm/v7', { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm' }],
    ['windows/amd64', { 'kubernetes.io/os': 'windows', 'kubernetes.io/arch': 'amd64' }],
    ['linux', { 'kubernetes.io/os': 'linux' }],
  ])('%s', (platform, nodeSelector) => {
    const result = run(compose('services:', '  app:', '    image: app', `    platform: ${platform}`));
    expectValid(result);
    expect(podSpec(workload(result, 'app')).nodeSelector).toEqual(nodeSelector);
    expect(diags(result, 'unmapped-key')).toEqual([]);
  });

  it('says in a comment that a variant other than arm64/v8 has no node label', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    platform: linux/arm/v7'));
    expect(result.text).toContain('variant v7 has no node label');
  });

  it('rejects a platform that is not os/arch', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    platform: "linux amd64"'));
    expect(diags(result, 'invalid-value')).toEqual([expect.objectContaining({ line: 4, column: 15 })]);
  });
});
