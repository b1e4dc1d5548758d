import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffJson } from '../../src/emit/overlays/json-patch.js';
import { runCli } from '../support/cli.js';
import { FIXTURES, convertFixture, fixtureNames, fixtureOptions } from '../support/fixtures.js';
import { byId, objectsOf, run, type Obj } from '../support/helm.js';
import { tools } from '../support/tools.js';

const found = tools();
/** The packaged kubectl (v1.35), else one on the PATH. */
function kubectlBinary(): string | undefined {
  if ('kubectl' in found) return found.kubectl;
  try {
    run('kubectl', ['version', '--client']);
    return 'kubectl';
  } catch {
    return undefined;
  }
}
const kubectl = kubectlBinary();

/** Override files of a fixture: compose.<name>.yaml beside compose.yaml (compose.override.yaml too). */
function overrideFiles(name: string): { name: string; file: string }[] {
  return readdirSync(join(FIXTURES, name))
    .map((f) => /^compose\.([a-z0-9-]+)\.ya?ml$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, file: m[0] }));
}

const withOverrides = fixtureNames().filter((n) => overrideFiles(n).length > 0);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe.runIf(kubectl)('Kustomize overlays from override files (kubectl kustomize)', () => {
  it('has fixtures with override files', () => {
    expect(withOverrides.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(withOverrides)('%s', (name) => {
    const overlays = overrideFiles(name);
    const out = mkdtempSync(join(tmpdir(), 'c2k-overlays-'));
    const env = (fixtureOptions(name).env ?? {}) as Record<string, string>;
    const written = runCli(['convert', '--kustomize', ...overlays.flatMap((o) => ['--overlay', `${o.name}=${o.file}`]), '-o', `${out}/`], { cwd: join(FIXTURES, name), env });

    it('writes base/ and one overlay per override file', async () => {
      const r = await written;
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      expect(existsSync(join(out, 'base', 'kustomization.yaml'))).toBe(true);
      for (const o of overlays) expect(existsSync(join(out, 'overlays', o.name, 'kustomization.yaml'))).toBe(true);
    });

    it('base builds into the conversion of compose.yaml alone', async () => {
      await written;
      const built = objectsOf(run(kubectl!, ['kustomize', join(out, 'base')]));
      expect(byId(built)).toEqual(byId(clone(convertFixture(name, { files: ['compose.yaml'] }).objects) as Obj[]));
    });

    it.each(overlays)('overlays/$name builds into the conversion of compose.yaml with $file', async ({ name: overlay, file }) => {
      await written;
      const built = objectsOf(run(kubectl!, ['kustomize', join(out, 'overlays', overlay)]));
      const merged = convertFixture(name, { files: ['compose.yaml', file] });
      expect(merged.failed).toBe(false);
      expect(byId(built)).toEqual(byId(clone(merged.objects) as Obj[]));
      // Only what the override file changes is in the overlay: one patch per changed or removed object.
      const base = byId(clone(convertFixture(name, { files: ['compose.yaml'] }).objects) as Obj[]);
      const after = byId(clone(merged.objects) as Obj[]);
      const changed = Object.keys(base).filter((id) => JSON.stringify(base[id]) !== JSON.stringify(after[id])).length;
      const patchDir = join(out, 'overlays', overlay, 'patches');
      expect(existsSync(patchDir) ? readdirSync(patchDir).length : 0).toBe(changed);
    });
  });
});

describe.runIf(!kubectl)('Kustomize overlays', () => {
  it.skip('are not checked: no kubectl (neither the packaged one nor one on the PATH)', () => {});
});

describe('JSON patches', () => {
  const apply = (doc: unknown, ops: ReturnType<typeof diffJson>): unknown => {
    const out = clone(doc) as Record<string, unknown>;
    for (const { op } of ops) {
      const steps = op.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const last = steps.pop()!;
      let at: Record<string, unknown> | unknown[] = out;
      for (const s of steps) at = (at as Record<string, unknown>)[s] as Record<string, unknown>;
      if (Array.isArray(at)) {
        if (op.op === 'add') at.splice(last === '-' ? at.length : Number(last), 0, op.value);
        else if (op.op === 'remove') at.splice(Number(last), 1);
        else at[Number(last)] = op.value;
      } else if (op.op === 'remove') delete at[last];
      else at[last] = op.value;
    }
    return out;
  };
  it.each([
    [{ a: 1, b: { 'x/y': [1, 2] } }, { a: 2, b: { 'x/y': [1, 2, 3] }, c: '~' }],
    [{ l: [1, 2, 3] }, { l: [1] }],
    [{ l: [1, 2, 3] }, { l: [3, 2] }],
    [{ m: { k: 1 } }, { m: 'scalar' }],
  ])('turn %j into %j', (from, to) => {
    expect(apply(from, diffJson(from, to))).toEqual(to);
  });
});
