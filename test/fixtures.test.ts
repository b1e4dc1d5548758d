import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FIXTURES, convertFixture, diagnosticsText, fixtureNames } from './support/fixtures.js';
import { apiProblems } from './support/api-checks.js';

describe.each(fixtureNames())('fixture %s', (name) => {
  const result = convertFixture(name);

  it('converts to the expected manifests', async () => {
    await expect(result.text).toMatchFileSnapshot(join(FIXTURES, name, 'expected.yaml'));
  });

  it('reports the expected diagnostics', async () => {
    await expect(diagnosticsText(result)).toMatchFileSnapshot(join(FIXTURES, name, 'expected.diagnostics.txt'));
  });

  if (result.failed) {
    it('emits nothing, since the project has errors', () => {
      expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      expect({ objects: result.objects, text: result.text, files: result.files }).toEqual({ objects: [], text: '', files: [] });
    });
  } else {
    it('emits objects an API server accepts', () => {
      expect(result.objects.length).toBeGreaterThan(0);
      expect(apiProblems(result.objects)).toEqual([]);
    });

    it('emits YAML that reads back as the same objects', () => {
      const docs = parseAllDocuments(result.text, { version: '1.1' }).map((d) => d.toJS());
      expect(docs).toEqual(JSON.parse(JSON.stringify(result.objects)));
    });
  }

  it('gives byte-identical output on a second run', () => {
    expect(convertFixture(name).text).toBe(result.text);
  });
});
