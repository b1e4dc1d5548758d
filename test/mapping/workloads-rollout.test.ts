import { describe, expect, it } from 'vitest';
import { compose, diags, expectValid, run, spec, workload } from './workloads-support.js';

/** A service whose deploy section holds `lines` (line 5 on); `extra` goes before them. */
function service(lines: string[], extra: string[] = []): string {
  return compose('services:', '  app:', '    image: app', '    deploy:', ...extra, ...lines);
}

function findings(yaml: string): string[] {
  return run(yaml)
    .diagnostics.filter((d) => ['approximate', 'unsupported', 'invalid-value', 'schema'].includes(d.code))
    .map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('deploy.update_config', () => {
  it.each([
    ['parallelism alone: stop-first', ['parallelism: 2'], { maxSurge: 0, maxUnavailable: 2 }],
    ['start-first', ['parallelism: 2', 'order: start-first'], { maxSurge: 2, maxUnavailable: 0 }],
    ['stop-first', ['parallelism: 3', 'order: stop-first'], { maxSurge: 0, maxUnavailable: 3 }],
    ['order alone: one at a time', ['order: start-first'], { maxSurge: 1, maxUnavailable: 0 }],
    ['parallelism 0: all at once', ['parallelism: 0'], { maxSurge: 0, maxUnavailable: '100%' }],
    ['parallelism 0, start-first', ['parallelism: 0', 'order: start-first'], { maxSurge: '100%', maxUnavailable: 0 }],
  ])('%s', (_what, settings, rollingUpdate) => {
    const result = run(service(['      update_config:', ...settings.map((s) => `        ${s}`)]));
    expectValid(result);
    expect(spec(workload(result, 'app')).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate });
    expect(findings(service(['      update_config:', ...settings.map((s) => `        ${s}`)]))).toEqual([]);
  });

  it('sets the updateStrategy of a DaemonSet', () => {
    const result = run(service(['      mode: global', '      update_config: {parallelism: 2}']));
    expectValid(result);
    expect(spec(workload(result, 'app')).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 2 } });
  });

  it('updates a StatefulSet one pod at a time and says what it cannot do', () => {
    const yaml = compose(
      'services:',
      '  app:',
      '    image: app',
      '    x-kubernetes: {workload: StatefulSet}',
      '    deploy:',
      '      update_config:',
      '        parallelism: 2',
      '        order: start-first',
    );
    const result = run(yaml);
    expectValid(result);
    expect(spec(workload(result, 'app')).updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(findings(yaml)).toEqual(['approximate 7:9', 'approximate 8:9']);
  });

  it('has nothing to update in a Job', () => {
    const yaml = service(['      mode: replicated-job', '      update_config: {parallelism: 2}']);
    const result = run(yaml);
    expectValid(result);
    expect(spec(workload(result, 'app')).strategy).toBeUndefined();
    expect(diags(result, 'unsupported')).toEqual([expect.objectContaining({ line: 6, column: 7, message: expect.stringContaining('never updated in place') })]);
  });

  it('turns delay and monitor into minReadySeconds, with a warning for each', () => {
    const yaml = service(['      update_config:', '        delay: 10s', '        monitor: 1m', '        parallelism: 1']);
    const result = run(yaml);
    expectValid(result);
    expect(spec(workload(result, 'app')).minReadySeconds).toBe(70);
    expect(findings(yaml)).toEqual(['approximate 6:9', 'approximate 7:9']);
    expect(result.text).toContain('delay 10s + monitor 1m');
  });

  it.each([
    ['failure_action: pause', 'failure_action: pause', []],
    ['failure_action: rollback', 'failure_action: rollback', ['unsupported 6:9']],
    ['failure_action: continue', 'failure_action: continue', ['unsupported 6:9']],
    ['max_failure_ratio above 0', 'max_failure_ratio: 0.2', ['unsupported 6:9']],
    ['max_failure_ratio 0', 'max_failure_ratio: 0', []],
    ['a zero delay', 'delay: 0s', []],
  ])('%s', (_what, setting, expected) => {
    const yaml = service(['      update_config:', `        ${setting}`]);
    expect(findings(yaml)).toEqual(expected);
    expect(run(yaml).failed).toBe(false);
  });

  it('names the remedy for an automatic rollback', () => {
    const result = run(service(['      update_config:', '        failure_action: rollback']));
    expect(diags(result, 'unsupported')[0]!.hint).toContain('kubectl rollout undo');
  });
});

describe('deploy.rollback_config', () => {
  it('is unsupported: Kubernetes rolls back only when asked', () => {
    const result = run(service(['      rollback_config:', '        parallelism: 1']));
    expectValid(result);
    expect(diags(result, 'unsupported')).toEqual([
      expect.objectContaining({ line: 5, column: 7, hint: expect.stringContaining('kubectl rollout undo deployment/<name>') }),
    ]);
  });
});
