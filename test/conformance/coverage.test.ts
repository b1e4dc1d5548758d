import { describe, expect, it } from 'vitest';
import { COMPOSE_SCHEMA } from '../../src/compose/schema/index.js';
import { readFileSync } from 'node:fs';
import { OFFICIAL_SCHEMA_FILE, OFFICIAL_SCHEMA_NAME, officialSchemaPresent, specKeys } from '../support/compose-keys.js';
import { CASES_DIR, caseNames, composeDocuments } from './harness.js';

/**
 * The conformance corpus (test/conformance/config/) covers the compose schema: every key path of the
 * project's own schema (src/compose/schema), top-level, service, resource and nested keys alike
 * (`services.deploy.resources.limits.pids`), appears in at least one case.
 */
const spec = specKeys(COMPOSE_SCHEMA as Record<string, unknown>);

/** The schema key paths a document uses (`services.deploy.resources`), names users choose skipped. */
function usedKeys(doc: unknown, path = '', out = new Set<string>(), names = false): Set<string> {
  if (Array.isArray(doc)) {
    for (const item of doc) usedKeys(item, path, out);
    return out;
  }
  if (!doc || typeof doc !== 'object') return out;
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    if (key.startsWith('x-') || key === '<<') continue;
    // A name (`services.web`): its value has the keys of the level itself.
    if (names) {
      usedKeys(value, path, out);
      continue;
    }
    const child = path ? `${path}.${key}` : key;
    out.add(child);
    // Free-form maps (labels, environment, driver_opts...) hold user keys, not schema keys.
    if (spec.children.has(child) || spec.namedLevels.has(child)) usedKeys(value, child, out, spec.namedLevels.has(child));
  }
  return out;
}

function corpusKeys(): Set<string> {
  const used = new Set<string>();
  for (const name of caseNames()) for (const doc of composeDocuments(`${CASES_DIR}/${name}`)) usedKeys(doc, '', used);
  return used;
}

describe('the conformance corpus covers the compose schema', () => {
  const used = corpusKeys();
  const required = [...spec.keys].sort();

  it('uses every key of src/compose/schema, at every depth', () => {
    expect(required).toContain('services.image');
    expect(required).toContain('services.deploy.resources.limits.pids');
    expect(required.filter((k) => !used.has(k))).toEqual([]);
  });

  it.skipIf(!officialSchemaPresent())(`uses every top-level and service key of the official schema (${OFFICIAL_SCHEMA_NAME}; skipped when absent)`, () => {
    const official = specKeys(JSON.parse(readFileSync(OFFICIAL_SCHEMA_FILE, 'utf8')) as Record<string, unknown>);
    const keys = [...official.keys].filter((k) => k.split('.').length === 1 || (k.startsWith('services.') && k.split('.').length === 2));
    expect(keys.filter((k) => !used.has(k)).sort()).toEqual([]);
  });

  it('uses only keys the schema knows', () => {
    expect([...used].filter((k) => !spec.keys.has(k)).sort()).toEqual([]);
  });
});
