import { describe, expect, it } from 'vitest';
import { codes, load, plainOf, serviceOf } from './helpers.js';

const db = 'services:\n  db:\n    image: postgres:16\n    volumes: [pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n';

describe('include', () => {
  it('copies the services and resources of the included file (short syntax)', () => {
    const result = load({ 'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n', 'db/compose.yaml': db });
    expect(codes(result, 'error')).toEqual([]);
    expect(Object.keys(result.project!.services)).toEqual(['db', 'web']);
    expect(Object.keys(result.project!.volumes)).toEqual(['pgdata']);
    expect(plainOf(result)).not.toHaveProperty('include');
  });

  it.each([
    ['a single path', 'include:\n  - path: db/compose.yaml\n'],
    ['a list of paths merged in order', 'include:\n  - path:\n      - db/compose.yaml\n      - db/tuning.yaml\n'],
  ])('supports the long syntax with %s', (name, text) => {
    const result = load({ 'compose.yaml': `${text}services:\n  web:\n    image: web\n`, 'db/compose.yaml': db, 'db/tuning.yaml': 'services:\n  db:\n    command: [postgres, -c, max_connections=200]\n' });
    expect(codes(result, 'error')).toEqual([]);
    const expected = name === 'a single path' ? undefined : ['postgres', '-c', 'max_connections=200'];
    expect(serviceOf(result, 'db').command).toEqual(expected);
  });

  it('resolves relative paths of the included project against its own directory', () => {
    const result = load({
      'compose.yaml': 'include:\n  - ../libs/cache/compose.yaml\nservices:\n  web:\n    image: web\n',
      '/libs/cache/compose.yaml': 'services:\n  cache:\n    build: ./image\n    env_file: cache.env\n    volumes: [./conf:/etc/cache]\n    secrets: [key]\nsecrets:\n  key:\n    file: ./key.txt\n',
      '/libs/cache/cache.env': 'X=1\n',
      '/libs/cache/key.txt': 'k',
    });
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 'cache')).toEqual({ build: '../libs/cache/image', env_file: '/libs/cache/cache.env', volumes: ['../libs/cache/conf:/etc/cache'], secrets: ['key'] });
    expect(result.project!.services.cache!.volumes[0]!.source).toBe('/libs/cache/conf');
    expect(result.project!.secrets.key!.file).toBe('/libs/cache/key.txt');
  });

  it('uses project_directory for the relative paths of the included project', () => {
    const result = load({
      'compose.yaml': 'include:\n  - path: infra/compose.yaml\n    project_directory: infra/ctx\nservices:\n  web:\n    image: web\n',
      'infra/compose.yaml': 'services:\n  proxy:\n    build: .\n',
    });
    expect(serviceOf(result, 'proxy')).toEqual({ build: './infra/ctx' });
  });

  // compose-go: the default build context of an included service is its file's directory (or project_directory).
  it('builds an included service without context in its own directory', () => {
    const result = load({
      'compose.yaml': 'include:\n  - infra/compose.yaml\n  - path: other/compose.yaml\n    project_directory: other/ctx\nservices:\n  web:\n    image: web\n',
      'infra/compose.yaml': 'services:\n  proxy:\n    build:\n      dockerfile: Dockerfile.proxy\n',
      'other/compose.yaml': 'services:\n  worker:\n    build:\n      args: {A: "1"}\n',
    });
    expect(codes(result, 'error')).toEqual([]);
    expect(result.project!.services.proxy!.build!.context).toBe('./infra');
    expect(result.project!.services.worker!.build!.context).toBe('./other/ctx');
  });

  it('interpolates the included file with its own .env under the including project', () => {
    const result = load(
      {
        'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: web:${TAG}\n',
        'db/.env': 'PG_VERSION=15\nTAG=from-db\nDB_USER=app\n',
        'db/compose.yaml': 'services:\n  db:\n    image: postgres:${PG_VERSION}\n    labels: ["tag=${TAG}"]\n    environment: [DB_USER]\n',
      },
      { env: { TAG: 'top' } },
    );
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 'db')).toEqual({ image: 'postgres:15', labels: ['tag=top'], environment: ['DB_USER=app'] });
    expect(serviceOf(result, 'web').image).toBe('web:top');
  });

  it('uses the env_file of the include entry, relative to the including project', () => {
    const result = load({
      'compose.yaml': 'include:\n  - path: db/compose.yaml\n    env_file: [conf/db.env]\n',
      'db/.env': 'PG_VERSION=9\n',
      'conf/db.env': 'PG_VERSION=17\n',
      'db/compose.yaml': 'services:\n  db:\n    image: postgres:${PG_VERSION}\n',
    });
    expect(serviceOf(result, 'db').image).toBe('postgres:17');
  });

  it('includes recursively', () => {
    const result = load({
      'compose.yaml': 'include: [a/compose.yaml]\nservices:\n  web:\n    image: web\n',
      'a/compose.yaml': 'include: [b/compose.yaml]\nservices:\n  a:\n    image: a\n',
      'a/b/compose.yaml': 'services:\n  b:\n    build: .\n',
    });
    expect(codes(result, 'error')).toEqual([]);
    expect(Object.keys(result.project!.services)).toEqual(['b', 'a', 'web']);
    expect(serviceOf(result, 'b')).toEqual({ build: './a/b' });
  });

  it('lets an override file change an included service', () => {
    const result = load({ 'compose.yaml': 'include: [db/compose.yaml]\n', 'compose.override.yaml': 'services:\n  db:\n    environment: [POSTGRES_DB=shop]\n', 'db/compose.yaml': db });
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 'db').environment).toEqual(['POSTGRES_DB=shop']);
  });

  it('accepts the same definition twice', () => {
    const result = load({ 'compose.yaml': 'include: [a.yaml, b.yaml]\n', 'a.yaml': 'volumes:\n  shared: {}\nservices:\n  a:\n    image: a\n    volumes: [shared:/s]\n', 'b.yaml': 'volumes:\n  shared: {}\nservices:\n  b:\n    image: b\n' });
    expect(codes(result, 'error')).toEqual([]);
    expect(Object.keys(result.project!.volumes)).toEqual(['shared']);
  });

  it.each([
    ['a service the including file defines', { 'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  db:\n    image: mysql\n', 'db/compose.yaml': db }, 'include-conflict@compose.yaml:2:5', 'the included service "db" (db/compose.yaml:2:3) is already defined at compose.yaml:4:3'],
    ['a volume two includes define differently', { 'compose.yaml': 'include:\n  - a.yaml\n  - b.yaml\n', 'a.yaml': 'services:\n  a:\n    image: a\nvolumes:\n  v:\n    driver: local\n', 'b.yaml': 'services:\n  b:\n    image: b\nvolumes:\n  v:\n    driver: nfs\n' }, 'include-conflict@compose.yaml:3:5', 'the included volume "v" (b.yaml:5:3) is already defined at a.yaml:5:3'],
    ['a file including itself', { 'compose.yaml': 'include:\n  - ./compose.yaml\nservices:\n  a:\n    image: a\n' }, 'include-cycle@compose.yaml:2:5', 'include cycle: compose.yaml -> compose.yaml'],
    ['a cycle through another file', { 'compose.yaml': 'include: [sub/compose.yaml]\n', 'sub/compose.yaml': 'include:\n  - ../compose.yaml\n' }, 'include-cycle@sub/compose.yaml:2:5', 'include cycle: compose.yaml -> sub/compose.yaml -> compose.yaml'],
    ['a missing included file', { 'compose.yaml': 'include:\n  - path: nope/compose.yaml\n' }, 'file-not-found@compose.yaml:2:11', 'included file nope/compose.yaml not found'],
    ['a missing env_file of an include', { 'compose.yaml': 'include:\n  - path: db/compose.yaml\n    env_file: db.env\n', 'db/compose.yaml': db }, 'file-not-found@compose.yaml:3:15', 'env file db.env of the include not found'],
    ['an entry without path', { 'compose.yaml': 'include:\n  - project_directory: x\n' }, 'schema@compose.yaml:2:5', undefined],
  ])('reports %s', (_name, files, expected, message) => {
    const result = load(files);
    expect(codes(result, 'error')).toEqual([expected]);
    if (message) expect(result.diagnostics.find((d) => d.severity === 'error')!.message).toBe(message);
    expect(result.project).toBeUndefined();
  });
});
