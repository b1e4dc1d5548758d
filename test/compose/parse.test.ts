import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseYaml } from '../../src/compose/parse.js';
import { toPlain } from '../../src/compose/tree.js';
import { loadProject } from '../../src/compose/load.js';
import { memoryReader } from '../../src/compose/host.js';

const value = (text: string) => {
  const diags = new Diagnostics();
  const tree = parseYaml({ path: 'compose.yaml', text: `v: ${text}\n` }, diags);
  expect(diags.items).toEqual([]);
  return (toPlain(tree!) as { v: unknown }).v;
};

describe('scalars as Docker Compose (go-yaml) reads them', () => {
  it.each([
    ['0440', 0o440],
    ['0644', 0o644],
    ['-0755', -0o755],
    ['0o440', 0o440],
    ['440', 440],
    ['0', 0],
    ['08', 8],
    ['"0440"', '0440'],
    ["'0644'", '0644'],
    ['0x1F', 31],
    ['yes', 'yes'],
    ['true', true],
    ['1.5', 1.5],
  ])('%s -> %j', (text, expected) => {
    expect(value(text)).toBe(expected);
  });
});

describe('short volume syntax with Windows paths', () => {
  it.each([
    ['C:\\data:/data', { source: 'C:\\data', target: '/data', readOnly: false }],
    ['C:\\Users\\me:D:\\config:ro', { source: 'C:\\Users\\me', target: 'D:\\config', readOnly: true }],
    ['data:/var/lib/data', { source: 'data', target: '/var/lib/data', readOnly: false }],
  ])('%s', (spec, expected) => {
    const text = `services:\n  app:\n    image: x\n    volumes:\n      - '${spec}'\nvolumes:\n  data:\n`;
    const { project } = loadProject({ reader: memoryReader({ 'compose.yaml': text }, '/p'), workingDir: '/p', env: {} });
    const mount = project!.services.app!.volumes[0]!;
    expect({ source: mount.source?.replace(/^\/p\//, ''), target: mount.target, readOnly: mount.readOnly }).toEqual(expected);
  });
});
