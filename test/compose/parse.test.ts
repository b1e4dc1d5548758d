import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseYaml } from '../../src/compose/parse.js';
import { toPlain } from '../../src/compose/tree.js';

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
