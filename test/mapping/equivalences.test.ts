import { describe, expect, it } from 'vitest';
import { EQUIVALENCES, equivalence, type Equivalence } from '../../src/mapping/equivalences/index.js';
import { SERVICE_EXTENSION_SCHEMA } from '../../src/mapping/hints/extension-schema.js';
import { NAMED_LEVELS } from '../../src/mapping/fidelity.js';
import { OFFICIAL_SCHEMA_NAME, mergedSpecKeys, officialSchemaPresent, specKeys, specSchemas } from '../support/compose-keys.js';

const spec = mergedSpecKeys();

/** Sections of the project whose elements the fidelity pass walks unless the section is unsupported. */
const SECTIONS = ['networks', 'volumes', 'secrets', 'configs', 'models'];

/**
 * Keys that need a row: every key of a service and of the top level, and every key inside one
 * whose row is exact (the fidelity pass walks into those; a key there without a row would be
 * dropped without a word). Keys inside an approximate or unsupported key are covered by its warning.
 */
function requiredKeys(): string[] {
  const required = new Set<string>();
  const add = (key: string) => {
    if (required.has(key)) return;
    required.add(key);
    const row = equivalence(key);
    const walked = row?.fidelity === 'exact' || (SECTIONS.includes(key) && row !== undefined && row.fidelity !== 'unsupported');
    if (walked) for (const child of spec.children.get(key) ?? []) add(child);
  };
  for (const key of spec.keys) if (!key.includes('.') || /^services\.[^.]+$/.test(key)) add(key);
  return [...required].sort();
}

/** Keys the compose specification documents (compose-spec 05-services.md, 06-networks.md...), as dotted paths. */
const DOCUMENTED_KEYS = [
  'services.image',
  'services.build.context',
  'services.deploy.resources.limits.cpus',
  'services.healthcheck.test',
  'services.ports',
  'networks.driver',
  'volumes.driver_opts',
  'secrets.file',
  'configs.content',
];

const official = officialSchemaPresent();

describe('the table of equivalences', () => {
  it('enumerates the compose keys from the project\'s own schema', () => {
    const [own] = specSchemas();
    expect(own!.name).toBe('src/compose/schema');
    const keys = specKeys(own!.schema).keys;
    expect(DOCUMENTED_KEYS.filter((k) => !keys.has(k))).toEqual([]);
    expect(keys.size).toBeGreaterThan(300);
    expect(keys.has('services.no_such_key')).toBe(false);
  });

  // Without the official schema the key coverage below is checked against src/compose/schema only: say so.
  it.skipIf(!official)(
    official
      ? `enumerates the official compose schema too (${OFFICIAL_SCHEMA_NAME})`
      : `enumerates the official compose schema too: skipped, ${OFFICIAL_SCHEMA_NAME} is absent (keys come from src/compose/schema only)`,
    () => {
      expect(specSchemas().map((s) => s.name)).toEqual(['src/compose/schema', OFFICIAL_SCHEMA_NAME]);
      const keys = specKeys(specSchemas()[1]!.schema).keys;
      expect(DOCUMENTED_KEYS.filter((k) => !keys.has(k))).toEqual([]);
      for (const k of keys) expect(spec.keys.has(k)).toBe(true);
    },
  );

  it('has a row for every key of the compose specification the fidelity pass can reach', () => {
    const missing = requiredKeys().filter((k) => !equivalence(k));
    expect(missing).toEqual([]);
  });

  it('has a row for the x- extensions and for every field of x-kubernetes', () => {
    const extension = ['x-*', 'services.x-kubernetes', 'volumes.x-kubernetes', 'services.volumes.x-kubernetes', ...Object.keys(SERVICE_EXTENSION_SCHEMA.properties).map((k) => `services.x-kubernetes.${k}`)];
    expect(extension.filter((k) => !equivalence(k))).toEqual([]);
  });

  it('has each key once', () => {
    const seen = new Set<string>();
    const twice = EQUIVALENCES.map((e) => e.key).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
    expect(twice).toEqual([]);
  });

  it('only has rows for keys that exist', () => {
    // A key with nothing inside it in the schema may have rows for the options written in its value (security_opt).
    const optionOfLeaf = (k: string) => {
      const parent = k.slice(0, k.lastIndexOf('.'));
      return spec.keys.has(parent) && !spec.children.has(parent);
    };
    const known = (k: string) => spec.keys.has(k) || optionOfLeaf(k) || k === 'x-*' || /^((services|volumes|services\.volumes)\.)?x-kubernetes(\.|$)/.test(k);
    expect(EQUIVALENCES.map((e) => e.key).filter((k) => !known(k))).toEqual([]);
  });

  it('steps over the same levels of names as the compose schemas', () => {
    for (const { schema } of specSchemas()) {
      expect([...specKeys(schema).namedLevels].filter((l) => l !== 'services').sort()).toEqual([...NAMED_LEVELS].sort());
    }
  });

  const rows = (list: readonly Equivalence[]) => list.map((e) => [e.key, e] as const);

  it.each(rows(EQUIVALENCES))('row %s explains itself in one line and links to documentation', (_key, row) => {
    expect(row.explanation.trim()).not.toBe('');
    expect(row.explanation).not.toContain('\n');
    expect(row.target.trim()).not.toBe('');
    expect(row.docs).toMatch(/^https:\/\/(kubernetes\.io|docs\.docker\.com)\//);
  });

  it.each(rows(EQUIVALENCES.filter((e) => e.fidelity !== 'exact')))('row %s says why it is not exact and what to do instead', (_key, row) => {
    expect(row.reason?.trim()).toBeTruthy();
    expect(row.instead?.trim()).toBeTruthy();
  });

  it.each(rows(EQUIVALENCES.filter((e) => e.values)))('row %s says why a value is not exact and what to do instead', (_key, row) => {
    for (const [value, v] of Object.entries(row.values ?? {})) {
      if (v.fidelity === 'exact') continue;
      expect({ value, reason: v.reason ?? row.reason }).toEqual({ value, reason: expect.stringMatching(/\S/) });
      expect({ value, instead: v.instead ?? row.instead }).toEqual({ value, instead: expect.stringMatching(/\S/) });
    }
  });
});
