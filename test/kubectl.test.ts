import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { convertFixture, fixtureNames } from './support/fixtures.js';

/**
 * When kubectl is installed, its own manifest reader (kustomize, which works without a cluster)
 * must read every fixture's output back to exactly the objects the tool meant to write.
 */
function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** JSON with sorted keys, so objects compare regardless of the field order kustomize prints. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const byId = (objects: { kind: string; metadata: { name: string } }[]) =>
  Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, canonical(o)]));

const kubectl = hasKubectl();

describe.skipIf(!kubectl)('kubectl reads the output back (kubectl kustomize, no cluster needed)', () => {
  const converted = fixtureNames()
    .map((name) => ({ name, result: convertFixture(name) }))
    .filter(({ result }) => !result.failed);

  it.each(converted.map(({ name, result }) => [name, result] as const))('%s', (_name, result) => {
    const dir = mkdtempSync(join(tmpdir(), 'c2k-kubectl-'));
    writeFileSync(join(dir, 'all.yaml'), result.text);
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - all.yaml\n');
    const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    const read = parseAllDocuments(out).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    expect(byId(read)).toEqual(byId(JSON.parse(JSON.stringify(result.objects))));
  });
});

describe.runIf(!kubectl)('kubectl', () => {
  it.skip('is not installed: the kubectl read-back check is skipped', () => {});
});
