import { describe, expect, it } from 'vitest';
import { diffObjects, type DiffSide } from '../../src/diff/diff.js';
import { diffJson, formatDiffText } from '../../src/diff/format.js';
import type { JsonObject } from '../../src/diff/json.js';
import { readManifests } from '../../src/diff/read.js';
import { convert } from '../support/api-checks.js';
import { writeYaml } from '../../src/emit/yaml-writer.js';

const COMPOSE = `name: shop
services:
  web:
    image: ghcr.io/example/shop-web:1.4.2
    ports: ["8080:8000"]
    environment:
      DATABASE_HOST: db
      DEBUG: "false"
    volumes:
      - uploads:/srv/uploads
    deploy:
      replicas: 2
      resources:
        limits: {cpus: "0.5", memory: 512M}
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: canary-never-shown-7731
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  uploads:
  db-data:
`;

function generated(compose = COMPOSE): JsonObject[] {
  const r = convert({ 'compose.yaml': compose });
  expect(r.failed).toBe(false);
  return JSON.parse(JSON.stringify(r.objects)) as JsonObject[];
}

const sides = (objects: JsonObject[]): DiffSide[] => objects.map((object) => ({ object }));
const find = (objects: JsonObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && (o.metadata as JsonObject).name === name)!;
const deployment = (objects: JsonObject[], name = 'web') => find(objects, 'Deployment', name) as { spec: { replicas?: number; template: { spec: { containers: JsonObject[]; initContainers?: JsonObject[]; volumes?: JsonObject[] } } } };
const container = (objects: JsonObject[], name = 'web') => deployment(objects, name).spec.template.spec.containers[0] as { image: string; env: JsonObject[]; ports: JsonObject[]; volumeMounts: JsonObject[]; resources: { limits: JsonObject; requests?: JsonObject } };

/** Compares `after` with `before` changed by `edit`; returns the field changes by object. */
function changesAfter(edit: (before: JsonObject[]) => void) {
  const after = generated();
  const before = generated();
  edit(before);
  const result = diffObjects(sides(after), sides(before));
  return { result, changed: result.objects.filter((o) => o.status !== 'unchanged') };
}

describe('diffObjects', () => {
  it('finds no difference between a conversion and itself', () => {
    const r = diffObjects(sides(generated()), sides(generated()));
    expect(r.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: r.objects.length });
    expect(r.objects.length).toBeGreaterThan(5);
  });

  it('an object only the conversion has is added; one only the manifests have is removed', () => {
    const { result } = changesAfter((before) => {
      const i = before.findIndex((o) => o.kind === 'Service' && (o.metadata as JsonObject).name === 'db');
      const [svc] = before.splice(i, 1);
      before.push({ ...svc!, metadata: { name: 'old-cache' } });
    });
    expect(result.summary.added).toBe(1);
    expect(result.summary.removed).toBe(1);
    expect(result.objects.find((o) => o.status === 'added')!.id).toMatchObject({ kind: 'Service', name: 'db' });
    expect(result.objects.find((o) => o.status === 'removed')!.id).toMatchObject({ kind: 'Service', name: 'old-cache' });
    expect(result.objects.find((o) => o.status === 'added')!.diff).toMatch(/^--- \/dev\/null\n\+\+\+ /);
  });

  it('a changed field shows its path with the old and the new value', () => {
    const { changed } = changesAfter((before) => {
      deployment(before).spec.replicas = 3;
    });
    expect(changed).toHaveLength(1);
    expect(changed[0]!.changes).toEqual([expect.objectContaining({ path: 'spec.replicas', type: 'changed', before: 3, after: 2 })]);
  });

  it('an image tag change', () => {
    const { changed } = changesAfter((before) => {
      container(before).image = 'ghcr.io/example/shop-web:1.4.1';
    });
    expect(changed[0]!.changes).toEqual([
      expect.objectContaining({ path: 'spec.template.spec.containers[name=web].image', before: 'ghcr.io/example/shop-web:1.4.1', after: 'ghcr.io/example/shop-web:1.4.2' }),
    ]);
  });

  it('an env value change, an env entry added and one removed: matched by name, not position', () => {
    const { changed } = changesAfter((before) => {
      const env = container(before).env;
      env.unshift({ name: 'LEGACY', value: '1' });
      env.find((e) => e.name === 'DEBUG')!.value = 'true';
      env.splice(
        env.findIndex((e) => e.name === 'DATABASE_HOST'),
        1,
      );
    });
    const paths = changed[0]!.changes.map((c) => `${c.type} ${c.path}`);
    expect(paths).toEqual([
      'added spec.template.spec.containers[name=web].env[name=DATABASE_HOST]',
      'changed spec.template.spec.containers[name=web].env[name=DEBUG].value',
      'removed spec.template.spec.containers[name=web].env[name=LEGACY]',
    ]);
  });

  it('list items added, removed and changed (ports, volume mounts by mount path, volumes)', () => {
    const { changed } = changesAfter((before) => {
      const c = container(before);
      c.ports.push({ name: 'tcp-9090', containerPort: 9090, protocol: 'TCP' });
      c.volumeMounts[0]!.mountPath = '/srv/old-uploads';
      deployment(before).spec.template.spec.volumes![0]!.name = 'renamed';
    });
    const paths = changed[0]!.changes.map((c) => `${c.type} ${c.path}`);
    expect(paths).toContain('removed spec.template.spec.containers[name=web].ports[name=tcp-9090]');
    expect(paths).toContain('added spec.template.spec.volumes[name=uploads]');
    expect(paths).toContain('removed spec.template.spec.volumes[name=renamed]');
    expect(paths.some((p) => p.startsWith('changed spec.template.spec.containers[name=web].volumeMounts'))).toBe(true);
  });

  it('the order of named items does not count, except for init containers and env', () => {
    const twoContainers = (before: JsonObject[]) => {
      const spec = deployment(before).spec.template.spec;
      spec.containers.push({ name: 'sidecar', image: 'busybox:1' });
      return spec;
    };
    const after = generated();
    twoContainers(after);
    const before = generated();
    twoContainers(before).containers.reverse();
    expect(diffObjects(sides(after), sides(before)).summary.changed).toBe(0);
    const { changed } = changesAfter((b) => container(b).env.reverse());
    expect(changed[0]!.changes).toEqual([expect.objectContaining({ type: 'reordered', path: 'spec.template.spec.containers[name=web].env' })]);
  });

  it('compares quantities by value: 500m is 0.5, 512Mi is 536870912 and 524288Ki', () => {
    const after = generated();
    for (const [cpu, memory] of [
      ['0.5', 536870912],
      [0.5, '524288Ki'],
      ['500m', '0.5Gi'],
    ] as const) {
      const before = generated();
      container(before).resources.limits = { cpu, memory };
      expect(diffObjects(sides(after), sides(before)).summary.changed, `${cpu} ${memory}`).toBe(0);
    }
    const before = generated();
    container(before).resources.limits = { cpu: '1', memory: '512Mi' };
    expect(diffObjects(sides(after), sides(before)).objects.flatMap((o) => o.changes.map((c) => c.path))).toContain('spec.template.spec.containers[name=web].resources.limits.cpu');
  });

  it('ignores what a server assigns when the manifest does not set it, not when it does', () => {
    const after = generated();
    const before = generated();
    const svc = find(before, 'Service', 'web') as { spec: JsonObject & { ports: JsonObject[] } };
    svc.spec.clusterIP = '10.96.0.10';
    svc.spec.ports[0]!.nodePort = 30080;
    expect(diffObjects(sides(after), sides(before)).summary.changed).toBe(0);
    (find(after, 'Service', 'web') as { spec: JsonObject }).spec.clusterIP = '10.96.0.20';
    const changes = diffObjects(sides(after), sides(before)).objects.flatMap((o) => o.changes);
    expect(changes).toEqual([expect.objectContaining({ path: 'spec.clusterIP', before: '10.96.0.10', after: '10.96.0.20' })]);
  });

  it('an object without a namespace matches one in any namespace, or in the one given', () => {
    const before = generated().map((o) => ({ ...o, metadata: { ...(o.metadata as JsonObject), namespace: 'shop' } }));
    expect(diffObjects(sides(generated()), sides(before)).summary.changed + diffObjects(sides(generated()), sides(before)).summary.added).toBe(0);
    expect(diffObjects(sides(generated()), sides(before), { namespace: 'shop' }).summary.added).toBe(0);
    const elsewhere = diffObjects(sides(generated()), sides(before), { namespace: 'staging' });
    expect(elsewhere.summary.unchanged).toBe(0);
    expect(elsewhere.summary.added).toBe(elsewhere.summary.removed);
  });

  it('warns about an object defined twice and compares the last', () => {
    const before = generated();
    const copy = structuredClone(find(before, 'Service', 'db'));
    (copy as { spec: JsonObject }).spec.sessionAffinity = 'ClientIP';
    before.push(copy);
    const r = diffObjects(sides(generated()), sides(before));
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'manifest-duplicate', severity: 'warning' })]);
    expect(r.objects.find((o) => o.id.name === 'db' && o.id.kind === 'Service')!.changes[0]!.path).toBe('spec.sessionAffinity');
  });

  it('matches by API group: the same kind and name in another group is another object', () => {
    const before = generated();
    (find(before, 'Deployment', 'web') as JsonObject).apiVersion = 'example.com/v1';
    const r = diffObjects(sides(generated()), sides(before));
    expect(r.summary).toMatchObject({ added: 1, removed: 1 });
  });
});

describe('Secret values never appear in a diff', () => {
  const CANARY = 'canary-never-shown-7731';
  const CANARY_B64 = btoa(CANARY);

  function everything(after: JsonObject[], before: JsonObject[]): string {
    const r = diffObjects(sides(after), sides(before));
    return `${formatDiffText(r)}\n${JSON.stringify(diffJson(r))}\n${JSON.stringify(r)}`;
  }

  const secret = (objects: JsonObject[]) => objects.find((o) => o.kind === 'Secret')! as { data: Record<string, string>; stringData?: Record<string, string> };

  it.each([
    ['a changed value', (b: JsonObject[]) => (secret(b).data.POSTGRES_PASSWORD = btoa('the-old-password-5521'))],
    ['a key only the manifests have', (b: JsonObject[]) => (secret(b).data.OLD_TOKEN = btoa('the-old-password-5521'))],
    ['a key only the conversion has', (b: JsonObject[]) => delete (secret(b).data as Record<string, string | undefined>).POSTGRES_PASSWORD],
    ['no data at all in the manifests', (b: JsonObject[]) => delete (secret(b) as { data?: unknown }).data],
    ['stringData in the manifests', (b: JsonObject[]) => {
      delete (secret(b) as { data?: unknown }).data;
      secret(b).stringData = { POSTGRES_PASSWORD: 'the-old-password-5521' };
    }],
    ['the Secret only in the conversion', (b: JsonObject[]) => b.splice(b.findIndex((o) => o.kind === 'Secret'), 1)],
  ])('%s', (_name, edit) => {
    const before = generated();
    edit(before);
    const text = everything(generated(), before);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(CANARY_B64);
    expect(text).not.toContain('the-old-password-5521');
    expect(text).not.toContain(btoa('the-old-password-5521'));
    expect(text).toMatch(/\*\*\*/);
  });

  it('a changed value says that it changed', () => {
    const before = generated();
    secret(before).data.POSTGRES_PASSWORD = btoa('the-old-password-5521');
    const r = diffObjects(sides(generated()), sides(before));
    const text = formatDiffText(r);
    expect(text).toMatch(/data\.POSTGRES_PASSWORD: changed \(value hidden\)/);
    expect(text).toMatch(/^- {2}POSTGRES_PASSWORD: "\*\*\* \(before\)"$/m);
    expect(text).toMatch(/^\+ {2}POSTGRES_PASSWORD: "\*\*\* \(after\)"$/m);
    expect(JSON.stringify(diffJson(r))).toMatch(/"masked":true/);
  });

  it('the Secret only in the manifests (removed)', () => {
    const after = generated();
    after.splice(after.findIndex((o) => o.kind === 'Secret'), 1);
    const text = everything(after, generated());
    expect(text).not.toContain(CANARY_B64);
    expect(text).toMatch(/removed +Secret/);
  });
});

describe('locations of changes', () => {
  it('names the file, line and column of the old value', () => {
    const after = generated();
    const before = structuredClone(after);
    deployment(before).spec.replicas = 5;
    const text = convertText(before);
    const read = readManifests([{ path: 'k8s/all.yaml', text }]);
    expect(read.diagnostics).toEqual([]);
    const r = diffObjects(sides(after), read.objects);
    const change = r.objects.flatMap((o) => o.changes)[0]!;
    expect(change.loc).toMatchObject({ file: 'k8s/all.yaml' });
    expect(text.split('\n')[change.loc!.line - 1]!.slice(change.loc!.column - 1)).toBe('replicas: 5');
  });
});

function convertText(objects: JsonObject[]): string {
  return objects.map((o) => `---\n# ${String(o.kind)}\n${writeYaml(o)}`).join('');
}
