import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { emitObject } from '../../src/emit/yaml.js';
import type { MappedObject, Note } from '../../src/mapping/context.js';
import { convert } from '../support/api-checks.js';

/** Strings that a YAML 1.1 reader (kubectl's go-yaml v2) would turn into booleans, numbers or null. */
const TRICKY = ['yes', 'No', 'ON', 'off', 'y', 'n', '0755', '1:20', '1_000', '.inf', '~', 'null', '0x1F', '1e3', '012', 'True', '+1', '-.5', '2024-01-01'];

describe('emitted YAML', () => {
  const environment = TRICKY.map((v, i) => `      V${i}: "${v}"`).join('\n');
  const result = convert({ 'compose.yaml': `services:\n  app:\n    image: busybox\n    environment:\n${environment}\n` }, { workingDir: '/p', env: {} });

  it.each(TRICKY.map((v, i) => [v, i] as const))('keeps %j a string for a YAML 1.1 reader', (value, i) => {
    const [doc] = parseAllDocuments(result.text, { version: '1.1' }).filter((d) => (d.toJS() as { kind: string }).kind === 'Deployment');
    const env = (doc!.toJS() as { spec: { template: { spec: { containers: { env: { name: string; value: unknown }[] }[] } } } }).spec.template.spec.containers[0]!.env;
    expect(env.find((e) => e.name === `V${i}`)?.value).toBe(value);
  });

  it('starts every document with apiVersion, kind, metadata', () => {
    for (const doc of parseAllDocuments(result.text)) {
      expect(Object.keys(doc.toJS() as object).slice(0, 3)).toEqual(['apiVersion', 'kind', 'metadata']);
    }
  });

  it('never folds long lines (a folded command would change it)', () => {
    const long = 'x'.repeat(300);
    const r = convert({ 'compose.yaml': `services:\n  app:\n    image: busybox\n    command: ["echo", "${long}"]\n` }, { workingDir: '/p', env: {} });
    expect(r.text).toContain(`- ${long}\n`);
  });

  it('leaves comments out with comments: false', () => {
    const r = convert({ 'compose.yaml': 'services:\n  app:\n    image: busybox\n' }, { workingDir: '/p', env: {}, comments: false });
    expect(r.text).not.toMatch(/^\s*#/m);
    expect(r.text).toContain('kind: Deployment');
  });
});

const loc = (line: number) => ({ file: 'compose.yaml', line, column: 5 });

function configMap(notes: Note[]): MappedObject {
  return {
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { a: '1', b: '2' } },
    origin: { what: 'service "app"', loc: loc(2) },
    notes,
  };
}

describe('field comments', () => {
  it("show the row's fidelity when the note says nothing else", () => {
    const text = emitObject(configMap([{ path: ['data', 'a'], loc: loc(4), key: 'services.restart' }]));
    expect(text).toContain('# restart <- compose.yaml:4:5 (exact): always and unless-stopped');
  });

  it('show the fidelity of this occurrence when the note has one', () => {
    const text = emitObject(configMap([{ path: ['data', 'a'], loc: loc(4), key: 'services.restart', fidelity: 'approximate' }]));
    expect(text).toContain('# restart <- compose.yaml:4:5 (approximate): always and unless-stopped');
  });

  it('explain a key once per object, and again where the fidelity differs', () => {
    const text = emitObject(
      configMap([
        { path: ['data', 'a'], loc: loc(4), key: 'services.restart', fidelity: 'approximate' },
        { path: ['data', 'b'], loc: loc(5), key: 'services.restart', detail: 'second' },
        { path: ['metadata', 'name'], loc: loc(6), key: 'services.restart', fidelity: 'approximate', detail: 'third' },
      ]),
    );
    expect(text).toContain('# restart <- compose.yaml:4:5 (approximate): always');
    expect(text).toContain('# restart <- compose.yaml:5:5 (exact): always');
    expect(text).toContain('# restart <- compose.yaml:6:5; third');
  });
});
