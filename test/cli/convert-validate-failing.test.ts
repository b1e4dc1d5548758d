import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as KubeValidate from '../../src/emit/kube-validate.js';
import type { MappedObject } from '../../src/mapping/context.js';
import { runCli } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';

// A compose project converts only into valid objects, so the failing case breaks one object on
// its way to the real validators: the Deployment's replicas become a string.
vi.mock('../../src/emit/kube-validate.js', async (importOriginal) => {
  const real = await importOriginal<typeof KubeValidate>();
  return {
    ...real,
    validateObjects: (objects: readonly MappedObject[]) =>
      real.validateObjects(
        objects.map((m) => (m.object.kind === 'Deployment' ? { ...m, object: { ...m.object, spec: { ...(m.object.spec as object), replicas: 'two' } } } : m)),
      ),
  };
});

const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

describe('convert --validate on an object the schema refuses', () => {
  it('exits 2, reports a kubernetes-schema error at the service, and prints no manifests', async () => {
    const run = await runCli(['convert', '-f', 'fixtures/web-postgres/compose.yaml', '--validate'], { cwd: join(FIXTURES, '..') });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/fixtures\/web-postgres\/compose\.yaml:\d+:\d+: error: Deployment \S+ \(from service "\S+"\): spec\.replicas must be integer \[kubernetes-schema\]/);
    expect(run.stderr).toMatch(/problem\(s\) with the Kubernetes schema \(--validate\); nothing was written/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('does not validate without --validate', async () => {
    const run = await runCli(['convert', '-f', 'fixtures/web-postgres/compose.yaml'], { cwd: join(FIXTURES, '..') });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('kubernetes-schema');
  });
});
