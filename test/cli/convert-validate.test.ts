import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateObjects } from '../../src/emit/kube-validate.js';
import type { KubeObject, MappedObject } from '../../src/mapping/context.js';
import { runCli } from '../support/cli.js';
import { FIXTURES, ROOT } from '../support/fixtures.js';

const loc = { file: 'compose.yaml', line: 3, column: 3 };
const mapped = (object: KubeObject): MappedObject => ({ object, origin: { what: 'service "web"', loc }, notes: [] });

describe('convert --validate', () => {
  it('passes a project whose objects match the Kubernetes schema, and prints what convert prints', async () => {
    const cwd = join(FIXTURES, '..');
    const plain = await runCli(['convert', '-f', 'fixtures/web-postgres/compose.yaml'], { cwd });
    const checked = await runCli(['convert', '-f', 'fixtures/web-postgres/compose.yaml', '--validate'], { cwd });
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe(plain.stdout);
    expect(checked.stdout).toContain('kind: Deployment');
    expect(checked.stderr).not.toContain('kubernetes-schema');
  });

  it('passes the kube-hints fixture (an Ingress, an autoscaler and claims from x-kubernetes)', async () => {
    const run = await runCli(['convert', '-f', 'fixtures/kube-hints/compose.yaml', '--validate'], { cwd: join(FIXTURES, '..') });
    expect(run.stderr).not.toContain('[kubernetes-schema]');
    expect(run.code).toBe(0);
  });

  it('reports each field that does not match as a kubernetes-schema error at the compose element', async () => {
    const invalid = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 'two', template: {} } } as unknown as KubeObject;
    const diags = await validateObjects([mapped(invalid)]);
    expect(diags.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      ['kubernetes-schema', 'error', 'compose.yaml', 3, 3],
      ['kubernetes-schema', 'error', 'compose.yaml', 3, 3],
    ]);
    expect(diags.map((d) => d.message)).toEqual([
      'Deployment web (from service "web"): spec must have required property selector',
      'Deployment web (from service "web"): spec.replicas must be integer',
    ]);
  });

  it('passes a valid object and names a kind kubernetes-models has no schema for', async () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } } as unknown as KubeObject;
    expect(await validateObjects([mapped(service)])).toEqual([]);
    const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } } as unknown as KubeObject;
    const [d] = await validateObjects([mapped(unknown)]);
    expect(d?.message).toBe('Widget w: kubernetes-models has no schema for example.com/v1 Widget');
  });

  it('is loaded only when asked: no module of src/ imports kubernetes-models classes statically', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && /^import (?!type )[^;]*from '(@kubernetes-models|kubernetes-models)\//m.test(readFileSync(p, 'utf8'))) offenders.push(p.slice(ROOT.length + 1));
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
