import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../src/diff/unified.js';

function hasGnuDiff(): boolean {
  try {
    execFileSync('diff', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '', 'x: 1'), { maxLength: 25 });

describe('unifiedDiff', () => {
  it('is empty for equal texts and marks every changed line', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', { before: 'x', after: 'y' })).toBe('');
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', { before: 'old', after: 'new' })).toBe('--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedDiff('', 'a\n', { before: '/dev/null', after: 'new' })).toBe('--- /dev/null\n+++ new\n@@ -0,0 +1 @@\n+a\n');
  });

  it('its edit script turns the old lines into the new ones', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.type !== '+').map((o) => o.line)).toEqual(a);
        expect(ops.filter((o) => o.type !== '-').map((o) => o.line)).toEqual(b);
      }),
      { numRuns: 1000 },
    );
  });

  describe.runIf(hasGnuDiff())('against GNU diff', () => {
    it('changes as few lines as `diff -u` does', () => {
      const dir = mkdtempSync(join(tmpdir(), 'c2k-unified-'));
      fc.assert(
        fc.property(lines, lines, (a, b) => {
          const ta = a.map((l) => `${l}\n`).join('');
          const tb = b.map((l) => `${l}\n`).join('');
          writeFileSync(join(dir, 'a'), ta);
          writeFileSync(join(dir, 'b'), tb);
          let gnu = '';
          try {
            execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
          } catch (e) {
            gnu = (e as { stdout: string }).stdout;
          }
          const ours = unifiedDiff(ta, tb, { before: 'a', after: 'b' });
          const count = (text: string, mark: string) => text.split('\n').filter((l) => l.startsWith(mark) && !l.startsWith(mark.repeat(3))).length;
          expect(count(ours, '-') + count(ours, '+')).toBe(count(gnu, '-') + count(gnu, '+'));
        }),
        { numRuns: 150 },
      );
    });
  });

  describe.runIf(!hasGnuDiff())('against GNU diff', () => {
    it.skip('diff is not installed: the comparison with `diff -u` is skipped', () => {});
  });
});
