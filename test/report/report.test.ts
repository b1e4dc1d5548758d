import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportOf } from '../../src/cli/commands/convert.js';
import { tallyText } from '../../src/report/report.js';
import { convertFixture, fixtureNames, ROOT } from '../support/fixtures.js';

const GOLDEN = join(ROOT, 'test', 'golden', 'report');
const fixtures = fixtureNames().filter((n) => !convertFixture(n).failed);

describe('the report (golden files)', () => {
  it.each(['hardened-service', 'frontend-backend-networks', 'healthy-stack'])('of fixture %s', async (name) => {
    await expect(`${JSON.stringify(reportOf(convertFixture(name)), null, 2)}\n`).toMatchFileSnapshot(join(GOLDEN, `${name}.json`));
  });
});

describe.each(fixtures)('the report of fixture %s', (name) => {
  const result = convertFixture(name);
  const report = reportOf(result);
  const objects = new Set(result.objects.map((o) => `${o.kind}/${o.metadata.name}`));

  it('lists every service and every top-level key it writes', () => {
    expect(report.services.map((s) => s.name).sort()).toEqual(Object.keys(result.project!.services).sort());
    for (const s of report.services) {
      const written = result.project!.services[s.name]!.node.entries.map((e) => e.key).filter((k) => !k.startsWith('x-') || k === 'x-kubernetes');
      const reported = s.keys.filter((k) => !k.key.includes('.')).map((k) => k.key);
      expect(reported).toEqual(written);
    }
  });

  it('says what each key became in objects that exist, and which objects each element made', () => {
    for (const e of [...report.services, ...report.elements]) {
      for (const o of e.objects) expect(objects.has(`${o.kind}/${o.name}`)).toBe(true);
      for (const k of e.keys) for (const b of k.became) expect(objects.has(`${b.kind}/${b.name}`), `${e.name} ${k.key}`).toBe(true);
    }
    const converted = report.services.flatMap((s) => s.keys).filter((k) => k.fidelity === 'exact' && k.row === 'services.image');
    for (const k of converted) expect(k.became.some((b) => /containers\[\d+\]\.image$/.test(b.field))).toBe(true);
  });

  it('tallies every key once, and a key that is not converted has a warning', () => {
    const keys = [...report.keys, ...report.services.flatMap((s) => s.keys), ...report.elements.flatMap((e) => e.keys)];
    expect(report.tally).toEqual({
      keys: keys.length,
      exact: keys.filter((k) => k.fidelity === 'exact').length,
      approximate: keys.filter((k) => k.fidelity === 'approximate').length,
      notConverted: keys.filter((k) => k.fidelity === 'unsupported').length,
    });
    for (const k of keys) if (k.fidelity === 'unsupported') expect(k.warnings.length, k.key).toBeGreaterThan(0);
    expect(tallyText(report.tally)).toMatch(/^\d+ keys? exact, \d+ approximate, \d+ not converted$/);
  });

  it('lists every warning under the element it concerns', () => {
    const listed = [...report.services, ...report.elements].flatMap((e) => e.warnings.map((w) => `${e.section}/${e.name}: ${w.message}`));
    for (const d of result.diagnostics) {
      if (!d.subject || d.subject.section === 'project') continue;
      expect(listed).toContain(`${d.subject.section}/${d.subject.name}: ${d.message}`);
    }
  });
});
