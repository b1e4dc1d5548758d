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
 *    helper that reads the disk: diskReader, runCli, the fixtures helpers): no path under a machine
 *    root (/work, /home, /Users, /root, /tmp, /mnt, /media, C:\) used as a location: given to a
 *    file-system or process call or to join/resolve, as a cwd, workingDir, dir, root, file or path
 *    option, or as an UPPER_CASE constant.
 *
 * Elsewhere an absolute path is test data: in a compose file's text, a bind mount's host path or a
 * variable's value (`/mnt/docker-volumes/db`, `HOME: '/home/ada'`), or the made-up project
 * directory of an in-memory reader (`/work/app`); no test looks those up on this machine. ALLOWED
 * lists the few such paths that still sit where a location would, each with why it is test data.
 */
// None today. An entry names its file, the exact string with its quotes, and why it is test data.
const ALLOWED: { file: string; text: string; why: string }[] = [];

const SHARED_OR_CHECKOUT = /(?<!\.\.)\/(?:[\w.-]+\/)*shared\/(?:compose-spec|corpus|compose-go-ref|seed|hooks)\b|\/work\/(?:shared|main|wt-[\w-]+|helpers)\b/g;
const DISK_IMPORT = /from ['"](?:node:)?(?:fs|fs\/promises|child_process|os)['"]|\b(?:diskReader|processIO|runCli|convertFixture|fixtureNames|FIXTURES|ROOT)\b/;
// A string under a machine root, right after a call or option that takes a location.
const MACHINE_ROOT_STRING =
  /(?<=(?:\b(?:readFileSync|writeFileSync|appendFileSync|existsSync|readdirSync|statSync|lstatSync|mkdirSync|mkdtempSync|rmSync|cpSync|copyFileSync|renameSync|chmodSync|openSync|createReadStream|createWriteStream|readFile|writeFile|join|resolve|execFileSync|spawnSync|execSync|spawn|exec)\(\s*|\b(?:cwd|workingDir|dir|root|file|path)\s*[:=]\s*|\bconst\s+[A-Z][A-Z0-9_]*\s*=\s*))(['"`])(?:\/(?:work|home|Users|root|tmp|mnt|media)(?=[/'"`])|[A-Za-z]:\\)[^'"`\n]*\1?/g;

interface Finding {
  file: string;
  line: number;
  text: string;
  rule: string;
}

/** The machine paths in one source file (its path relative to the repository, and its text). */
export function machinePaths(file: string, text: string, allowed = ALLOWED): Finding[] {
  const found: Finding[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(SHARED_OR_CHECKOUT)) found.push({ file, line: lineOf(m.index), text: m[0], rule: 'shared data or a checkout by absolute path' });
  if (DISK_IMPORT.test(text)) {
    for (const m of text.matchAll(MACHINE_ROOT_STRING)) {
      if (allowed.some((a) => a.file === file && m[0] === a.text)) continue;
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

  it('allows only paths the rule would otherwise find', () => {
    const needless = ALLOWED.filter((a) => !machinePaths(a.file, readFileSync(join(ROOT, a.file), 'utf8'), []).some((f) => f.text === a.text));
    expect(needless).toEqual([]);
  });

  it.each([
    ['the shared schema by absolute path', "const F = '/work/shared/compose-spec/compose-spec.json';", 'shared data or a checkout by absolute path'],
    ['the corpus under another root', "const C = '/home/ci/shared/corpus/kompose';", 'shared data or a checkout by absolute path'],
    ['another checkout', "cd /work/wt-net && npm test", 'shared data or a checkout by absolute path'],
    ['a home directory read from disk', "import { readFileSync } from 'node:fs';\nreadFileSync('/home/ada/compose.yaml');", 'an absolute machine path in a file that touches the disk'],
    ['a working directory on this machine', "import { diskReader } from '../../src/cli/io.js';\nconvert(diskReader(), { workingDir: '/home/ci/project' });", 'an absolute machine path in a file that touches the disk'],
    ['a location kept in a constant', "import { existsSync } from 'node:fs';\nconst CORPUS = '/mnt/data/corpus';", 'an absolute machine path in a file that touches the disk'],
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
    ['a bind mount of a host path in an in-disk test file', "import { runCli } from '../support/cli.js';\nconst m = mounts('/mnt/docker-volumes/db:/var/lib/mysql');"],
    ['a container path inside compose text', "import { runCli } from '../support/cli.js';\nconst y = 'volumes: [\"data:/tmp/cache\"]\\n    working_dir: /home/app';"],
  ])('are not found in %s', (_what, text) => {
    expect(machinePaths('test/x.test.ts', text)).toEqual([]);
  });
});
