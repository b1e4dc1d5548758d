import { describe, expect, it } from 'vitest';
import { convert } from '../src/index.js';
import { apiProblems } from './support/api-checks.js';

describe('the library API', () => {
  it('runs the whole pipeline from file contents alone, as in a browser', () => {
    const result = convert(
      {
        'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    env_file: web.env\n',
        'web.env': 'GREETING=hello\n',
      },
      { workingDir: '/project', env: {} },
    );
    expect(result.failed).toBe(false);
    expect(result.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/web-env', 'Service/web', 'Deployment/web']);
    expect(result.text).toContain('kind: Deployment');
    expect(result.files.map((f) => f.path)).toEqual(['06-web-env-configmap.yaml', '08-web-service.yaml', '10-web-deployment.yaml']);
    expect(JSON.stringify(result.objects)).toContain('GREETING');
    expect(apiProblems(result.objects)).toEqual([]);
  });

  it('returns diagnostics instead of throwing on bad input', () => {
    const result = convert({ 'compose.yaml': 'services: [' }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(result.text).toBe('');
    expect(result.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: 'compose.yaml', line: 1 });
  });

  it('uses only the environment it is given, never the process environment', () => {
    const withVar = convert({ 'compose.yaml': 'services:\n  a:\n    image: x\n    environment: [HOME]\n' }, { workingDir: '/p', env: { HOME: '/home/me' } });
    const without = convert({ 'compose.yaml': 'services:\n  a:\n    image: x\n    environment: [HOME]\n' }, { workingDir: '/p', env: {} });
    const env = (r: typeof withVar) => (r.objects.find((o) => o.kind === 'Deployment')!.spec as { template: { spec: { containers: { env?: unknown }[] } } }).template.spec.containers[0]!.env;
    expect(env(withVar)).toEqual([{ name: 'HOME', value: '/home/me' }]);
    expect(env(without)).toBeUndefined();
    expect(without.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['env-from-process', 4, 19]]);
  });
});
