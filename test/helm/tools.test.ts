import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tools } from '../support/tools.js';

const found = tools();

describe.runIf('helm' in found)('the packaged tools', () => {
  it('are Helm v4 and kubectl v1.35', () => {
    if (!('helm' in found)) return;
    expect(execFileSync(found.helm, ['version', '--short'], { encoding: 'utf8' })).toMatch(/^v4\./);
    expect(execFileSync(found.kubectl, ['version', '--client'], { encoding: 'utf8' })).toMatch(/Client Version: v1\.35\./);
  });
});

describe.runIf('missing' in found)('the packaged tools', () => {
  it.skip(`are missing: ${'missing' in found ? found.missing : ''}`, () => {});
});
