import { describe, expect, it } from 'vitest';
import { Lexer, parseAllDocuments } from 'yaml';
import { ANNOTATION_LEVELS } from '../../src/emit/yaml.js';
import { sameSubject } from '../../src/mapping/subjects.js';
import { convertFixture, fixtureNames } from '../support/fixtures.js';

const converted = fixtureNames()
  .map((name) => ({ name, results: Object.fromEntries(ANNOTATION_LEVELS.map((level) => [level, convertFixture(name, { annotate: level })])) }))
  .filter((f) => !f.results.full!.failed);

/** The documents of a stream, each as its text (the `---` markers dropped). */
const documents = (text: string): string[] => text.split(/^---\n/m).slice(1);
/** The comments of a YAML text, as the YAML lexer finds them: a `#` line inside a block scalar (a script) is content. */
const comments = (text: string): string[] => [...new Lexer().lex(text)].filter((t) => t.startsWith('#')).map((t) => t.replace(/^#\s?/, ''));
/** A compose source position: `compose.yaml:12` (with or without a column), or another project file. */
const CITES = /[\w.-]+\.(ya?ml|env):\d+/;

describe.each(converted)('annotation levels of fixture $name', ({ results }) => {
  const objects = JSON.parse(JSON.stringify(results.full!.objects)) as unknown[];

  it.each(ANNOTATION_LEVELS)('%s emits the same objects as every other level', (level) => {
    const parsed = parseAllDocuments(results[level]!.text, { version: '1.1' }).map((d) => d.toJS() as unknown);
    expect(parsed).toEqual(objects);
  });

  it('none has no comment at all', () => {
    expect(comments(results.none!.text)).toEqual([]);
  });

  it('brief names the compose origin of each object and field, and explains nothing', () => {
    for (const doc of documents(results.brief!.text)) {
      const lines = comments(doc);
      expect(lines[0]).toMatch(/^\S+ \S+ <- .+, [\w./-]+:\d+$/);
      for (const line of lines.slice(1)) expect(line).toMatch(/^[\w.*-]+ <- [^,\s]+:\d+(, [\w.*-]+ <- [^,\s]+:\d+)*$/);
      expect(lines.join('\n')).not.toMatch(/Why |docs: |\(exact\)|\(approximate\)/);
    }
  });

  it('full gives every object at least three explanatory comments that cite a compose line, a kind rationale and docs links', () => {
    const docs = documents(results.full!.text);
    expect(docs).toHaveLength(objects.length);
    for (const doc of docs) {
      const lines = comments(doc);
      const citing = lines.filter((l) => CITES.test(l) && l.replace(CITES, '').trim().length > 20);
      expect(citing.length, lines.join('\n')).toBeGreaterThanOrEqual(3);
      expect(lines.some((l) => /^Why an? [A-Z]\w+/.test(l))).toBe(true);
      expect(lines.some((l) => /docs: https:\/\/kubernetes\.io\/docs\//.test(l))).toBe(true);
    }
  });

  it('full prints each warning that concerns an emitted object in that object, with what to do instead', () => {
    const result = results.full!;
    checkedWarnings += result.diagnostics.filter((d) => d.severity === 'warning').length;
    const text = result.text;
    for (const d of result.diagnostics) {
      if (d.severity !== 'warning') continue;
      const cited = result.mapped.some((o) => [o.origin.loc, ...o.notes.map((n) => n.loc)].some((l) => l.file === d.file && l.line === d.line && l.column === d.column));
      const owner = result.mapped.some((o) => sameSubject(o.subject, d.subject));
      if (!cited && !owner) continue;
      expect(text).toContain(`(${d.file}:${d.line}:${d.column}): ${d.message} [${d.code}]`);
      if (d.hint) expect(text).toContain(`instead: ${d.hint}`);
    }
  });
});

let checkedWarnings = 0;

describe('the warnings check', () => {
  it('saw the warnings of the fixtures', () => {
    // Runs after the fixtures' tests (vitest runs a file's tests in order).
    expect(checkedWarnings).toBeGreaterThan(30);
  });
});

describe('in-place comments', () => {
  const result = convertFixture('hardened-service');
  const lines = result.text.split('\n');
  const above = (pattern: RegExp): string => {
    const i = lines.findIndex((l) => pattern.test(l) && !/^\s*#/.test(l));
    let j = i - 1;
    while (j >= 0 && /^\s*#/.test(lines[j]!)) j--;
    return lines.slice(j + 1, i).join('\n');
  };

  it('say above the field that a key was approximated, and what to do instead', () => {
    expect(above(/^\s+seccompProfile:$/)).toMatch(/approximated \(compose\.yaml:21:9\): service "webhook" uses the seccomp profile/);
    expect(above(/^\s+seccompProfile:$/)).toMatch(/instead: copy \.\/seccomp\/webhook\.json/);
  });

  it('say above the container that a key made nothing, why, and what to do instead', () => {
    const container = above(/^\s+- name: webhook$/);
    expect(container).toMatch(/not converted \(compose\.yaml:26:5\): service "webhook": ulimits has no Kubernetes equivalent/);
    expect(container).toMatch(/instead: raise the soft limit/);
  });
});
