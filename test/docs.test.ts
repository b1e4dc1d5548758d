import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../src/diagnostics/codes.js';
import { KOMPOSE_LABELS_READ } from '../src/mapping/hints/kompose-labels.js';
import { GENERATORS, ROOT, excerptMismatches, excerpts, X_KUBERNETES_SCHEMAS, anchors, commandNames, commandOptions, docFiles, links, readDoc, regenerate, regions, schemaFields } from './support/docs.js';
import { X_KUBERNETES_FIELDS } from './support/docs-x-kubernetes.js';

/**
 * The documentation is README.md and docs/**\/*.md: hand-written pages with generated regions
 * (test/support/docs.ts). `npm run test:update -- test/docs.test.ts` rewrites stale regions.
 */
const files = docFiles();
const texts = new Map(files.map((f) => [f, readDoc(f)]));
const allRegions = files.flatMap((f) => regions(texts.get(f)!).map((r) => ({ ...r, file: f })));

/** The text of a page outside its generated regions: what a person wrote. */
function handWritten(text: string): string {
  return text.replace(/<!-- BEGIN GENERATED[\s\S]*?<!-- END GENERATED -->/g, '');
}

describe('the documentation', () => {
  it('has no docs/readme/ any more: README.md and docs/guide, docs/reference are edited directly', () => {
    expect(existsSync(join(ROOT, 'docs', 'readme'))).toBe(false);
  });

  it('has pages under docs/guide and docs/reference only', () => {
    const stray = files.filter((f) => f !== 'README.md' && !/^docs\/(guide|reference)\/[a-z0-9-]+\.md$/.test(f));
    expect(stray).toEqual([]);
  });

  it('docs/guide/development.md lists every generator', () => {
    const page = texts.get('docs/guide/development.md')!;
    for (const name of Object.keys(GENERATORS)) expect(page).toMatch(new RegExp(`\`${name}[ \`]`));
  });

  it('names only generators that exist, and uses every generator', () => {
    for (const r of allRegions) expect(Object.keys(GENERATORS), `${r.file}:${r.line}`).toContain(r.name);
    expect(new Set(allRegions.map((r) => r.name))).toEqual(new Set(Object.keys(GENERATORS)));
  });

  // `npm run test:update -- test/docs.test.ts` writes the regenerated regions; read the diff.
  it.each(files.filter((f) => regions(texts.get(f)!).length > 0))('%s: its generated regions are up to date', async (file) => {
    await expect(regenerate(texts.get(file)!)).toMatchFileSnapshot(join(ROOT, file));
  });
});

describe('excerpts', () => {
  const cases = files.flatMap((file) => excerpts(texts.get(file)!).map((e) => [`${file}:${e.line} ${e.name} ${e.arg ?? ''}`, e] as const));

  it('exist (the check sees them)', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s shows lines of the real output, in order', (_, e) => {
    const generator = GENERATORS[e.name];
    expect(generator, `a generator named ${e.name}`).toBeDefined();
    expect(e.lines.filter((l) => l.trim() !== '...').length).toBeGreaterThan(3);
    expect(excerptMismatches(e.lines, generator!(e.arg))).toEqual([]);
  });
});

describe('docs/guide/read-your-manifests.md', () => {
  // The prose quotes comments of the output (`# environment <- compose.yaml:10:7`): they must be in it.
  it('quotes only comments that the generated output has', () => {
    const text = regenerate(texts.get('docs/guide/read-your-manifests.md')!);
    const generated = text.match(/<!-- BEGIN GENERATED[\s\S]*?<!-- END GENERATED -->/g)!.join('\n');
    const quotes = [...handWritten(text).replace(/\s*\n\s*/g, ' ').matchAll(/`(# [^`]+)`/g)].map((m) => m[1]!);
    expect(quotes.length).toBeGreaterThan(2);
    for (const q of quotes) expect(generated.replace(/\s*\n\s*/g, ' '), q).toContain(q.replace(/\.\.\.\)?$/, ''));
  });
});

describe('every page', () => {
  it.each(files)('%s has one title, on its first line', (file) => {
    const text = texts.get(file)!;
    expect(text.split('\n')[0]).toMatch(/^# \S/);
    const titles = text.split('\n').filter((l, i, all) => l.startsWith('# ') && all.slice(0, i).filter((x) => /^\s*```/.test(x)).length % 2 === 0);
    expect(titles).toHaveLength(1);
  });
});

describe('links between pages', () => {
  const cases = files.flatMap((file) =>
    links(texts.get(file)!)
      .filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l.target))
      .map((l) => [`${file}:${l.line} ${l.target}`, file, l.target] as const),
  );

  it('exist (the check sees links)', () => {
    expect(cases.length).toBeGreaterThan(50);
    expect(cases.some(([, , t]) => t.includes('#') && !t.startsWith('#'))).toBe(true);
  });

  it.each(cases)('%s resolves', (_, file, target) => {
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const resolved = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path))).split('\\').join('/');
    expect(existsSync(join(ROOT, resolved)), `${resolved} exists`).toBe(true);
    if (anchor !== undefined) {
      expect(resolved.endsWith('.md'), 'an #anchor points into a markdown page').toBe(true);
      expect(statSync(join(ROOT, resolved)).isFile()).toBe(true);
      expect([...anchors(readDoc(resolved))], `#${anchor} is a heading of ${resolved}`).toContain(anchor);
    }
  });
});

describe('every option is documented', () => {
  it('README.md has the options table of the program and of every command', () => {
    const tables = allRegions.filter((r) => r.file === 'README.md' && r.name === 'options').map((r) => r.arg ?? 'global');
    expect(tables.sort()).toEqual(['global', 'mapping', 'project', ...commandNames()].sort());
  });

  it('README.md lists every option of every command in a table', () => {
    const readme = regenerate(texts.get('README.md')!);
    for (const c of [undefined, ...commandNames()]) {
      for (const o of commandOptions(c)) expect(readme, `${c ?? 'global'} ${o.flags}`).toContain(`| \`${o.flags}\` |`);
    }
  });

  const guide = files.filter((f) => f.startsWith('docs/')).map((f) => handWritten(texts.get(f)!)).join('\n');
  const longFlags = [undefined, ...commandNames()].flatMap((c) =>
    commandOptions(c).map((o) => [c ?? 'global', o.long!] as const),
  );

  it('the check sees the options', () => {
    expect(longFlags.length).toBeGreaterThan(30);
  });

  // The tables say what an option is; a page says when to use it.
  it.each(longFlags)('%s %s is explained in hand-written prose under docs/', (_, flag) => {
    expect(guide).toMatch(new RegExp(`(?<![a-z-])${flag}(?![a-z-])`));
  });
});

describe('the reference pages', () => {
  it('docs/reference/diagnostics.md lists every diagnostic code', () => {
    const text = texts.get('docs/reference/diagnostics.md')!;
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(text).toContain(`| \`${code}\` |`);
  });

  it('docs/reference/mapping.md has the mapping table', () => {
    expect(allRegions.filter((r) => r.name === 'mapping-table').map((r) => r.file)).toEqual(['docs/reference/mapping.md']);
  });

  it('docs/reference/x-kubernetes.md has a table for every x-kubernetes schema', () => {
    const tables = allRegions.filter((r) => r.name === 'x-kubernetes').map((r) => `${r.file} ${r.arg}`);
    expect(tables.sort()).toEqual(Object.keys(X_KUBERNETES_SCHEMAS).map((s) => `docs/reference/x-kubernetes.md ${s}`).sort());
  });

  it('describes exactly the fields of the x-kubernetes schemas', () => {
    const fields = Object.entries(X_KUBERNETES_SCHEMAS).flatMap(([name, schema]) => schemaFields(schema).map((f) => `${name}.${f.path}`));
    expect(fields.length).toBeGreaterThan(20);
    expect(Object.keys(X_KUBERNETES_FIELDS).sort()).toEqual(fields.sort());
  });

  it('docs/reference/kompose.md lists every kompose.* label compose2kube reads', () => {
    const text = texts.get('docs/reference/kompose.md')!;
    expect(KOMPOSE_LABELS_READ.length).toBeGreaterThan(10);
    for (const label of KOMPOSE_LABELS_READ) expect(text).toMatch(new RegExp(`\`${label.replace(/\./g, '\\.')}(?![\\w.-])`));
  });
});
