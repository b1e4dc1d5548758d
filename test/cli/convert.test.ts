import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { FIXTURES } from '../support/fixtures.js';
import { runCli } from '../support/cli.js';

const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

const isRoot = process.getuid?.() === 0;

/**
 * Every entry under `dir`: a file's content and modification time, or that it is a directory (a
 * directory's own time changes with any file made and removed in it, even by a writer that rolls back).
 */
function tree(dir: string, base = dir): Record<string, string | { content: string; mtimeMs: number }> {
  const out: Record<string, string | { content: string; mtimeMs: number }> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    const key = p.slice(base.length + 1);
    if (st.isDirectory()) Object.assign(out, { [key]: 'directory' }, tree(p, base));
    else out[key] = { content: readFileSync(p, 'latin1'), mtimeMs: st.mtimeMs };
  }
  return out;
}

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
    const objects = parseAllDocuments(run.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/db-password', 'PersistentVolumeClaim/db-data', 'Service/db', 'Service/web', 'Deployment/db', 'Deployment/web']);
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
    expect(run.stderr).toMatch(/^compose\.yaml:4:13: error: invalid port "80:80:80:80": .+ \[invalid-value\]$/m);
    expect(run.stderr).toMatch(/> 4 \| {5}ports: \["80:80:80:80"\]/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('reports YAML syntax errors at their position and exits 2', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: [nginx\n' });
    const run = await runCli(['convert'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^compose\.yaml:4:1: error: .+ \[yaml-syntax\]$/m);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('exits 2 with a clear message when no compose file exists', async () => {
    const dir = project({});
    const run = await runCli(['convert'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: no compose file found in .+: looked for compose\.yaml, .+ \[no-compose-file\]$/m);
  });

  // Commander's own usage errors print the usage after the message; the tool's print its [usage] code.
  it.each([
    [['convert', '--bogus'], "error: unknown option '--bogus'", 'Usage: compose2kube convert [options]'],
    [['convert', '--service-type', 'Weird'], "error: option '--service-type <type>' argument 'Weird' is invalid. Allowed choices are ClusterIP, NodePort, LoadBalancer.", 'Usage: compose2kube convert [options]'],
    [['convert', '--volume-size', 'lots'], 'error: --volume-size must be a Kubernetes quantity above zero such as 1Gi or 500Mi, got "lots" [usage]', undefined],
    [['frobnicate'], "error: unknown command 'frobnicate'", 'Usage: compose2kube [options] [command]'],
  ])('exits 2 on usage error %j, saying what is wrong', async (argv, message, usage) => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n' });
    const run = await runCli(argv, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(message);
    if (usage) expect(lines).toContain(usage);
    else expect(run.stderr).toBe(`${message}\n`);
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

  describe('when the output cannot be written', () => {
    // Failures root cannot bypass (CI runs as root, and root ignores directory permissions): a file
    // where the output directory must be, an output file's name taken by a directory. After each,
    // every file of the project is byte-identical, with its modification time, and nothing is added.
    const COMPOSE = 'services:\n  app:\n    image: nginx\n    ports: ["8080:80"]\n';
    const FAILED = /^error: cannot write to out: .+ \[output-write-failed\]\n$/;

    it('exits 2 and leaves every file as it was when -o names a file', async () => {
      const dir = project({ 'compose.yaml': COMPOSE, out: 'a file, not a directory\n' });
      const before = tree(dir);
      const run = await runCli(['convert', '-o', 'out'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(FAILED);
      expect(tree(dir)).toEqual(before);
    });

    // Earlier output of compose2kube (the label says so), which a run may replace.
    const PREVIOUS = (kind: string) => `# previous ${kind}\nmetadata:\n  labels:\n    app.kubernetes.io/managed-by: compose2kube\n`;

    it.each(['08-app-service.yaml', '10-app-deployment.yaml'])('exits 2, says why and leaves every file as it was when %s is a directory', async (taken) => {
      const dir = project({ 'compose.yaml': COMPOSE, 'out/08-app-service.yaml': PREVIOUS('service'), 'out/10-app-deployment.yaml': PREVIOUS('deployment') });
      rmSync(join(dir, 'out', taken));
      mkdirSync(join(dir, 'out', taken));
      const before = tree(dir);
      const run = await runCli(['convert', '-o', 'out'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`error: out/${taken} is a directory [output-exists]\n`);
      expect(tree(dir)).toEqual(before);
    });

    it.skipIf(isRoot)(
      isRoot ? 'exits 2 and leaves every file as it was in a read-only directory: skipped, root writes there anyway' : 'exits 2 and leaves every file as it was in a read-only directory',
      async () => {
        const dir = project({ 'compose.yaml': COMPOSE, 'out/app-deployment.yaml': 'previous\n' });
        chmodSync(join(dir, 'out'), 0o500);
        const before = tree(dir);
        const run = await runCli(['convert', '-o', 'out'], { cwd: dir });
        const after = tree(dir);
        chmodSync(join(dir, 'out'), 0o700);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(FAILED);
        expect(after).toEqual(before);
      },
    );
  });
});
