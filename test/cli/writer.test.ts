import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputRefused, isGeneratedContent, writeAtomically, type FileOps } from '../../src/cli/writer.js';

const OURS = 'kind: ConfigMap\nmetadata:\n  labels:\n    app.kubernetes.io/managed-by: compose2kube\n';

function sandbox(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'c2k-writer-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Every file and directory under `dir`, with the content of each file: what "exactly as it was" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        out[`${relative(dir, p)}/`] = '';
        walk(p);
      } else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('the output writer', () => {
  it('writes every file, creating the directories it needs', () => {
    const dir = sandbox();
    writeAtomically([
      { path: join(dir, 'a/b/one.yaml'), content: OURS },
      { path: join(dir, 'two.json'), content: '{}\n' },
    ]);
    expect(snapshot(dir)).toEqual({ 'a/': '', 'a/b/': '', 'a/b/one.yaml': OURS, 'two.json': '{}\n' });
  });

  it('replaces a file it wrote before', () => {
    const dir = sandbox({ 'k8s/app.yaml': OURS });
    writeAtomically([{ path: join(dir, 'k8s/app.yaml'), content: `${OURS}# new\n` }]);
    expect(snapshot(dir)).toEqual({ 'k8s/': '', 'k8s/app.yaml': `${OURS}# new\n` });
  });

  it('refuses to replace a file it did not write, names it, and writes nothing at all', () => {
    const dir = sandbox({ 'k8s/notes.yaml': 'my own notes\n' });
    const before = snapshot(dir);
    let error: unknown;
    try {
      writeAtomically([
        { path: join(dir, 'new/first.yaml'), content: OURS },
        { path: join(dir, 'k8s/notes.yaml'), content: OURS },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputRefused);
    expect((error as OutputRefused).file).toBe(join(dir, 'k8s/notes.yaml'));
    expect((error as Error).message).toContain('was not written by compose2kube');
    expect(snapshot(dir)).toEqual(before);
  });

  it('replaces a file it did not write with force', () => {
    const dir = sandbox({ 'notes.yaml': 'my own notes\n' });
    writeAtomically([{ path: join(dir, 'notes.yaml'), content: OURS }], { force: true });
    expect(readFileSync(join(dir, 'notes.yaml'), 'utf8')).toBe(OURS);
  });

  it('refuses a directory where a file goes, even with force', () => {
    const dir = sandbox({ 'k8s/app.yaml/inside.txt': 'x' });
    const before = snapshot(dir);
    expect(() => writeAtomically([{ path: join(dir, 'k8s/app.yaml'), content: OURS }], { force: true })).toThrow(OutputRefused);
    expect(snapshot(dir)).toEqual(before);
  });

  it('leaves everything as it was when a directory cannot be made (a file is in the way)', () => {
    const dir = sandbox({ 'k8s/app.yaml': OURS, blocker: 'a file\n' });
    const before = snapshot(dir);
    expect(() =>
      writeAtomically([
        { path: join(dir, 'k8s/app.yaml'), content: 'changed\n' },
        { path: join(dir, 'made/deeper/x.yaml'), content: OURS },
        { path: join(dir, 'blocker/x.yaml'), content: OURS },
      ]),
    ).toThrow();
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([1, 2, 3, 4, 5])('puts everything back when the rename number %i fails (files already replaced included)', (failing) => {
    const dir = sandbox({ 'out/own.yaml': OURS, 'out/other.yaml': `${OURS}# other\n` });
    const before = snapshot(dir);
    let renames = 0;
    const ops: FileOps = {
      writeNew: (p, c) => writeFileSync(p, c, { flag: 'wx' }),
      mkdir: (p) => mkdirSync(p),
      rename: (from, to) => {
        // Only the commit's renames count; the rollback's must work.
        if (!from.endsWith('.bak') && ++renames === failing) throw new Error('disk full');
        renameSync(from, to);
      },
    };
    expect(() =>
      writeAtomically(
        [
          { path: join(dir, 'out/own.yaml'), content: 'replaced\n' },
          { path: join(dir, 'out/new/x.yaml'), content: OURS },
          { path: join(dir, 'out/other.yaml'), content: 'replaced too\n' },
        ],
        {},
        ops,
      ),
    ).toThrow('disk full');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a path that is both a file and the directory of another', () => {
    const dir = sandbox();
    expect(() => writeAtomically([{ path: join(dir, 'x.yaml'), content: OURS }, { path: join(dir, 'x.yaml/y.yaml'), content: OURS }])).toThrow(OutputRefused);
    expect(snapshot(dir)).toEqual({});
  });

  it('puts everything back when a directory cannot be made half-way', () => {
    const dir = sandbox({ 'out/own.yaml': OURS });
    const before = snapshot(dir);
    let made = 0;
    const ops: FileOps = {
      writeNew: (p, c) => writeFileSync(p, c, { flag: 'wx' }),
      rename: (from, to) => renameSync(from, to),
      mkdir: (p) => {
        if (++made === 2) throw new Error('no space');
        mkdirSync(p);
      },
    };
    expect(() => writeAtomically([{ path: join(dir, 'out/own.yaml'), content: 'x\n' }, { path: join(dir, 'a/b/c.yaml'), content: OURS }], {}, ops)).toThrow('no space');
    expect(snapshot(dir)).toEqual(before);
  });

  it('removes stale files in the same step, and only when every file is in place', () => {
    const dir = sandbox({ 'out/keep.yaml': OURS, 'out/stale.yaml': OURS, 'out/notes.txt': 'mine\n' });
    writeAtomically([{ path: join(dir, 'out/keep.yaml'), content: `${OURS}# new\n` }], { remove: [join(dir, 'out/stale.yaml'), join(dir, 'out/gone-already.yaml')] });
    expect(snapshot(dir)).toEqual({ 'out/': '', 'out/keep.yaml': `${OURS}# new\n`, 'out/notes.txt': 'mine\n' });
  });

  it.each([1, 2, 3])('puts the removed files back when the rename number %i fails', (failing) => {
    const dir = sandbox({ 'out/own.yaml': OURS, 'out/stale-1.yaml': `${OURS}# 1\n`, 'out/stale-2.yaml': `${OURS}# 2\n` });
    const before = snapshot(dir);
    let renames = 0;
    const ops: FileOps = {
      writeNew: (p, c) => writeFileSync(p, c, { flag: 'wx' }),
      mkdir: (p) => mkdirSync(p),
      rename: (from, to) => {
        if (!from.endsWith('.bak') && ++renames === failing + 1) throw new Error('disk full');
        renameSync(from, to);
      },
    };
    const remove = [join(dir, 'out/stale-1.yaml'), join(dir, 'out/stale-2.yaml')];
    expect(() => writeAtomically([{ path: join(dir, 'out/own.yaml'), content: 'replaced\n' }], { remove }, ops)).toThrow('disk full');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to write and remove one path', () => {
    const dir = sandbox({ 'a.yaml': OURS });
    expect(() => writeAtomically([{ path: join(dir, 'a.yaml'), content: OURS }], { remove: [join(dir, 'a.yaml')] })).toThrow(/both written and removed/);
  });

  it('refuses to write one path twice', () => {
    const dir = sandbox();
    expect(() => writeAtomically([{ path: join(dir, 'a.yaml'), content: OURS }, { path: join(dir, 'a.yaml'), content: OURS }])).toThrow(/twice/);
    expect(snapshot(dir)).toEqual({});
  });
});

describe('recognising its own files', () => {
  it.each([
    [OURS, true],
    ['{"metadata": {"labels": {"app.kubernetes.io/managed-by": "compose2kube"}}}', true],
    ["labels: {'app.kubernetes.io/managed-by': 'compose2kube'}", true],
    ['app.kubernetes.io/managed-by: helm', false],
    ['app.kubernetes.io/managed-by: compose2kube-fork', false],
    ['compose2kube wrote this, honest', false],
    ['', false],
  ])('%j -> %s', (text, ours) => {
    expect(isGeneratedContent(text)).toBe(ours);
  });
});
