import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { useColor } from '../../src/cli/color.js';
import { ROOT } from '../support/fixtures.js';
import { runCli } from '../support/cli.js';

const ESC = '\u001b[';

/** Runs the CLI as on a terminal (stderr is a TTY) unless told otherwise. */
async function onTerminal(argv: string[], env: Record<string, string> = {}, tty = true): Promise<{ code: number; stderr: string; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'c2k-color-'));
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: nginx\n    ulimits:\n      nofile: 1024\n');
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd: dir, env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: () => '', stderrIsTTY: tty };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('--version', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  it.each([['--version'], ['-V']])('%s prints the version of package.json and exits 0', async (flag) => {
    const run = await runCli([flag], { cwd: tmpdir() });
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('colour', () => {
  it('colours the severity on a terminal, and nothing on stdout', async () => {
    const run = await onTerminal(['convert']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${ESC}1;33mwarning${ESC}0m: service "app": ulimits`);
    expect(run.stderr).toContain(`${ESC}2m[unsupported]${ESC}0m`);
    expect(run.stdout).not.toContain(ESC);
  });

  it.each([
    ['NO_COLOR set', ['convert'], { NO_COLOR: '1' }, true],
    ['not a terminal', ['convert'], {}, false],
    ['--color never', ['convert', '--color', 'never'], {}, true],
    ['TERM=dumb', ['convert'], { TERM: 'dumb' }, true],
  ])('is off: %s', async (_why, argv, env, tty) => {
    const run = await onTerminal(argv, env, tty);
    expect(run.stderr).toMatch(/warning: service "app"/);
    expect(run.stderr).not.toContain(ESC);
  });

  it.each([
    ['--color always on a pipe', ['convert', '--color', 'always'], {}, false],
    ['--color always despite NO_COLOR', ['--color', 'always', 'convert'], { NO_COLOR: '1' }, false],
    ['FORCE_COLOR on a pipe', ['convert'], { FORCE_COLOR: '1' }, false],
  ])('is on: %s', async (_why, argv, env, tty) => {
    expect((await onTerminal(argv, env, tty)).stderr).toContain(`${ESC}1;33mwarning`);
  });

  it('colours usage errors too', async () => {
    const run = await onTerminal(['convert', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${ESC}1;31merror${ESC}0m: unknown option '--bogus'`);
  });

  it('rejects an unknown --color', async () => {
    expect((await onTerminal(['--color', 'sometimes', 'convert'])).code).toBe(2);
  });

  it('treats an empty NO_COLOR as unset', () => {
    expect(useColor('auto', { NO_COLOR: '' }, true)).toBe(true);
  });
});
