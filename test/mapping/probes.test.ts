import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { convert } from '../support/api-checks.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Converts a project whose service `app` has the given healthcheck body (indented 6 spaces). */
function withHealthcheck(healthcheck: string) {
  const yaml = `services:\n  app:\n    image: example/app:1\n    healthcheck:\n${healthcheck}`;
  return convert({ 'compose.yaml': yaml }, { workingDir: '/p', env: {} });
}

function appContainer(result: ReturnType<typeof convert>): IContainer {
  const deployment = result.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'app');
  expect(deployment, result.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  return (deployment as unknown as { spec: { template: { spec: { containers: IContainer[] } } } }).spec.template.spec.containers[0]!;
}

/** Diagnostics other than the table's one warning about every converted healthcheck. */
function situational(result: ReturnType<typeof convert>): Pick<Diagnostic, 'code' | 'severity' | 'line' | 'column'>[] {
  return result.diagnostics
    .filter((d) => !(d.code === 'approximate' && d.message.includes('healthcheck behaves differently')))
    .map(({ code, severity, line, column }) => ({ code, severity, line, column }));
}

describe('healthcheck test -> the probe command', () => {
  it.each([
    ['CMD is the exec argv', '      test: ["CMD", "curl", "-f", "http://localhost/"]\n', ['curl', '-f', 'http://localhost/']],
    ['CMD-SHELL runs through /bin/sh -c as one script', '      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]\n', ['/bin/sh', '-c', 'curl -f http://localhost/ || exit 1']],
    ['a plain string is CMD-SHELL', '      test: pg_isready -U postgres\n', ['/bin/sh', '-c', 'pg_isready -U postgres']],
    ['CMD-SHELL extra items follow the script, as Docker passes them', '      test: ["CMD-SHELL", "echo $$0", "x"]\n', ['/bin/sh', '-c', 'echo $0', 'x']],
    ['$( is escaped so Kubernetes does not expand it', '      test: ["CMD-SHELL", "test $$(cat /tmp/ok) = 1"]\n', ['/bin/sh', '-c', 'test $$(cat /tmp/ok) = 1']],
  ])('%s', (_name, body, command) => {
    const c = appContainer(withHealthcheck(body));
    expect(c.readinessProbe?.exec?.command).toEqual(command);
    expect(c.livenessProbe?.exec?.command).toEqual(command);
  });

  it('gives each probe its own command list (no YAML anchors in the output)', () => {
    const result = withHealthcheck('      test: ["CMD", "true"]\n      start_period: 10s\n');
    expect(result.text).not.toMatch(/[&*]a\d/);
  });
});

describe('healthcheck timing -> probe timing with Docker defaults', () => {
  it.each([
    ['Docker defaults: 30s, 30s, 3 retries', '      test: ["CMD", "true"]\n', { period: 30, timeout: 30, ready: 3, live: 9 }],
    [
      'written values',
      '      test: ["CMD", "true"]\n      interval: 1m30s\n      timeout: 5s\n      retries: 5\n',
      { period: 90, timeout: 5, ready: 5, live: 15 },
    ],
    ['0 means the default', '      test: ["CMD", "true"]\n      interval: 0s\n      timeout: "0"\n      retries: 0\n', { period: 30, timeout: 30, ready: 3, live: 9 }],
  ])('%s', (_name, body, t) => {
    const c = appContainer(withHealthcheck(body));
    expect(c.readinessProbe).toMatchObject({ periodSeconds: t.period, timeoutSeconds: t.timeout, failureThreshold: t.ready });
    expect(c.livenessProbe).toMatchObject({ periodSeconds: t.period, timeoutSeconds: t.timeout, failureThreshold: t.live });
    expect(c.startupProbe).toBeUndefined();
  });

  it('start_period adds a startup probe at start_interval that lasts start_period plus the liveness allowance', () => {
    const c = appContainer(withHealthcheck('      test: ["CMD", "true"]\n      interval: 10s\n      retries: 2\n      start_period: 1m\n      start_interval: 2s\n'));
    // 60s + 6 liveness failures x 10s = 120s, checked every 2s.
    expect(c.startupProbe).toMatchObject({ periodSeconds: 2, timeoutSeconds: 30, failureThreshold: 60 });
  });

  it("start_interval defaults to Docker's 5s", () => {
    const c = appContainer(withHealthcheck('      test: ["CMD", "true"]\n      start_period: 30s\n'));
    // 30s + 9 x 30s = 300s at 5s.
    expect(c.startupProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 60 });
  });
});

describe('healthcheck without probes', () => {
  it.each([
    ['disable: true', '      test: ["CMD", "true"]\n      disable: true\n'],
    ['test NONE', '      test: ["NONE"]\n'],
  ])('%s gives no probes and no warning', (_name, body) => {
    const result = withHealthcheck(body);
    const c = appContainer(result);
    expect([c.readinessProbe, c.livenessProbe, c.startupProbe]).toEqual([undefined, undefined, undefined]);
    expect(result.diagnostics).toEqual([]);
  });

  it("warns that an image's HEALTHCHECK is not run when only timings are written", () => {
    const result = withHealthcheck('      interval: 10s\n');
    expect(appContainer(result).readinessProbe).toBeUndefined();
    expect(result.diagnostics.map(({ code, severity, line, column }) => ({ code, severity, line, column }))).toEqual([
      { code: 'unsupported', severity: 'warning', line: 4, column: 5 },
    ]);
    expect(result.diagnostics[0]!.message).toContain("image's HEALTHCHECK");
  });

  it('warns that Docker ignores a test that does not start with CMD, CMD-SHELL or NONE', () => {
    const result = withHealthcheck('      test: ["curl", "-f", "http://localhost/"]\n');
    expect(appContainer(result).readinessProbe).toBeUndefined();
    expect(situational(result)).toEqual([{ code: 'invalid-value', severity: 'warning', line: 5, column: 13 }]);
  });

  it('rejects CMD without a command', () => {
    const result = withHealthcheck('      test: ["CMD"]\n');
    expect(result.failed).toBe(true);
    expect(situational(result)).toEqual([{ code: 'invalid-value', severity: 'error', line: 5, column: 7 }]);
  });
});

describe('healthcheck diagnostics', () => {
  it('warns once per converted healthcheck, at the key, that Kubernetes acts on health', () => {
    const result = withHealthcheck('      test: ["CMD", "true"]\n');
    expect(result.diagnostics.map(({ code, line, column }) => ({ code, line, column }))).toEqual([{ code: 'approximate', line: 4, column: 5 }]);
    expect(result.diagnostics[0]!.hint).toContain('livenessProbe');
  });

  it.each([
    ['interval: 500ms', '      interval: 500ms\n', 1, 'periodSeconds', 17],
    ['timeout: 1500ms', '      timeout: 1500ms\n', 2, 'timeoutSeconds', 16],
    ['interval: 2.5s', '      interval: 2.5s\n', 3, 'periodSeconds', 17],
  ])('rounds %s up to whole seconds with a warning at the value', (_name, line, seconds, field, column) => {
    const result = withHealthcheck(`      test: ["CMD", "true"]\n${line}`);
    expect((appContainer(result).readinessProbe as Record<string, unknown>)[field]).toBe(seconds);
    expect(situational(result)).toEqual([{ code: 'approximate', severity: 'warning', line: 6, column }]);
  });

  it.each([
    ['days, which Go durations do not have', '      start_period: 1d\n', 21],
    ['a negative duration', '      timeout: -5s\n', 16],
  ])('rejects %s at the value', (_name, line, column) => {
    const result = withHealthcheck(`      test: ["CMD", "true"]\n${line}`);
    expect(result.failed).toBe(true);
    expect(situational(result)).toEqual([{ code: 'invalid-value', severity: 'error', line: 6, column }]);
  });
});
