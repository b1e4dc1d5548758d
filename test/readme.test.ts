import { describe, expect, it } from 'vitest';
import { EQUIVALENCES } from '../src/mapping/equivalences/index.js';
import { docFiles, links, readDoc, regenerate } from './support/docs.js';
import { mappingTable } from './support/readme.js';

/**
 * README.md is what a newcomer reads in five minutes: the two commands first, a tour, the options
 * of every command (generated from the program), the limits, and links to every page under docs/.
 * Its generated regions are checked with the rest of the docs (test/docs.test.ts).
 */
const README = readDoc('README.md');
const readme = regenerate(README);

describe('README.md', () => {
  it('is at most 300 lines, generated regions included', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('starts with the two commands a new user types on a fresh machine', () => {
    const [title, blank, fence, ...rest] = readme.split('\n');
    expect(title).toBe('# compose2kube');
    expect(blank).toBe('');
    expect(fence).toBe('```sh');
    expect(rest.slice(0, 3)).toEqual(['npm install && npx compose2kube convert -f fixtures/web-postgres/compose.yaml', 'npm test', '```']);
  });

  it('links every page under docs/', () => {
    const linked = new Set(links(README).map((l) => l.target.split('#')[0]));
    const pages = docFiles().filter((f) => f.startsWith('docs/'));
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });
});

describe('the mapping table (docs/reference/mapping.md)', () => {
  it('lists every row of the table of equivalences once', () => {
    const table = mappingTable(EQUIVALENCES);
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(EQUIVALENCES.length);
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(7);
  });
});
