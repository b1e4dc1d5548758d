import { describe, expect, it } from 'vitest';
import { codes, load, serviceOf } from './helpers.js';

describe('extends', () => {
  it.each([
    [
      'a service of the same file (short form)',
      { 'compose.yaml': 'services:\n  base:\n    image: app\n    user: root\n  web:\n    extends: base\n    user: web\n' },
      { image: 'app', user: 'web' },
    ],
    [
      'a service of the same file (long form)',
      { 'compose.yaml': 'services:\n  base:\n    image: app\n    environment: [A=1]\n  web:\n    extends:\n      service: base\n    environment:\n      B: "2"\n' },
      { image: 'app', environment: ['A=1', 'B=2'] },
    ],
    [
      'a chain of services',
      { 'compose.yaml': 'services:\n  a:\n    image: app\n    user: root\n  b:\n    extends: a\n    working_dir: /srv\n  web:\n    extends: b\n    user: web\n' },
      { image: 'app', user: 'web', working_dir: '/srv' },
    ],
    [
      'a service of another file, interpolated with the project variables',
      { 'compose.yaml': 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: app\n    command: [serve]\n', 'common.yaml': 'services:\n  app:\n    image: app:${TAG}\n    command: [run]\n', '.env': 'TAG=3\n' },
      { image: 'app:3', command: ['serve'] },
    ],
    [
      'a chain across files, each file relative to the one naming it',
      {
        'compose.yaml': 'services:\n  web:\n    extends:\n      file: lib/mid.yaml\n      service: mid\n',
        'lib/mid.yaml': 'services:\n  mid:\n    extends:\n      file: base/root.yaml\n      service: root\n    user: mid\n',
        'lib/base/root.yaml': 'services:\n  root:\n    image: root\n    user: root\n',
      },
      { image: 'root', user: 'mid' },
    ],
    [
      'the merge rules (ports unique, command replaced)',
      { 'compose.yaml': 'services:\n  base:\n    image: app\n    ports: ["80:80", "443:443"]\n    command: [a]\n  web:\n    extends: base\n    ports: ["80:80", "8080:8080"]\n    command: [b]\n' },
      { image: 'app', ports: ['80:80', '443:443', '8080:8080'], command: ['b'] },
    ],
    [
      '!reset in the extending service',
      { 'compose.yaml': 'services:\n  base:\n    image: app\n    ports: ["80:80"]\n    user: root\n  web:\n    extends: base\n    ports: !reset []\n' },
      { image: 'app', user: 'root' },
    ],
    [
      '!override in the extending service',
      { 'compose.yaml': 'services:\n  base:\n    image: app\n    environment:\n      A: "1"\n  web:\n    extends: base\n    environment: !override\n      B: "2"\n' },
      { image: 'app', environment: { B: '2' } },
    ],
  ])('from %s', (_name, files, expected) => {
    const result = load(files);
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 'web')).toEqual(expected);
  });

  it('keeps the extended service itself unchanged', () => {
    const result = load({ 'compose.yaml': 'services:\n  base:\n    image: app\n  web:\n    extends: base\n    user: web\n' });
    expect(serviceOf(result, 'base')).toEqual({ image: 'app' });
  });

  it('applies a !reset of an extending override file to the service of earlier files', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    image: app\n    ports: ["80:80"]\n',
      'compose.override.yaml': 'services:\n  tpl:\n    user: root\n  web:\n    extends: tpl\n    ports: !reset []\n',
    });
    expect(serviceOf(result, 'web')).toEqual({ image: 'app', user: 'root' });
  });

  it('rebases relative paths of a service from another directory', () => {
    const result = load({
      // extends takes the service only: the volume it mounts is declared by the project (compose-go checkConsistency).
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: ../shared/app.yaml\n      service: app\nvolumes:\n  cache: {}\n',
      '/shared/app.yaml': 'services:\n  app:\n    build: ./src\n    env_file: app.env\n    volumes:\n      - ./static:/srv/static:ro\n      - type: bind\n        source: conf\n        target: /etc/app\n      - cache:/cache\n',
      '/shared/app.env': 'MODE=prod\n',
    });
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 'web')).toEqual({
      build: '../shared/src',
      env_file: '/shared/app.env',
      volumes: ['../shared/static:/srv/static:ro', { type: 'bind', source: '../shared/conf', target: '/etc/app' }, 'cache:/cache'],
    });
    const web = result.project!.services.web!;
    expect(web.volumes.map((v) => v.source)).toEqual(['/shared/static', '/shared/conf', 'cache']);
    expect(web.envFiles[0]?.vars).toEqual([{ name: 'MODE', value: 'prod' }]);
  });

  it.each([
    ['a service extending itself', 'services:\n  web:\n    image: a\n    extends: web\n', 'extends cycle: web -> web', 'compose.yaml:4:5'],
    ['two services extending each other', 'services:\n  a:\n    image: a\n    extends: b\n  b:\n    extends:\n      service: a\n', 'extends cycle: a -> b -> a', 'compose.yaml:4:5'],
    ['a three-service cycle', 'services:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n', 'extends cycle: a -> b -> c -> a', 'compose.yaml:3:5'],
  ])('reports %s as extends-cycle, once', (_name, text, message, where) => {
    const result = load({ 'compose.yaml': text });
    expect(codes(result, 'error')).toEqual([`extends-cycle@${where}`]);
    expect(result.diagnostics[0]!.message).toBe(message);
  });

  it('names the files of a cycle across files', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: other.yaml\n      service: api\n',
      'other.yaml': 'services:\n  api:\n    extends:\n      file: compose.yaml\n      service: web\n',
    });
    expect(codes(result, 'error')).toEqual(['extends-cycle@compose.yaml:3:5']);
    expect(result.diagnostics[0]!.message).toBe('extends cycle: web -> api (other.yaml) -> web');
  });

  it.each([
    ['a missing service of the same file', { 'compose.yaml': 'services:\n  web:\n    extends: nope\n' }, 'extends-missing@compose.yaml:3:14'],
    ['a missing service of another file', { 'compose.yaml': 'services:\n  web:\n    extends:\n      file: base.yaml\n      service: nope\n', 'base.yaml': 'services:\n  app:\n    image: a\n' }, 'extends-missing@compose.yaml:5:16'],
    ['a missing file', { 'compose.yaml': 'services:\n  web:\n    extends:\n      file: gone.yaml\n      service: app\n' }, 'file-not-found@compose.yaml:4:13'],
    ['extends without a service name', { 'compose.yaml': 'services:\n  web:\n    image: a\n    extends:\n      file: x.yaml\n' }, 'schema@compose.yaml:5:7'],
  ])('reports %s', (_name, files, expected) => {
    const result = load(files);
    expect(codes(result, 'error')).toEqual([expected]);
    expect(result.project).toBeUndefined();
  });

  it('reads an extended file once and reports its problems once', () => {
    const result = load({
      'compose.yaml': 'services:\n  a:\n    extends: { file: base.yaml, service: app }\n  b:\n    extends: { file: base.yaml, service: app }\n',
      'base.yaml': 'services:\n  app:\n    image: app:${UNSET_TAG}\n',
    });
    expect(codes(result)).toEqual(['interpolation-unset@base.yaml:3:16']);
    expect(result.sources.has('base.yaml')).toBe(true);
  });
});
