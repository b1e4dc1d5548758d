import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { buildCheckoutCli } from '../support/checkout-cli.js';

/**
 * `compose2kube convert | head -c 10` in a real shell: head takes ten bytes and exits, closing the
 * pipe while the real bin/compose2kube.js (test/support/checkout-cli.ts) still writes.
 */
describe('a closed stdout: convert | head -c 10', () => {
  let project: string;
  let bin: string;

  beforeAll(() => {
    bin = buildCheckoutCli('compose2kube-hostile-pipe');
    project = mkdtempSync(join(tmpdir(), 'c2k-head-'));
    // Far more than a pipe buffers (64 KiB): convert is still writing when head has left.
    const services = Array.from({ length: 300 }, (_, i) => `  svc${i}:\n    image: app:1\n    ports: ["${8000 + i}:80"]\n`).join('');
    writeFileSync(join(project, 'compose.yaml'), `services:\n${services}`);
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('ends quietly: exit 0, ten bytes read, no stack trace and no EPIPE on stderr', async () => {
    const script = `{ "$NODE" "$BIN" convert 2>"$DIR/stderr"; echo $? >"$DIR/status"; } | head -c 10`;
    const env = { PATH: process.env.PATH ?? '', NODE: process.execPath, BIN: bin, DIR: project };
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
