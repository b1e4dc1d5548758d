import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diskReader } from '../../src/cli/io.js';
import type { FileReader } from '../../src/compose/host.js';
import { convert, type ConvertOptions, type ConvertResult } from '../../src/pipeline.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'fixtures');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((d) => existsSync(join(FIXTURES, d, 'compose.yaml')))
    .sort();
}

/**
 * Per-fixture settings live in `fixtures/<case>/options.json`: `env` (the convert process's
 * environment), `files`, `profiles`, and any convert option. Defaults keep fixtures independent of
 * the machine: an empty environment and the fixture directory as working directory.
 */
export function fixtureOptions(name: string): ConvertOptions {
  const dir = join(FIXTURES, name);
  const file = join(dir, 'options.json');
  const extra = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConvertOptions) : {};
  return { workingDir: dir, env: {}, ...extra };
}

export function convertFixture(name: string, overrides: ConvertOptions = {}): ConvertResult {
  return convert(fixtureReader(join(FIXTURES, name)), { ...fixtureOptions(name), ...overrides });
}

/**
 * The disk as a fixture sees it: its own directory, and for every path outside it (the host
 * paths its bind mounts name) the same path under `<fixture>/host/`, so snapshots never depend
 * on the files of the machine running the tests (`/etc/app.conf` is `<fixture>/host/etc/app.conf`).
 */
export function fixtureReader(dir: string): FileReader {
  const disk = diskReader();
  const root = resolve(dir);
  const seen = (p: string) => (!p.startsWith('/') || p === root || p.startsWith(`${root}/`) ? p : join(root, 'host', p));
  return {
    readFile: (p) => disk.readFile(seen(p)),
    readBytes: (p) => disk.readBytes!(seen(p)),
    readDir: (p) => disk.readDir!(seen(p)),
    stat: (p) => disk.stat!(seen(p)),
  };
}

export function diagnosticsText(result: ConvertResult): string {
  return result.diagnostics.map((d) => formatDiagnostic(d) + '\n').join('');
}
