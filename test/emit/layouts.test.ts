import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { writeOutputFiles } from '../../src/cli/io.js';
import { KIND_ORDER, kindRank } from '../../src/emit/order.js';
import { planLayout, type LayoutPlan, type OutputRequest } from '../../src/emit/layout-plan.js';
import type { KubeObject } from '../../src/mapping/context.js';
import type { ConvertResult } from '../../src/pipeline.js';
import { convertFixture, fixtureNames, ROOT } from '../support/fixtures.js';
import { validateWithModels } from '../support/validate-models.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

function plan(result: ConvertResult, request: OutputRequest): LayoutPlan {
  const planned = planLayout(result, request);
  if ('error' in planned) throw new Error(planned.error);
  return planned.plan;
}

/** Files as one text, each after a `==> path <==` line (as `tail` prints several files), for a golden file. */
const listing = (p: LayoutPlan): string => `target: ${p.target}, root: ${p.root}, layout: ${p.layout}\n${p.files.map((f) => `==> ${f.path} <==\n${f.content}`).join('')}`;

const identity = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;

describe('layouts of the bundled example (golden files)', () => {
  const result = convertFixture('web-postgres');

  it.each([
    ['stream', { }],
    ['file', { output: 'k8s/all.yml' }],
    ['json', { format: 'json' as const }],
    ['files', { output: 'k8s/', annotate: 'brief' as const }],
    ['json-files', { output: 'k8s', format: 'json' as const }],
    ['kustomize', { output: 'k8s/', kustomize: true, namespace: 'shop', project: 'shop', annotate: 'none' as const }],
  ] as [string, OutputRequest][])('%s', async (name, request) => {
    await expect(listing(plan(result, request))).toMatchFileSnapshot(join(GOLDEN, 'layouts', `web-postgres.${name}.txt`));
  });

  it.each(['brief', 'none'] as const)('--annotate %s (full is the fixture snapshot)', async (level) => {
    await expect(convertFixture('web-postgres', { annotate: level }).text).toMatchFileSnapshot(join(GOLDEN, 'annotate', `web-postgres.${level}.yaml`));
  });
});

describe('planLayout', () => {
  const result = convertFixture('web-postgres');
  const cases: [OutputRequest, Partial<LayoutPlan> & { names?: string[] }][] = [
    [{}, { target: 'stdout', root: '', layout: 'stream', names: ['manifests.yaml'] }],
    [{ output: '-' }, { target: 'stdout', layout: 'stream' }],
    [{ format: 'json' }, { target: 'stdout', layout: 'json', names: ['manifests.json'] }],
    [{ output: 'manifests.yaml' }, { target: 'file', root: '.', layout: 'stream', names: ['manifests.yaml'] }],
    [{ output: 'deploy/k8s.YML' }, { target: 'file', root: 'deploy', layout: 'stream', names: ['k8s.YML'] }],
    [{ output: '/abs/list.json' }, { target: 'file', root: '/abs', layout: 'json', names: ['list.json'] }],
    [{ output: 'k8s' }, { target: 'directory', root: 'k8s', layout: 'files' }],
    [{ output: 'k8s/' }, { target: 'directory', root: 'k8s', layout: 'files' }],
    [{ output: 'out.d', outputIsDirectory: true }, { target: 'directory', root: 'out.d', layout: 'files' }],
    [{ output: 'manifests.yaml', outputIsDirectory: true }, { target: 'directory', root: 'manifests.yaml', layout: 'files' }],
    [{ output: '.' }, { target: 'directory', root: '.', layout: 'files' }],
    [{ output: '..' }, { target: 'directory', root: '..', layout: 'files' }],
    [{ output: 'k8s/', kustomize: true }, { target: 'directory', layout: 'kustomize' }],
  ];
  it.each(cases)('%j', (request, expected) => {
    const p = plan(result, request);
    const { names, ...rest } = expected;
    expect(p).toMatchObject(rest);
    if (names) expect(p.files.map((f) => f.path)).toEqual(names);
  });

  it.each([
    [{ output: 'out.txt' }, 'cannot tell whether out.txt is a file or a directory'],
    [{ output: 'out.yaml', format: 'json' }, '--format json cannot be written to out.yaml'],
    [{ output: 'out.json', format: 'yaml' }, '--format yaml cannot be written to out.json'],
    [{ kustomize: true }, '--kustomize writes a directory'],
    [{ output: 'all.yaml', kustomize: true }, '--kustomize writes a directory'],
    [{ output: '' }, '-o needs a path'],
  ] as [OutputRequest, string][])('refuses %j', (request, message) => {
    const planned = planLayout(result, request);
    expect('error' in planned && planned.error).toContain(message);
  });

  it('writes the same objects in every layout', () => {
    const objects = JSON.parse(JSON.stringify(result.objects)) as unknown[];
    const yamlDocs = (text: string) => parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS() as unknown);
    expect(yamlDocs(plan(result, {}).files[0]!.content)).toEqual(objects);
    expect((JSON.parse(plan(result, { format: 'json' }).files[0]!.content) as { apiVersion: string; kind: string; items: unknown[] })).toEqual({ apiVersion: 'v1', kind: 'List', items: objects });
    expect(plan(result, { output: 'k8s/' }).files.flatMap((f) => yamlDocs(f.content))).toEqual(objects);
    expect(plan(result, { output: 'k8s/', format: 'json' }).files.map((f) => JSON.parse(f.content) as unknown)).toEqual(objects);
  });
});

describe.each(fixtureNames().filter((n) => !convertFixture(n).failed))('directory output of fixture %s', (name) => {
  const result = convertFixture(name, { createNamespace: true });

  it('names the files so that name order is apply order (kubectl apply -f DIR/ reads them sorted)', () => {
    const files = plan(result, { output: 'k8s/' }).files;
    const byName = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const kinds = byName.map((f) => (parseAllDocuments(f.content)[0]!.toJS() as KubeObject).kind);
    expect(kinds[0]).toBe('Namespace');
    const ranks = kinds.map(kindRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const f of files) expect(f.path).toMatch(new RegExp(`^\\d{${String(KIND_ORDER.length).length}}-[a-z0-9-]+-[a-z]+\\.yaml$`));
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
  });

  it('marks every file as written by compose2kube (so a later run may replace it)', () => {
    for (const f of plan(result, { output: 'k8s/', kustomize: true, annotate: 'none' }).files) expect(f.content).toMatch(/app\.kubernetes\.io\/managed-by: compose2kube/);
  });

  it.skipIf(!KUBECTL)(`builds with kubectl kustomize${KUBECTL ? '' : ' (SKIPPED: kubectl not found)'}`, () => {
    const dir = mkdtempSync(join(tmpdir(), `c2k-kustomize-${name}-`));
    const p = plan(result, { output: `${dir}/`, kustomize: true, namespace: result.namespace!, project: result.project!.name });
    writeOutputFiles(p.root, p.files);
    const built = execFileSync(KUBECTL!, ['kustomize', dir], { encoding: 'utf8' });
    const objects = parseAllDocuments(built).map((d) => d.toJS() as KubeObject);
    expect(objects.map(identity).sort()).toEqual(result.objects.map(identity).sort());
    for (const o of objects) if (o.kind !== 'Namespace') expect(o.metadata.namespace).toBe(result.namespace);
  });
});

describe('namespaces', () => {
  const result = convertFixture('worker-queue-migrations', { namespace: 'team-a', createNamespace: true });

  it('puts every namespaced object, and every ServiceAccount a binding names, in the namespace', () => {
    expect(result.failed).toBe(false);
    const [first, ...rest] = result.objects;
    expect(first).toMatchObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(first!.metadata.namespace).toBeUndefined();
    for (const o of rest) expect(o.metadata.namespace, identity(o)).toBe('team-a');
    const bindings = rest.filter((o) => o.kind === 'RoleBinding');
    expect(bindings.length).toBeGreaterThan(0);
    for (const b of bindings) for (const s of b.subjects as { kind: string; namespace?: string }[]) if (s.kind === 'ServiceAccount') expect(s.namespace).toBe('team-a');
    expect(validateWithModels(result.objects)).toEqual([]);
  });

  it('prints the namespace right after the name', () => {
    expect(result.text).toMatch(/\n {2}name: [a-z0-9-]+\n {2}namespace: team-a\n/);
  });

  it('is named after the project with --create-namespace alone', () => {
    const own = convertFixture('web-postgres', { createNamespace: true });
    expect(own.objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'shop' } });
    expect(own.objects.slice(1).every((o) => o.metadata.namespace === 'shop')).toBe(true);
  });

  it('leaves objects without a namespace by default', () => {
    expect(convertFixture('web-postgres').objects.every((o) => o.metadata.namespace === undefined)).toBe(true);
  });

  it.each(['Team-A', 'a_b', '-a', 'a'.repeat(64)])('rejects the namespace name %j', (ns) => {
    const bad = convertFixture('web-postgres', { namespace: ns });
    expect(bad.failed).toBe(true);
    expect(bad.diagnostics.map((d) => d.code)).toContain('usage');
  });
});
