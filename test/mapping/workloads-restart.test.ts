import { describe, expect, it } from 'vitest';
import { compose, expectValid, podSpec, run, spec, workload } from './workloads-support.js';

const JOB = '    deploy: {mode: replicated-job}';

/** Warnings and errors of one conversion as `code line:column`. */
function findings(yaml: string): string[] {
  return run(yaml)
    .diagnostics.filter((d) => ['approximate', 'unsupported', 'invalid-value'].includes(d.code))
    .map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('restart and deploy.restart_policy', () => {
  it.each([
    // what, service lines after image (line 4 on), restartPolicy, backoffLimit, findings
    ['restart: always', ['    restart: always'], 'Always', undefined, []],
    ['restart: unless-stopped', ['    restart: unless-stopped'], 'Always', undefined, []],
    ['restart: "no" on a Deployment', ['    restart: "no"'], 'Always', undefined, ['approximate 4:5']],
    ['restart: on-failure:3 on a Deployment', ['    restart: on-failure:3'], 'Always', undefined, ['approximate 4:5']],
    ['condition: none on a Deployment', ['    deploy:', '      restart_policy:', '        condition: none'], 'Always', undefined, ['approximate 6:9']],
    ['condition: any on a Deployment', ['    deploy:', '      restart_policy:', '        condition: any'], 'Always', undefined, []],
    ['max_attempts on a Deployment', ['    deploy:', '      restart_policy:', '        max_attempts: 3'], 'Always', undefined, ['approximate 6:9']],
    ['a Job without restart', [JOB], 'Never', 0, []],
    ['restart: "no" on a Job', [JOB, '    restart: "no"'], 'Never', 0, []],
    ['restart: on-failure:4 on a Job', [JOB, '    restart: on-failure:4'], 'OnFailure', 4, []],
    ['restart: on-failure on a Job (Compose retries forever)', [JOB, '    restart: on-failure'], 'OnFailure', undefined, ['approximate 5:5']],
    [
      'condition on-failure and max_attempts on a Job',
      ['    deploy:', '      mode: replicated-job', '      restart_policy: {condition: on-failure, max_attempts: 2}'],
      'OnFailure',
      2,
      [],
    ],
    [
      'condition any on a Job restarts only failures',
      ['    deploy:', '      mode: replicated-job', '      restart_policy: {condition: any, max_attempts: 2}'],
      'OnFailure',
      2,
      ['approximate 6:24'],
    ],
    ['restart_policy wins over restart', ['    restart: always', '    deploy:', '      mode: replicated-job', '      restart_policy: {condition: none}'], 'Never', 0, []],
    ['condition: no, as Compose also reads it', ['    deploy:', '      restart_policy: {condition: "no"}'], 'Always', undefined, ['approximate 5:24']],
  ])('%s', (_what, lines, policy, backoffLimit, expected) => {
    const yaml = compose('services:', '  app:', '    image: app', ...lines);
    const result = run(yaml);
    expectValid(result);
    const w = workload(result, 'app');
    expect(podSpec(w).restartPolicy).toBe(policy);
    expect(spec(w).backoffLimit).toBe(backoffLimit);
    expect(findings(yaml)).toEqual(expected);
  });

  it('sets nothing when nothing is said about restarts of a Deployment', () => {
    const result = run(compose('services:', '  app:', '    image: app'));
    expect(podSpec(workload(result, 'app')).restartPolicy).toBeUndefined();
  });

  it.each([
    ['a delay', '{delay: 5s}', ['approximate 4:31']],
    ['a zero delay', '{delay: 0s}', []],
    ['a window', '{window: 2m}', ['unsupported 4:31']],
  ])('warns about %s between restarts', (_what, policy, expected) => {
    expect(findings(compose('services:', '  app:', '    image: app', `    deploy: {restart_policy: ${policy}}`))).toEqual(expected);
  });

  it.each([
    ['restart', ['    restart: sometimes'], 'invalid-value 4:14', 'no, always, on-failure[:<retries>], unless-stopped'],
    ['restart_policy.condition', ['    deploy:', '      restart_policy: {condition: maybe}'], 'invalid-value 5:35', 'none, on-failure, any'],
  ])('rejects an unknown %s value at the value', (_what, lines, position, allowed) => {
    const yaml = compose('services:', '  app:', '    image: app', ...lines);
    const result = run(yaml);
    expect(result.failed).toBe(true);
    expect(findings(yaml)).toEqual([position]);
    expect(result.diagnostics.find((d) => d.code === 'invalid-value')!.message).toContain(allowed);
  });

  it('explains the approximation with the reason and a remedy', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    restart: "no"'));
    const d = result.diagnostics.find((x) => x.code === 'approximate')!;
    expect(d.message).toContain('always restart a container that exits');
    expect(d.hint).toContain('replicated-job');
  });
});
