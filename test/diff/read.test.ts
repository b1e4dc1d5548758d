import { describe, expect, it } from 'vitest';
import { diffObjects } from '../../src/diff/diff.js';
import { readManifests } from '../../src/diff/read.js';

const read = (text: string, path = 'k8s/app.yaml') => readManifests([{ path, text }]);

const CONFIG_MAP = (mode: string, readOnly: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx:1
      volumeMounts:
        - name: conf
          mountPath: /etc/nginx
          readOnly: ${readOnly}
  volumes:
    - name: conf
      configMap:
        name: nginx
        defaultMode: ${mode}
`;

describe('readManifests', () => {
  it('reads multi-document streams, Lists and JSON', () => {
    const r = readManifests([
      { path: 'a.yaml', text: '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n' },
      { path: 'c.json', text: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}' },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => `${o.loc.file}:${o.loc.line} ${(o.object.metadata as { name: string }).name}`)).toEqual(['a.yaml:2 a', 'a.yaml:11 b', 'c.json:1 c']);
  });

  it.each([
    ['0644', 'yes'],
    ['0o644', 'true'],
    ['420', 'True'],
    ['0x1A4', 'on'],
  ])('reads defaultMode %s and readOnly %s as kubectl does (YAML 1.1 with 0o octals)', (mode, readOnly) => {
    const a = read(CONFIG_MAP('420', 'true'));
    const b = read(CONFIG_MAP(mode, readOnly));
    expect(b.diagnostics).toEqual([]);
    expect(diffObjects(a.objects, b.objects).summary.changed).toBe(0);
  });

  it('reads a %YAML 1.2 document as YAML 1.2', () => {
    const r = read(`%YAML 1.2\n---\n${CONFIG_MAP('0o644', 'true')}`);
    expect(diffObjects(read(CONFIG_MAP('420', 'true')).objects, r.objects).summary.changed).toBe(0);
    // In YAML 1.2, 0644 is the decimal number 644.
    const decimal = read(`%YAML 1.2\n---\n${CONFIG_MAP('0644', 'true')}`);
    expect(diffObjects(read(CONFIG_MAP('420', 'true')).objects, decimal.objects).summary.changed).toBe(1);
  });

  it('keeps timestamps and 1:30 as the strings kubectl reads', () => {
    const r = read('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  DAY: 2024-01-02\n  AT: 1:30\n');
    expect(r.objects[0]!.object.data).toEqual({ DAY: '2024-01-02', AT: '1:30' });
  });

  it('finds fields in the text, through the fast reader and the library alike', () => {
    const block = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n';
    const flow = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n';
    expect(read(block).objects[0]!.locate(['spec', 'ports', 0, 'targetPort'])).toEqual({ file: 'k8s/app.yaml', line: 8, column: 7 });
    expect(read(`# header\n---\n${block}`).objects[0]!.locate(['spec', 'ports', 0, 'targetPort'])).toEqual({ file: 'k8s/app.yaml', line: 10, column: 7 });
    expect(read(flow).objects[0]!.locate(['spec', 'ports', 0, 'targetPort'])).toEqual({ file: 'k8s/app.yaml', line: 5, column: 22 });
    // A path that is not in the file: where the nearest field is.
    expect(read(block).objects[0]!.locate(['spec', 'selector', 'app'])).toEqual({ file: 'k8s/app.yaml', line: 5, column: 1 });
  });

  it.each([
    ['a YAML syntax error', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [c\n', 'yaml-syntax', 5],
    ['a duplicate key', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 'yaml-duplicate-key', 5],
    ['a document that is a list', '- a\n- b\n', 'manifest-invalid', 1],
    ['a document without kind', 'apiVersion: v1\nmetadata:\n  name: a\n', 'manifest-invalid', 1],
    ['an object without a name', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: a-\n', 'manifest-invalid', 3],
    ['an error in the second document', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [\n', 'yaml-syntax', 7],
  ])('reports %s with its position', (_name, text, code, line) => {
    const r = read(text);
    expect(r.objects).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ code, severity: 'error', file: 'k8s/app.yaml', line });
  });

  it('reports invalid JSON with its position', () => {
    const r = read('{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"\n  "metadata": {}\n}\n', 'k8s/app.json');
    expect(r.diagnostics[0]).toMatchObject({ code: 'json-syntax', file: 'k8s/app.json', line: 4, column: 3 });
  });

  it('reads an alias bomb as an error, not as a billion strings', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(',')}]`);
    const r = read(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n${lines.join('\n')}\n`);
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml-too-large', severity: 'error' });
  });

  it('marks kustomization files', () => {
    const r = read('resources:\n  - web.yaml\n', 'k8s/kustomization.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.objects[0]!.kustomization).toBe(true);
  });
});
