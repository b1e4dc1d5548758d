import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';

/**
 * `compose2kube convert | head`: the reader closes the pipe early. The real bin/compose2kube.js
 * runs, over the sources of this checkout compiled without type checking to ES modules (fast, and
 * never a stale dist/), next to the project's node_modules so its packages resolve.
 */
const BUILD = join(ROOT, 'node_modules', '.cache', 'compose2kube-closed-pipe');

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

function run(cwd: string, args: string[], readFirstChunkOnly: boolean): Promise<{ code: number | null; stderr: string; read: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(BUILD, 'bin', 'compose2kube.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    let read = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      read += d.length;
      // Like `head -1`: take what arrived, then close the read end of the pipe.
      if (readFirstChunkOnly) child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

describe('writing to a closed pipe (convert | head)', () => {
  let project: string;

  beforeAll(() => {
    rmSync(BUILD, { recursive: true, force: true });
    compileSources(join(ROOT, 'src'), join(BUILD, 'dist'));
    mkdirSync(join(BUILD, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin', 'compose2kube.js'), join(BUILD, 'bin', 'compose2kube.js'));
    // ES modules, as the published package: its package.json says so (and gives --version its number).
    copyFileSync(join(ROOT, 'package.json'), join(BUILD, 'package.json'));
    project = mkdtempSync(join(tmpdir(), 'c2k-pipe-'));
    // Far more output than a pipe buffers (64 KiB), so writes go on after the reader left.
    const services = Array.from({ length: 200 }, (_, i) => `  svc${i}:\n    image: app:1\n    ports: ["${8000 + i}:80"]\n`).join('');
    writeFileSync(join(project, 'compose.yaml'), `services:\n${services}`);
  });

  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('ends quietly: exit code 0, no stack trace, no EPIPE error', async () => {
    const result = await run(project, ['convert'], true);
    expect(result.read).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/EPIPE|^\s+at .+:\d+:\d+/m);
    expect(result.code).toBe(0);
  });

  it('prints everything to a reader that reads everything', async () => {
    const result = await run(project, ['convert'], false);
    expect(result.code).toBe(0);
    expect(result.read).toBeGreaterThan(64 * 1024);
    expect(result.stderr).toContain('compose2kube: 400 objects from 200 services');
  });
});
