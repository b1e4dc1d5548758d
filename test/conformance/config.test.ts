import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN_DIFFERENCES_FILE, actualOutput, caseNames, differences, knownDifferences, readCase } from './harness.js';

/**
 * `compose2kube config --format json` against Docker Compose's own loader, case by case
 * (test/conformance/config/<case>/expected.json, recorded with scripts/conformance-record.js from
 * compose-go and reviewed against the compose specification). Compared ignoring only key order and
 * absent versus empty collections. Where we differ today the case and JSON path are listed in
 * known-differences.json with the reason; the list can only shrink: a difference not listed fails,
 * and so does a listed one that is gone. `CONFORMANCE_PRUNE=1` deletes the gone entries from the
 * file instead (it never adds one); read the diff of the file afterwards.
 */
const known = knownDifferences();
const names = caseNames();
const prune = process.env.CONFORMANCE_PRUNE === '1';
const pruned: Record<string, string[]> = {};

/** `value` at a JSON path of differences(), for the failure message. */
function at(value: unknown, path: string): unknown {
  if (path === '$') return value;
  let cur = value;
  for (const m of path.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([A-Za-z_][\w-]*)/g)) {
    const key = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (JSON.parse(`"${m[2]}"`) as string) : m[3]!;
    cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[key] : undefined;
  }
  return cur;
}

describe('config --format json matches Docker Compose', () => {
  afterAll(() => {
    if (Object.keys(pruned).length === 0) return;
    const kept: Record<string, Record<string, string>> = {};
    for (const [name, paths] of Object.entries(knownDifferences())) {
      const left = Object.fromEntries(Object.entries(paths).filter(([p]) => !pruned[name]?.includes(p)));
      if (Object.keys(left).length > 0) kept[name] = left;
    }
    writeFileSync(KNOWN_DIFFERENCES_FILE, `${JSON.stringify(kept, null, 2)}\n`);
  });

  it('has a corpus of at least 60 cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it('records no path of the recording machine (the case directory is <case>)', () => {
    for (const name of names) expect(JSON.stringify(readCase(name).expected), name).not.toContain('/test/conformance/config');
  });

  it('lists known differences only for cases that exist, each with a reason', () => {
    for (const [name, paths] of Object.entries(known)) {
      expect(names, `known-differences.json names ${name}`).toContain(name);
      expect(Object.keys(paths).length, name).toBeGreaterThan(0);
      for (const [path, why] of Object.entries(paths)) expect(why.trim().length, `${name} ${path}`).toBeGreaterThan(0);
    }
  });

  for (const name of names) {
    it(name, async () => {
      const c = readCase(name);
      const actual = await actualOutput(c);
      const found = differences(c.expected, actual);
      const listed = Object.keys(known[name] ?? {});
      const unlisted = found.filter((p) => !listed.includes(p));
      const gone = listed.filter((p) => !found.includes(p));
      const detail = unlisted.map((p) => `${p}\n  compose:     ${JSON.stringify(at(c.expected, p))}\n  compose2kube: ${JSON.stringify(at(actual, p))}`).join('\n');
      expect(unlisted, `differences not in known-differences.json:\n${detail}`).toEqual([]);
      if (prune && gone.length > 0) pruned[name] = gone;
      else expect(gone, 'listed in known-differences.json but no longer different: remove them (or run with CONFORMANCE_PRUNE=1)').toEqual([]);
    });
  }
});
