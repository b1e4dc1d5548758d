import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../support/cli.js';

const COMPOSE = 'name: shop\nservices:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    ulimits:\n      nofile: 65536\n  db:\n    image: postgres:17\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data:\n';

function project(files: Record<string, string> = { 'compose.yaml': COMPOSE }): string {
  const dir = mkdtempSync(join(tmpdir(), 'c2k-out-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const kinds = (text: string) => parseAllDocuments(text).map((d) => (d.toJS() as { kind: string }).kind);

describe('convert -o', () => {
  it('writes one multi-document file for -o FILE.yaml (never a directory of that name)', async () => {
    const dir = project();
    const run = await runCli(['convert', '-o', 'manifests.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(kinds(readFileSync(join(dir, 'manifests.yaml'), 'utf8'))).toEqual(['PersistentVolumeClaim', 'Service', 'Service', 'Deployment', 'Deployment']);
    expect(run.stderr).toMatch(/written to manifests\.yaml/);
  });

  it('writes a v1 List for -o FILE.json, creating its directory', async () => {
    const dir = project();
    const run = await runCli(['convert', '-o', 'deploy/k8s/list.json'], { cwd: dir });
    expect(run.code).toBe(0);
    const list = JSON.parse(readFileSync(join(dir, 'deploy/k8s/list.json'), 'utf8')) as { apiVersion: string; kind: string; items: { kind: string }[] };
    expect([list.apiVersion, list.kind, list.items.length]).toEqual(['v1', 'List', 5]);
  });

  it('prints a v1 List with --format json', async () => {
    const run = await runCli(['convert', '--format', 'json'], { cwd: project() });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { kind: string }).kind).toBe('List');
  });

  it('writes one file per object into an existing directory, whatever its name', async () => {
    const dir = project({ 'compose.yaml': COMPOSE, 'out.yaml/.keep': '' });
    const run = await runCli(['convert', '-o', 'out.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'out.yaml')).filter((f) => f.endsWith('.yaml'))).toHaveLength(5);
  });

  it('writes a kustomization.yaml beside the files with --kustomize', async () => {
    const dir = project();
    const run = await runCli(['convert', '--kustomize', '-o', 'k8s/', '-n', 'shop'], { cwd: dir });
    expect(run.code).toBe(0);
    const k = parseAllDocuments(readFileSync(join(dir, 'k8s/kustomization.yaml'), 'utf8'))[0]!.toJS() as { namespace: string; resources: string[] };
    expect(k.namespace).toBe('shop');
    expect(k.resources).toEqual(readdirSync(join(dir, 'k8s')).filter((f) => f !== 'kustomization.yaml').sort());
  });

  it.each([
    [['--kustomize'], /--kustomize writes a directory/],
    [['-o', 'out.txt'], /cannot tell whether out\.txt is a file or a directory/],
    [['-o', 'x.yaml', '--format', 'json'], /--format json cannot be written to x\.yaml/],
    [['--report', '-'], /--report - prints the report on stdout/],
    [['-n', 'Not_Valid'], /is not a namespace name/],
    [['--annotate', 'loud'], /--annotate/],
  ])('exits 2 for %j, writing nothing', async (args, message) => {
    const dir = project();
    const run = await runCli(['convert', ...args], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['compose.yaml']);
  });
});

describe('convert never clobbers a file it did not write', () => {
  it('stops, names the file, exits 2 and writes nothing; --force replaces it', async () => {
    const dir = project({ 'compose.yaml': COMPOSE, 'k8s/10-web-deployment.yaml': 'hand-written\n' });
    const run = await runCli(['convert', '-o', 'k8s/'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: k8s/10-web-deployment.yaml exists and was not written by compose2kube');
    expect(run.stderr).toMatch(/\[output-exists\]/);
    expect(readdirSync(join(dir, 'k8s'))).toEqual(['10-web-deployment.yaml']);
    expect(readFileSync(join(dir, 'k8s/10-web-deployment.yaml'), 'utf8')).toBe('hand-written\n');
    const forced = await runCli(['convert', '-o', 'k8s/', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'k8s/10-web-deployment.yaml'), 'utf8')).toMatch(/kind: Deployment/);
  });

  it('replaces its own output on a second run, at every annotation level', async () => {
    const dir = project();
    for (const level of ['none', 'brief', 'full']) {
      expect((await runCli(['convert', '-o', 'all.yaml', '--annotate', level], { cwd: dir })).code).toBe(0);
      expect((await runCli(['convert', '-o', 'all.json'], { cwd: dir })).code).toBe(0);
      expect((await runCli(['convert', '-o', 'k8s/', '--kustomize', '--annotate', level], { cwd: dir })).code).toBe(0);
    }
  });

  it('refuses the report file too when it is someone else\'s', async () => {
    const dir = project({ 'compose.yaml': COMPOSE, 'report.json': '{"mine": true}\n' });
    const run = await runCli(['convert', '-o', 'k8s/', '--report', 'report.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(existsSync(join(dir, 'k8s'))).toBe(false);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('{"mine": true}\n');
  });
});

describe('convert --report and the summary', () => {
  it('ends stderr with the tally of keys by fidelity', async () => {
    const run = await runCli(['convert'], { cwd: project() });
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split('\n').pop()).toBe('compose2kube: 5 objects from 2 services (1 warning(s)); 6 keys exact, 0 approximate, 1 not converted');
  });

  it('writes the report to a file, and to stdout with the manifests in -o', async () => {
    const dir = project();
    const toFile = await runCli(['convert', '--report', 'report.json'], { cwd: dir });
    expect(toFile.code).toBe(0);
    expect(kinds(toFile.stdout)).toHaveLength(5);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { kind: string; tally: { keys: number; notConverted: number } };
    expect(report).toMatchObject({ kind: 'ConversionReport', tally: { keys: 7, notConverted: 1 } });
    const toStdout = await runCli(['convert', '--report', '-', '-o', 'k8s/'], { cwd: dir });
    expect(toStdout.code).toBe(0);
    expect(JSON.parse(toStdout.stdout)).toEqual(report);
  });
});

describe('--annotate', () => {
  it.each([
    [['--annotate', 'none'], 0],
    [['--no-comments'], 0],
  ])('%j prints no comment', async (args) => {
    const run = await runCli(['convert', ...args], { cwd: project() });
    expect(run.stdout).not.toMatch(/#/);
  });

  it('brief prints the origin only; full explains and warns in place', async () => {
    const dir = project();
    const brief = await runCli(['convert', '--annotate', 'brief'], { cwd: dir });
    const full = await runCli(['convert'], { cwd: dir });
    expect(brief.stdout).toContain('# Deployment web <- service "web", compose.yaml:3\n');
    expect(brief.stdout).not.toContain('Why a');
    expect(full.stdout).toContain('# Why a Deployment');
    expect(full.stdout).toMatch(/# not converted \(compose\.yaml:6:5\): service "web": ulimits has no Kubernetes equivalent/);
  });
});
