import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCheckoutCli } from '../support/checkout-cli.js';

/** `compose2kube convert | head`: the reader closes the pipe early, while the real bin/compose2kube.js still writes. */
let BIN = '';

function run(cwd: string, args: string[], readFirstChunkOnly: boolean): Promise<{ code: number | null; stderr: string; read: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '' } });
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
    BIN = buildCheckoutCli('compose2kube-closed-pipe');
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
