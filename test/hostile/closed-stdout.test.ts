import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';

/**
 * `compose2kube convert | head -c 10` in a real shell: head takes ten bytes and exits, closing the
 * pipe while convert still writes. The real bin/compose2kube.js runs over this checkout's sources
 * compiled without type checking (never a stale dist/), next to the project's node_modules.
 */
const BUILD = join(ROOT, 'node_modules', '.cache', 'compose2kube-hostile-pipe');

function compileSources(dir: string, out: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) compileSources(path, join(out, name));
    else if (name.endsWith('.ts')) {
      const { outputText } = ts.transpileModule(ts.sys.readFile(path)!, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        fileName: path,
      });
      const target = join(out, relative(dir, path).replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  }
}

describe('a closed stdout: convert | head -c 10', () => {
  let project: string;

  beforeAll(() => {
    rmSync(BUILD, { recursive: true, force: true });
    compileSources(join(ROOT, 'src'), join(BUILD, 'dist'));
    mkdirSync(join(BUILD, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin', 'compose2kube.js'), join(BUILD, 'bin', 'compose2kube.js'));
    copyFileSync(join(ROOT, 'package.json'), join(BUILD, 'package.json'));
    project = mkdtempSync(join(tmpdir(), 'c2k-head-'));
    // Far more than a pipe buffers (64 KiB): convert is still writing when head has left.
    const services = Array.from({ length: 300 }, (_, i) => `  svc${i}:\n    image: app:1\n    ports: ["${8000 + i}:80"]\n`).join('');
    writeFileSync(join(project, 'compose.yaml'), `services:\n${services}`);
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('ends quietly: exit 0, ten bytes read, no stack trace and no EPIPE on stderr', async () => {
    const script = `{ "$NODE" "$BIN" convert 2>"$DIR/stderr"; echo $? >"$DIR/status"; } | head -c 10`;
    const env = { PATH: process.env.PATH ?? '', NODE: process.execPath, BIN: join(BUILD, 'bin', 'compose2kube.js'), DIR: project };
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('sh', ['-c', script], { cwd: project, env }, (error, out) => (error ? reject(error) : resolve(out))),
    );
    // The ten bytes head took are the start of what convert prints to a reader that reads it all.
    const whole = await runCli(['convert'], { cwd: project });
    expect(stdout).toBe(whole.stdout.slice(0, 10));
    const stderr = readFileSync(join(project, 'stderr'), 'utf8');
    expect(stderr).not.toMatch(/EPIPE|^\s+at .+:\d+:\d+/m);
    expect(readFileSync(join(project, 'status'), 'utf8').trim()).toBe('0');
  });
});
