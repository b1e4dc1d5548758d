import { describe, expect, it } from 'vitest';
import { castTypes, castValue } from '../../src/compose/cast.js';
import { interpolate } from '../../src/compose/interpolate.js';
import { parseYaml } from '../../src/compose/parse.js';
import { at, toPlain } from '../../src/compose/tree.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';

const ENV: Record<string, string> = { N: '3', RO: 'true', YES: 'yes', CPU: '0.5', PORT: '80', WORD: 'many' };

function load(text: string) {
  const diags = new Diagnostics();
  const parsed = parseYaml({ path: 'compose.yaml', text }, diags)!;
  const tree = castTypes(interpolate(parsed, (n) => ENV[n], diags, text), diags);
  return { tree, diags };
}

describe('castTypes: values from interpolation get the type the schema expects', () => {
  it.each([
    ['deploy.replicas', 'services:\n  a:\n    deploy:\n      replicas: ${N}\n', ['services', 'a', 'deploy', 'replicas'], 3],
    ['scale', 'services:\n  a:\n    scale: ${N}\n', ['services', 'a', 'scale'], 3],
    ['healthcheck.retries', 'services:\n  a:\n    healthcheck:\n      retries: ${N}\n', ['services', 'a', 'healthcheck', 'retries'], 3],
    ['ports[].target', 'services:\n  a:\n    ports:\n      - target: ${PORT}\n        published: "${PORT}"\n', ['services', 'a', 'ports', 0, 'target'], 80],
    ['cpus', 'services:\n  a:\n    cpus: ${CPU}\n', ['services', 'a', 'cpus'], 0.5],
    ['read_only', 'services:\n  a:\n    read_only: ${RO}\n', ['services', 'a', 'read_only'], true],
    ['tty from yes', 'services:\n  a:\n    tty: ${YES}\n', ['services', 'a', 'tty'], true],
    ['privileged from a default', 'services:\n  a:\n    privileged: ${P:-false}\n', ['services', 'a', 'privileged'], false],
    ['init', 'services:\n  a:\n    init: "on"\n', ['services', 'a', 'init'], true],
    ['stdin_open', 'services:\n  a:\n    stdin_open: "off"\n', ['services', 'a', 'stdin_open'], false],
    ['ulimits single value', 'services:\n  a:\n    ulimits:\n      nproc: ${N}\n', ['services', 'a', 'ulimits', 'nproc'], 3],
    ['ulimits soft', 'services:\n  a:\n    ulimits:\n      nofile:\n        soft: "${N}"\n', ['services', 'a', 'ulimits', 'nofile', 'soft'], 3],
    ['volumes[].read_only', 'services:\n  a:\n    volumes:\n      - type: volume\n        target: /d\n        read_only: ${RO}\n', ['services', 'a', 'volumes', 0, 'read_only'], true],
    ['restart_policy.max_attempts', 'services:\n  a:\n    deploy:\n      restart_policy:\n        max_attempts: "5"\n', ['services', 'a', 'deploy', 'restart_policy', 'max_attempts'], 5],
    ['network external', 'networks:\n  n:\n    external: ${RO}\n', ['networks', 'n', 'external'], true],
    ['volume external', 'volumes:\n  v:\n    external: "false"\n', ['volumes', 'v', 'external'], false],
  ])('%s', (_what, text, path, expected) => {
    const { tree, diags } = load(text);
    expect(toPlain(at(tree, ...path)!)).toBe(expected);
    expect(diags.items).toEqual([]);
  });

  it.each([
    ['environment values', 'services:\n  a:\n    environment:\n      COUNT: "${N}"\n', ['services', 'a', 'environment', 'COUNT'], '3'],
    ['published ports (a string in Compose)', 'services:\n  a:\n    ports:\n      - target: 80\n        published: "${PORT}"\n', ['services', 'a', 'ports', 0, 'published'], '80'],
    ['secret modes (octal text, read by the normalizer)', 'services:\n  a:\n    secrets:\n      - source: s\n        mode: "0440"\n', ['services', 'a', 'secrets', 0, 'mode'], '0440'],
    ['labels that look like booleans', 'services:\n  a:\n    labels:\n      read_only: "true"\n', ['services', 'a', 'labels', 'read_only'], 'true'],
    ['x- extensions', 'services:\n  a:\n    x-replicas: "${N}"\n', ['services', 'a', 'x-replicas'], '3'],
  ])('leaves strings elsewhere alone: %s', (_what, text, path, expected) => {
    expect(toPlain(at(load(text).tree, ...path)!)).toBe(expected);
  });

  it.each([
    ['replicas', 'services:\n  a:\n    deploy:\n      replicas: ${WORD}\n', 'services.a.deploy.replicas must be an integer, got "many"', 4, 17],
    ['an empty result', 'services:\n  a:\n    scale: ${NOPE:-}\n', 'services.a.scale must be an integer, got ""', 3, 12],
    ['a boolean', 'services:\n  a:\n    read_only: "maybe"\n', 'services.a.read_only must be true or false, got "maybe"', 3, 16],
    ['a list item', 'services:\n  a:\n    ports:\n      - target: "http"\n', 'services.a.ports[0].target must be an integer, got "http"', 4, 17],
    ['a float', 'services:\n  a:\n    cpus: "half"\n', 'services.a.cpus must be a number, got "half"', 3, 11],
  ])('reports a value that is not of the type (%s) at its location', (_what, text, message, line, column) => {
    const { diags } = load(text);
    expect(diags.items).toMatchObject([{ code: 'invalid-value', severity: 'error', message, line, column }]);
  });

  it('skips a value tagged !reset', () => {
    const { tree, diags } = load('services:\n  a:\n    scale: !reset ""\n');
    expect(toPlain(at(tree, 'services', 'a', 'scale')!)).toBe('');
    expect(diags.items).toEqual([]);
  });
});

describe('castValue', () => {
  it.each([
    ['12', 'int', 12],
    ['-4', 'int', -4],
    ['+7', 'int', 7],
    ['1.5', 'int', undefined],
    [' 3', 'int', undefined],
    ['1.25', 'float', 1.25],
    ['.5', 'float', 0.5],
    ['2e3', 'float', 2000],
    ['1,5', 'float', undefined],
    ['TRUE', 'bool', true],
    ['No', 'bool', false],
    ['y', 'bool', true],
    ['1', 'bool', undefined],
  ] as const)('%s as %s -> %s', (text, cast, expected) => {
    expect(castValue(text, cast)).toBe(expected);
  });
});
