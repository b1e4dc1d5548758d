import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { precompiledAjv, pipelineForNode } from '../../playground/validators.js';
import { convert } from '../support/api-checks.js';
import { FIXTURES, fixtureNames, fixtureOptions, fixtureReader } from '../support/fixtures.js';

/**
 * The page's pipeline validates with the validators ajv generated when the page was built, not
 * with ajv's compiler: it must say exactly what the CLI's pipeline says, valid input or not.
 */
type Pipeline = Awaited<ReturnType<typeof pipelineForNode>>;
let page: Pipeline;

beforeAll(async () => {
  page = await pipelineForNode(await precompiledAjv());
}, 120_000);

const BROKEN: Record<string, string> = {
  'unknown key': 'services:\n  web:\n    image: nginx\n    bogus: 1\n',
  'wrong type': 'services:\n  web:\n    image: 3\n    ports: {a: 1}\n',
  'bad port and duration': 'services:\n  web:\n    image: nginx\n    ports: ["80:80:80:80"]\n    healthcheck:\n      interval: soon\n',
  'hint mistakes': 'services:\n  web:\n    image: nginx\n    x-kubernetes:\n      replicas: many\n      nope: 1\n',
};

describe('the playground pipeline (precompiled schema validators)', () => {
  it.each(fixtureNames())('converts fixture %s as the CLI pipeline does', (name) => {
    const options = fixtureOptions(name);
    const expected = convert(fixtureReader(join(FIXTURES, name)), options);
    const actual = page.convert(fixtureReader(join(FIXTURES, name)), options);
    expect(actual.diagnostics).toEqual(expected.diagnostics);
    expect(actual.text).toBe(expected.text);
  });

  it.each(Object.keys(BROKEN))('reports the same diagnostics for a file with a %s', (what) => {
    const files = { 'compose.yaml': BROKEN[what]! };
    const expected = convert(files);
    expect(expected.diagnostics.length).toBeGreaterThan(0);
    expect(page.convert(files).diagnostics).toEqual(expected.diagnostics);
  });
});
