import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';

function copyOf(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'c2k-helm-cli-'));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

describe('convert --helm', () => {
  it('writes a chart: Chart.yaml with the versions asked for, values, schema, NOTES, .helmignore and one template per object', async () => {
    const dir = copyOf('wordpress-mysql');
    const r = await runCli(['convert', '-p', 'blog', '--helm', '--chart-version', '1.2.3', '--app-version', '6.6', '-o', 'chart/'], { cwd: dir });
    expect(r.stderr).toMatch(/written to chart\//);
    expect(r.code).toBe(0);
    const chart = parse(readFileSync(join(dir, 'chart/Chart.yaml'), 'utf8')) as Record<string, unknown>;
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'blog', version: '1.2.3', appVersion: '6.6' });
    for (const f of ['values.yaml', 'values.schema.json', '.helmignore', 'templates/NOTES.txt', 'templates/_helpers.tpl', 'templates/wordpress-deployment.yaml', 'templates/db-password-secret.yaml']) {
      expect(existsSync(join(dir, 'chart', f)), f).toBe(true);
    }
    // A second run replaces its own files; a file it did not write stops it.
    expect((await runCli(['convert', '--helm', '-o', 'chart/'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'chart/values.yaml'), 'mine: true\n');
    const refused = await runCli(['convert', '--helm', '-o', 'chart/'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/values\.yaml exists and was not written by compose2kube/);
    expect(readFileSync(join(dir, 'chart/values.yaml'), 'utf8')).toBe('mine: true\n');
  });

  it.each([
    [['--helm'], /--helm writes a chart .*-o DIR\//],
    [['--helm', '-o', 'out.yaml'], /--helm writes a chart/],
    [['--helm', '--kustomize', '-o', 'out/'], /choose one/],
    [['--helm', '--chart-version', 'one', '-o', 'out/'], /--chart-version must be a semantic version/],
    [['--app-version', '1', '-o', 'out/'], /add --helm/],
    [['--overlay', 'prod=compose.prod.yaml', '-o', 'out/'], /add --kustomize/],
    [['--kustomize', '--overlay', 'prod', '-o', 'out/'], /NAME=FILE/],
    [['--kustomize', '--overlay', 'Prod=compose.prod.yaml', '-o', 'out/'], /directory name/],
    [['--kustomize', '--overlay', 'a=x.yaml', '--overlay', 'a=y.yaml', '-o', 'out/'], /given twice/],
  ])('refuses %j with a usage error', async (args, message) => {
    const dir = copyOf('web-postgres');
    const r = await runCli(['convert', ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('reports a missing override file and writes nothing', async () => {
    const dir = copyOf('web-postgres');
    const r = await runCli(['convert', '--kustomize', '--overlay', 'prod=compose.prod.yaml', '-o', 'out/'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/compose file not found: compose\.prod\.yaml \[file-not-found\]/);
    expect(r.stderr).toMatch(/overlay prod; nothing was written/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('with -f, the base is the files named', async () => {
    const dir = copyOf('override-merge');
    const r = await runCli(['convert', '-f', 'compose.yaml', '--kustomize', '--overlay', 'dev=compose.override.yaml', '-o', 'k/'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'k/overlays/dev/kustomization.yaml'), 'utf8')).toMatch(/- \.\.\/\.\.\/base/);
    expect(existsSync(join(dir, 'k/base/07-db-data-persistentvolumeclaim.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'k/overlays/dev/patches/delete-db-data-persistentvolumeclaim.yaml'))).toBe(true);
  });
});
