import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixtures.js';

/**
 * No machine paths. The suite runs from a clone placed anywhere: the repository is found from the
 * test files (`ROOT`), the shared data beside it as `join(ROOT, '..', 'shared', ...)`, scratch space
 * with `tmpdir()`. So no source in src/, test/ or bench/ names a place on the machine that runs it:
 *
 * 1. Anywhere: no absolute path to the shared data or to this machine's checkouts (`/work/shared`,
 *    `/x/shared/corpus`, `/work/main`, `/work/wt-...`); `../shared/...` in a title or comment is fine.
 * 2. In a file that touches the real disk (it imports node:fs, node:child_process or node:os, or a
 *    helper that reads the disk: diskReader, runCli, the fixtures helpers): no string that starts with
 *    an absolute path under a machine root (/work, /home, /Users, /root, /tmp, /mnt, /media, C:\).
 *
 * Files that only use in-memory readers may use any absolute path: there `/work/app` or `/home/ada`
 * is a made-up project directory or variable value, and `/tmp` a path inside a container, which no
 * test looks up on this machine. ALLOWED lists the few such paths in disk-touching files, each with
 * why it is test data.
 */
const ALLOWED: { file: string; text: string; why: string }[] = [
  { file: 'test/mapping/storage.test.ts', text: "'/tmp'", why: 'the mount path of a tmpfs inside the pod' },
  { file: 'test/mapping/dependencies.test.ts', text: "'/tmp'", why: 'HOME of the kubectl wait container, a path inside the container' },
];

const SHARED_OR_CHECKOUT = /(?<!\.\.)\/(?:[\w.-]+\/)*shared\/(?:compose-spec|corpus|compose-go-ref|seed|hooks)\b|\/work\/(?:shared|main|wt-[\w-]+|helpers)\b/g;
const DISK_IMPORT = /from ['"](?:node:)?(?:fs|fs\/promises|child_process|os)['"]|\b(?:diskReader|processIO|runCli|convertFixture|fixtureNames|FIXTURES|ROOT)\b/;
const MACHINE_ROOT_STRING = /(['"`])(?:\/(?:work|home|Users|root|tmp|mnt|media)(?=[/'"`])|[A-Za-z]:\\)[^'"`\n]*\1?/g;

interface Finding {
  file: string;
  line: number;
  text: string;
  rule: string;
}

/** The machine paths in one source file (its path relative to the repository, and its text). */
export function machinePaths(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(SHARED_OR_CHECKOUT)) found.push({ file, line: lineOf(m.index), text: m[0], rule: 'shared data or a checkout by absolute path' });
  if (DISK_IMPORT.test(text)) {
    for (const m of text.matchAll(MACHINE_ROOT_STRING)) {
      if (ALLOWED.some((a) => a.file === file && m[0] === a.text)) continue;
      found.push({ file, line: lineOf(m.index), text: m[0], rule: 'an absolute machine path in a file that touches the disk' });
    }
  }
  return found;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

describe('machine paths', () => {
  it('appear nowhere in src/, test/ or bench/', () => {
    // This file is left out: its examples are machine paths on purpose.
    const files = ['src', 'test', 'bench'].flatMap((d) => sources(join(ROOT, d))).filter((f) => f !== fileURLToPath(import.meta.url));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => machinePaths(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('allows only paths that are still in their file', () => {
    const stale = ALLOWED.filter((a) => !readFileSync(join(ROOT, a.file), 'utf8').includes(a.text));
    expect(stale).toEqual([]);
  });

  it.each([
    ['the shared schema by absolute path', "const F = '/work/shared/compose-spec/compose-spec.json';", 'shared data or a checkout by absolute path'],
    ['the corpus under another root', "const C = '/home/ci/shared/corpus/kompose';", 'shared data or a checkout by absolute path'],
    ['another checkout', "cd /work/wt-net && npm test", 'shared data or a checkout by absolute path'],
    ['a home directory read from disk', "import { readFileSync } from 'node:fs';\nreadFileSync('/home/ada/compose.yaml');", 'an absolute machine path in a file that touches the disk'],
    ['a hard-coded scratch directory', "import { writeFileSync } from 'node:fs';\nwriteFileSync(`/tmp/out-${n}.yaml`, text);", 'an absolute machine path in a file that touches the disk'],
    ['a Windows user directory', "import { runCli } from '../support/cli.js';\nrunCli(['convert'], { cwd: 'C:\\\\Users\\\\ada' });", 'an absolute machine path in a file that touches the disk'],
  ])('are found: %s', (_what, text, rule) => {
    expect(machinePaths('test/x.test.ts', text).map((f) => f.rule)).toEqual([rule]);
  });

  it.each([
    ['the shared data beside the repository', "import { existsSync } from 'node:fs';\nconst C = join(ROOT, '..', 'shared', 'corpus', 'kompose');"],
    ['a title that names it relatively', "describe('the Kompose corpus (../shared/corpus/kompose)', () => {});"],
    ['an in-memory project directory', "convert(files, { workingDir: '/work/app', env: { HOME: '/home/ada' } });"],
    ['scratch space from tmpdir()', "import { tmpdir } from 'node:os';\nmkdtempSync(join(tmpdir(), 'c2k-'));"],
    ['a container path inside compose text', "import { runCli } from '../support/cli.js';\nconst y = 'volumes: [\"data:/tmp/cache\"]\\n    working_dir: /home/app';"],
  ])('are not found in %s', (_what, text) => {
    expect(machinePaths('test/x.test.ts', text)).toEqual([]);
  });
});
