import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseYaml } from '../../src/compose/parse.js';
import { rebasePaths } from '../../src/compose/rebase.js';
import { toPlain, type YMap } from '../../src/compose/tree.js';

/** `text` written for /p/lib, rebased for the project directory /p. */
function rebased(text: string): unknown {
  const tree = parseYaml({ path: 'lib/compose.yaml', text }, new Diagnostics()) as YMap;
  return toPlain(rebasePaths(tree, '/p/lib', '/p'));
}

describe('rebasing the paths of a file from another directory', () => {
  it.each([
    ['a build context string', 'services:\n  a:\n    build: ./app\n', { services: { a: { build: './lib/app' } } }],
    ['a build context in the long form', 'services:\n  a:\n    build:\n      context: ..\n      dockerfile: Dockerfile.dev\n', { services: { a: { build: { context: '.', dockerfile: 'Dockerfile.dev' } } } }],
    ['a remote build context (left alone)', 'services:\n  a:\n    build: https://github.com/example/app.git#main\n', { services: { a: { build: 'https://github.com/example/app.git#main' } } }],
    ['additional contexts', 'services:\n  a:\n    build:\n      context: .\n      additional_contexts:\n        base: ../base\n        img: docker-image://alpine\n', { services: { a: { build: { context: './lib', additional_contexts: { base: './base', img: 'docker-image://alpine' } } } } }],
    ['env_file forms (made absolute)', 'services:\n  a:\n    env_file:\n      - a.env\n      - path: ./b.env\n        required: false\n', { services: { a: { env_file: ['/p/lib/a.env', { path: '/p/lib/b.env', required: false }] } } }],
    ['short bind mounts, not named volumes', 'services:\n  a:\n    volumes:\n      - ./data:/data:ro\n      - cache:/cache\n      - /abs:/abs\n      - ~/home:/home\n', { services: { a: { volumes: ['./lib/data:/data:ro', 'cache:/cache', '/abs:/abs', '~/home:/home'] } } }],
    ['long bind mounts', 'services:\n  a:\n    volumes:\n      - type: bind\n        source: conf\n        target: /etc/a\n      - type: volume\n        source: conf\n        target: /v\n', { services: { a: { volumes: [{ type: 'bind', source: './lib/conf', target: '/etc/a' }, { type: 'volume', source: 'conf', target: '/v' }] } } }],
    ['secret and config files (made absolute)', 'secrets:\n  s:\n    file: ./s.txt\nconfigs:\n  c:\n    file: c.conf\n  e:\n    external: true\n', { secrets: { s: { file: '/p/lib/s.txt' } }, configs: { c: { file: '/p/lib/c.conf' }, e: { external: true } } }],
    ['a local bind volume device', 'volumes:\n  v:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: ./store\n', { volumes: { v: { driver: 'local', driver_opts: { type: 'none', o: 'bind', device: '/p/lib/store' } } } }],
  ])('%s', (_name, text, expected) => {
    expect(rebased(text)).toEqual(expected);
  });

  it('leaves a tree alone when the directories are the same', () => {
    const tree = parseYaml({ path: 'compose.yaml', text: 'services:\n  a:\n    build: .\n' }, new Diagnostics()) as YMap;
    expect(rebasePaths(tree, '/p', '/p')).toBe(tree);
  });
});
