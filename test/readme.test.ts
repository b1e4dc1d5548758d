import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EQUIVALENCES } from '../src/mapping/equivalences/index.js';
import { MAPPING_TABLE_MARKER, assembleReadme, mappingTable, readmeFragments } from './support/readme.js';

const ROOT = join(import.meta.dirname, '..');
const fragments = readmeFragments(join(ROOT, 'docs', 'readme'));

describe('README.md', () => {
  it('has exactly one place for the mapping table', () => {
    const marked = fragments.filter((f) => f.text.split('\n').some((l) => l.trim() === MAPPING_TABLE_MARKER));
    expect(marked.map((f) => f.name)).toEqual(['50-mapping.md']);
  });

  it('lists every row of the table of equivalences once', () => {
    const table = mappingTable(EQUIVALENCES);
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(EQUIVALENCES.length);
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(7);
  });

  // `npm run test:update -- test/readme.test.ts` writes README.md from the fragments and the table.
  it('is assembled from docs/readme/*.md and the table of equivalences', async () => {
    const text = assembleReadme(fragments, EQUIVALENCES);
    expect(text).not.toContain(MAPPING_TABLE_MARKER);
    await expect(text).toMatchFileSnapshot(join(ROOT, 'README.md'));
  });
});
