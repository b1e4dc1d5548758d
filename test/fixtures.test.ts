import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FIXTURES, convertFixture, diagnosticsText, fixtureNames } from './support/fixtures.js';
import { apiServerProblems } from './support/kube-checks.js';
import { strictProblems } from './support/strict-check.js';
import { validateWithModels } from './support/validate-models.js';

describe.each(fixtureNames())('fixture %s', (name) => {
  const result = convertFixture(name);

  it('converts to the expected manifests', async () => {
    await expect(result.text).toMatchFileSnapshot(join(FIXTURES, name, 'expected.yaml'));
  });

  it('reports the expected diagnostics', async () => {
    await expect(diagnosticsText(result)).toMatchFileSnapshot(join(FIXTURES, name, 'expected.diagnostics.txt'));
  });

  it.runIf(!result.failed)('emits objects an API server accepts', () => {
    expect(result.objects.length).toBeGreaterThan(0);
    expect(validateWithModels(result.objects)).toEqual([]);
    expect(apiServerProblems(result.objects)).toEqual([]);
    expect(strictProblems(result.objects)).toEqual([]);
  });

  it.runIf(!result.failed)('emits YAML that reads back as the same objects', () => {
    const docs = parseAllDocuments(result.text, { version: '1.1' }).map((d) => d.toJS());
    expect(docs).toEqual(JSON.parse(JSON.stringify(result.objects)));
  });

  it('gives byte-identical output on a second run', () => {
    expect(convertFixture(name).text).toBe(result.text);
  });
});
