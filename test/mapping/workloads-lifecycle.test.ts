import { describe, expect, it } from 'vitest';
import { signalName } from '../../src/mapping/workloads/lifecycle.js';
import { compose, container, expectValid, podSpec, run, workload } from './workloads-support.js';

function service(...lines: string[]): string {
  return compose('services:', '  app:', '    image: app', ...lines);
}

function findings(yaml: string): string[] {
  return run(yaml)
    .diagnostics.filter((d) => ['approximate', 'unsupported', 'invalid-value', 'schema'].includes(d.code))
    .map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('stop_grace_period', () => {
  it.each([
    ['30s', 30],
    ['1m30s', 90],
    ['1.5s', 2],
  ])('%s -> %i seconds', (period, seconds) => {
    const result = run(service(`    stop_grace_period: ${period}`));
    expectValid(result);
    expect(podSpec(workload(result, 'app')).terminationGracePeriodSeconds).toBe(seconds);
  });
});

describe('stop_signal', () => {
  it.each([
    ['SIGQUIT', 'SIGQUIT'],
    ['quit', 'SIGQUIT'],
    ['3', 'SIGQUIT'],
    ['SIGRTMIN+3', 'SIGRTMIN+3'],
    ['SIGWHATEVER', undefined],
    ['99', undefined],
  ])('%s is %s', (text, name) => {
    expect(signalName(text)).toBe(name);
  });

  it('sets the container stop signal and the pod OS it needs, with a warning that the field is alpha', () => {
    const yaml = service('    stop_signal: SIGQUIT');
    const result = run(yaml);
    expectValid(result);
    const w = workload(result, 'app');
    expect(container(w).lifecycle).toEqual({ stopSignal: 'SIGQUIT' });
    expect(podSpec(w).os).toEqual({ name: 'linux' });
    expect(findings(yaml)).toEqual(['approximate 4:5']);
    expect(run(yaml).diagnostics.find((d) => d.code === 'approximate')!.hint).toContain('STOPSIGNAL');
  });

  it('follows the platform for the pod OS', () => {
    const result = run(service('    platform: windows/amd64', '    stop_signal: SIGKILL'));
    expect(podSpec(workload(result, 'app')).os).toEqual({ name: 'windows' });
  });

  // Issue 7: `platform: ${DOCKER_PLATFORM:-}` left empty is no platform, as in Docker Compose.
  it('takes an empty platform for none, not an error', () => {
    const result = run(service('    platform: ${DOCKER_PLATFORM:-}'));
    expectValid(result);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(podSpec(workload(result, 'app')).nodeSelector?.['kubernetes.io/arch']).toBeUndefined();
  });

  it('needs nothing for SIGTERM, the default', () => {
    const yaml = service('    stop_signal: SIGTERM');
    const result = run(yaml);
    expect(container(workload(result, 'app')).lifecycle).toBeUndefined();
    expect(podSpec(workload(result, 'app')).os).toBeUndefined();
    expect(findings(yaml)).toEqual([]);
  });

  it('rejects an unknown signal at its value', () => {
    expect(findings(service('    stop_signal: SIGNOPE'))).toEqual(['invalid-value 4:18']);
  });
});

describe('post_start and pre_stop', () => {
  it('runs a single hook as an exec handler', () => {
    const yaml = service('    post_start:', '      - command: ["/app/warmup", "--fast"]', '    pre_stop:', '      - command: nginx -s quit');
    const result = run(yaml);
    expectValid(result);
    expect(container(workload(result, 'app')).lifecycle).toEqual({
      postStart: { exec: { command: ['/app/warmup', '--fast'] } },
      preStop: { exec: { command: ['nginx', '-s', 'quit'] } },
    });
    expect(findings(yaml)).toEqual([]);
  });

  it('runs several hooks one after the other through a shell', () => {
    const yaml = service('    post_start:', '      - command: ["echo", "it\'s up"]', '      - command: touch /tmp/ready');
    const result = run(yaml);
    expectValid(result);
    expect(container(workload(result, 'app')).lifecycle.postStart.exec.command).toEqual(['/bin/sh', '-c', `(echo 'it'\\''s up') && (touch /tmp/ready)`]);
    expect(findings(yaml)).toEqual(['approximate 4:5']);
  });

  it('changes directory and sets variables in the shell', () => {
    const yaml = service('    pre_stop:', '      - command: ["./drain"]', '        working_dir: /srv/app', '        environment:', '          MODE: fast');
    const result = run(yaml);
    expectValid(result);
    expect(container(workload(result, 'app')).lifecycle.preStop.exec.command).toEqual(['/bin/sh', '-c', '(cd /srv/app && MODE=fast ./drain)']);
    expect(findings(yaml)).toEqual(['approximate 6:9', 'approximate 7:9']);
  });

  it.each([
    ['user', '        user: root', 'unsupported 6:9'],
    ['privileged', '        privileged: true', 'unsupported 6:9'],
  ])('cannot run a hook with its own %s', (_what, line, expected) => {
    const yaml = service('    post_start:', '      - command: ["chown", "-R", "app", "/data"]', line);
    expect(findings(yaml)).toEqual([expected]);
    expect(container(workload(run(yaml), 'app')).lifecycle.postStart.exec.command).toEqual(['chown', '-R', 'app', '/data']);
  });
});

describe('pull_policy', () => {
  it.each([
    ['always', 'Always', []],
    ['never', 'Never', []],
    ['missing', 'IfNotPresent', []],
    ['if_not_present', 'IfNotPresent', []],
    ['build', 'IfNotPresent', ['approximate 4:5']],
    ['daily', 'Always', ['approximate 4:5']],
    ['weekly', 'Always', ['approximate 4:5']],
    ['every_12h', 'Always', ['approximate 4:5']],
  ])('%s -> %s', (policy, expected, warnings) => {
    const yaml = service(`    pull_policy: ${policy}`);
    const result = run(yaml);
    expectValid(result);
    expect(container(workload(result, 'app')).imagePullPolicy).toBe(expected);
    expect(findings(yaml)).toEqual(warnings);
  });
});
