import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { FIXTURES } from '../support/fixtures.js';
import { runCli } from '../support/cli.js';

const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'c2k-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('compose2kube convert', () => {
  it('prints a YAML stream of the bundled example and exits 0', async () => {
    const run = await runCli(['convert', '-f', 'fixtures/web-postgres/compose.yaml'], { cwd: join(FIXTURES, '..') });
    expect(run.code).toBe(0);
    const kinds = parseAllDocuments(run.stdout).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).toContain('Deployment');
    expect(kinds).toContain('Service');
    expect(kinds).toContain('PersistentVolumeClaim');
    expect(run.stderr).toMatch(/objects from 2 services/);
  });

  it('finds compose.yaml in the working directory without -f', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n' });
    const run = await runCli(['convert'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kind: Deployment/);
  });

  it('writes one file per object with -o and nothing on stdout', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n    ports: ["8080:80"]\n' });
    const run = await runCli(['convert', '-o', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['08-app-service.yaml', '10-app-deployment.yaml']);
    expect(readFileSync(join(dir, 'out', '08-app-service.yaml'), 'utf8')).toMatch(/port: 8080/);
  });

  it('on invalid input exits 2, prints file:line:col with a code frame, and writes nothing', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n    ports: ["80:80:80:80"]\n' });
    const run = await runCli(['convert', '-o', 'out'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^compose\.yaml:4:\d+: error: /m);
    expect(run.stderr).toMatch(/> 4 \| {5}ports: \["80:80:80:80"\]/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(() => readdirSync(join(dir, 'out'))).toThrow();
  });

  it('reports YAML syntax errors at their position and exits 2', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: [nginx\n' });
    const run = await runCli(['convert'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^compose\.yaml:\d+:\d+: error: .*\[yaml-syntax\]/m);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('exits 2 with a clear message when no compose file exists', async () => {
    const dir = project({});
    const run = await runCli(['convert'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: no compose file found/);
  });

  it.each([
    [['convert', '--bogus']],
    [['convert', '--service-type', 'Weird']],
    [['convert', '--volume-size', 'lots']],
    [['frobnicate']],
  ])('exits 2 on usage error %j', async (argv) => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n' });
    const run = await runCli(argv, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('--help exits 0', async () => {
    const run = await runCli(['convert', '--help'], { cwd: tmpdir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--service-type/);
  });

  it('--service-type LoadBalancer applies to services that publish ports only', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n  db:\n    image: postgres\n    expose: ["5432"]\n' });
    const run = await runCli(['convert', '--service-type', 'LoadBalancer', '--no-comments'], { cwd: dir });
    expect(run.code).toBe(0);
    const services = parseAllDocuments(run.stdout)
      .map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: { type?: string } })
      .filter((o) => o.kind === 'Service');
    expect(Object.fromEntries(services.map((s) => [s.metadata.name, s.spec.type ?? 'ClusterIP']))).toEqual({ web: 'LoadBalancer', db: 'ClusterIP' });
    expect(run.stdout).not.toMatch(/#/);
  });

  it('reads the compose file from stdin with -f -', async () => {
    const dir = project({});
    const run = await runCli(['convert', '-f', '-'], { cwd: dir, stdin: 'services:\n  app:\n    image: nginx\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/name: app/);
  });

  it('keeps existing output files intact when the output cannot be written', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n', 'out/10-app-deployment.yaml': '# managed-by: app.kubernetes.io/managed-by: compose2kube\n' });
    chmodSync(join(dir, 'out'), 0o500);
    const run = await runCli(['convert', '-o', 'out'], { cwd: dir });
    chmodSync(join(dir, 'out'), 0o700);
    // Root ignores directory permissions; then the write succeeds, which is also fine.
    if (run.code === 0) expect(readFileSync(join(dir, 'out', '10-app-deployment.yaml'), 'utf8')).toMatch(/kind: Deployment/);
    else {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/output-write-failed/);
      expect(readFileSync(join(dir, 'out', '10-app-deployment.yaml'), 'utf8')).toBe('# managed-by: app.kubernetes.io/managed-by: compose2kube\n');
      expect(readdirSync(join(dir, 'out'))).toEqual(['10-app-deployment.yaml']);
    }
  });
});
