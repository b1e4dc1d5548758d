import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scanYaml } from '../../playground/src/fields.js';
import { collect } from '../../playground/src/model.js';
import type { ScannedField } from '../../playground/src/fields.js';
import { convert } from '../support/api-checks.js';
import { FIXTURES, fixtureNames, fixtureOptions, fixtureReader } from '../support/fixtures.js';
import { join } from 'node:path';

/**
 * The playground finds the emitted fields by scanning lines (fields.ts), not by parsing: every
 * key and list item must be where the yaml library's own parse puts it, in every fixture's output
 * at every annotation level, with each document's kind, name and namespace.
 */
function parsed(text: string) {
  return parseAllDocuments(text, { version: '1.1' }).map((doc) => {
    const fields: ScannedField[] = [];
    collect(doc.contents, [], fields);
    const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
    return { starts: fields.map((f) => [JSON.stringify(f.path), f.from]), kind: str(doc.get('kind')), name: str(doc.getIn(['metadata', 'name'])), namespace: str(doc.getIn(['metadata', 'namespace'])) };
  });
}

function scanned(text: string) {
  return scanYaml(text).map((doc) => ({ starts: doc.fields.map((f) => [JSON.stringify(f.path), f.from]), kind: doc.kind, name: doc.name, namespace: doc.namespace }));
}

const converted = fixtureNames()
  .map((name) => ({ name, result: convert(fixtureReader(join(FIXTURES, name)), { ...fixtureOptions(name), namespace: 'shop' }) }))
  .filter(({ result }) => !result.failed);

describe('the playground scanner of emitted YAML', () => {
  it('has outputs to check', () => {
    expect(converted.length).toBeGreaterThan(20);
  });

  it.each(converted.map((c) => c.name))('locates every field of %s as the yaml library does', (name) => {
    const { result } = converted.find((c) => c.name === name)!;
    for (const annotate of ['full', 'brief', 'none'] as const) {
      const text = convert(fixtureReader(join(FIXTURES, name)), { ...fixtureOptions(name), namespace: 'shop', annotate }).text;
      expect(scanned(text)).toEqual(parsed(text));
    }
    expect(result.objects.length).toBeGreaterThan(0);
  });

  it('reads quoted keys, block scalars and nested lists', () => {
    const text = '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a-b"\n  namespace: \'ns\'\ndata:\n  "weird: key": x\n  script: |-\n    line: 1\n    - not an item\n  after: y\nitems:\n  - - 1\n    - 2\n  - name: z\n    v: []\n';
    expect(scanned(text)).toEqual(parsed(text));
  });
});
