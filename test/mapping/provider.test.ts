import { describe, expect, it } from 'vitest';
import { convert } from '../support/api-checks.js';

const project = [
  'services:',
  '  app:',
  '    image: ghcr.io/example/app:1',
  '    depends_on:',
  '      - database',
  '  database:',
  '    provider:',
  '      type: awesomecloud',
  '      options:',
  '        type: mysql',
  '',
].join('\n');

describe('provider services', () => {
  const result = convert({ 'compose.yaml': project }, { workingDir: '/p', env: {} });

  it('are left out with one unsupported warning at the provider key, not an error', () => {
    expect(result.failed).toBe(false);
    const warnings = result.diagnostics.filter((d) => d.code === 'unsupported' && d.message.includes('"database"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', line: 7, column: 5 });
    expect(warnings[0]!.message).toMatch(/app start without waiting for it/);
    expect(warnings[0]!.hint).toMatch(/create the resource/);
    expect(result.objects.some((o) => o.metadata.name === 'database')).toBe(false);
  });

  it('do not make their dependants wait for a name that never resolves', () => {
    expect(result.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/app', 'Deployment/app']);
    const pod = (result.objects[1]!.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    // No init container waits for it, and nothing else in the pod names it.
    expect(pod.initContainers).toBeUndefined();
    expect(JSON.stringify(pod)).not.toMatch(/database/);
  });
});
