import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../src/compose/environment.js';
import { memoryReader } from '../../src/compose/host.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';

interface Case {
  files: Record<string, string>;
  env?: Record<string, string>;
  envFiles?: string[];
}

/** The project lives in /work/app; the command runs in /work. */
function load({ files, env = {}, envFiles }: Case) {
  const diags = new Diagnostics();
  const sources = new Map<string, string>();
  const options = { reader: memoryReader(files, '/work'), workingDir: '/work', env, ...(envFiles ? { envFiles } : {}) };
  const projectEnv = loadEnvironment(options, '/work/app', diags, sources);
  return { projectEnv, diags: diags.items, sources };
}

describe('loadEnvironment: the project environment', () => {
  it.each<[string, Case, Record<string, string | undefined>]>([
    ['.env of the project directory', { files: { 'app/.env': 'TAG=1.0\n' } }, { TAG: '1.0' }],
    ['no .env at all', { files: {} }, { TAG: undefined }],
    ['the process environment wins over .env', { files: { 'app/.env': 'TAG=1.0\n' }, env: { TAG: '2.0' } }, { TAG: '2.0' }],
    ['an empty process value still wins', { files: { 'app/.env': 'TAG=1.0\n' }, env: { TAG: '' } }, { TAG: '' }],
    ['.env refers to names defined before', { files: { 'app/.env': 'HOST=db\nURL=postgres://${HOST}:5432\n' } }, { URL: 'postgres://db:5432' }],
    ['.env refers to the process environment', { files: { 'app/.env': 'DATA=${HOME}/data\n' }, env: { HOME: '/home/ada' } }, { DATA: '/home/ada/data' }],
    ['a name alone in .env takes the process value', { files: { 'app/.env': 'USER\n' }, env: { USER: 'ada' } }, { USER: 'ada' }],
    ['.env of the working directory is not read', { files: { '.env': 'TAG=cwd\n' } }, { TAG: undefined }],
    ['--env-file replaces .env', { files: { 'app/.env': 'A=dot\nB=dot\n', 'prod.env': 'A=prod\n' }, envFiles: ['prod.env'] }, { A: 'prod', B: undefined }],
    ['later --env-file wins', { files: { 'a.env': 'X=a\nY=a\n', 'b.env': 'X=b\n' }, envFiles: ['a.env', 'b.env'] }, { X: 'b', Y: 'a' }],
    ['a later --env-file sees the earlier ones', { files: { 'a.env': 'BASE=/srv\n', 'b.env': 'DATA=$BASE/data\n' }, envFiles: ['a.env', 'b.env'] }, { DATA: '/srv/data' }],
    // Observed with docker compose config: a file's own earlier lines come before the earlier files.
    ['a later --env-file sees its own earlier lines first', { files: { 'a.env': 'HOST=prod\n', 'b.env': 'HOST=dev\nURL=http://${HOST}\n' }, envFiles: ['a.env', 'b.env'] }, { URL: 'http://dev', HOST: 'dev' }],
    ['the process environment still comes first', { files: { 'a.env': 'HOST=prod\n', 'b.env': 'HOST=dev\nURL=http://${HOST}\n' }, envFiles: ['a.env', 'b.env'], env: { HOST: 'proc' } }, { URL: 'http://proc' }],
    ['a name alone takes an earlier file\'s value', { files: { 'a.env': 'HOST=prod\n', 'b.env': 'HOST\nURL=http://${HOST}\n' }, envFiles: ['a.env', 'b.env'] }, { URL: 'http://prod', HOST: 'prod' }],
    ['--env-file is relative to the working directory', { files: { 'conf/x.env': 'X=1\n' }, envFiles: ['conf/x.env'] }, { X: '1' }],
    ['COMPOSE_DISABLE_ENV_FILE=true skips .env', { files: { 'app/.env': 'TAG=1.0\n' }, env: { COMPOSE_DISABLE_ENV_FILE: 'true' } }, { TAG: undefined }],
    ['COMPOSE_DISABLE_ENV_FILE=1 skips .env', { files: { 'app/.env': 'TAG=1.0\n' }, env: { COMPOSE_DISABLE_ENV_FILE: '1' } }, { TAG: undefined }],
    ['COMPOSE_DISABLE_ENV_FILE=false keeps .env', { files: { 'app/.env': 'TAG=1.0\n' }, env: { COMPOSE_DISABLE_ENV_FILE: 'false' } }, { TAG: '1.0' }],
    ['COMPOSE_DISABLE_ENV_FILE does not drop --env-file', { files: { 'x.env': 'X=1\n' }, env: { COMPOSE_DISABLE_ENV_FILE: '1' }, envFiles: ['x.env'] }, { X: '1' }],
    ['COMPOSE_ENV_FILES names the files', { files: { 'a.env': 'X=a\n', 'b.env': 'X=b\nY=b\n', 'app/.env': 'Z=dot\n' }, env: { COMPOSE_ENV_FILES: 'a.env,b.env' } }, { X: 'b', Y: 'b', Z: undefined }],
    ['--env-file wins over COMPOSE_ENV_FILES', { files: { 'a.env': 'X=a\n', 'b.env': 'X=b\n' }, env: { COMPOSE_ENV_FILES: 'a.env' }, envFiles: ['b.env'] }, { X: 'b' }],
  ])('%s', (_what, c, expected) => {
    const { projectEnv, diags } = load(c);
    for (const [name, value] of Object.entries(expected)) expect(projectEnv.lookup(name)).toBe(value);
    expect(diags).toEqual([]);
  });

  it('keeps every env file text for code frames, by its display name', () => {
    const { sources } = load({ files: { 'app/.env': 'A=1\n' } });
    expect([...sources]).toEqual([['app/.env', 'A=1\n']]);
  });

  it('reports a missing --env-file', () => {
    const { diags } = load({ files: {}, envFiles: ['missing.env'] });
    expect(diags).toMatchObject([{ code: 'file-not-found', severity: 'error', message: 'env file not found: missing.env' }]);
  });

  it('reports .env syntax errors at their line and column', () => {
    const { diags } = load({ files: { 'app/.env': 'OK=1\nNOT OK=2\n' } });
    expect(diags).toMatchObject([{ code: 'dotenv-syntax', file: 'app/.env', line: 2, column: 1 }]);
  });

  it('lists the process environment over the files in vars', () => {
    const { projectEnv } = load({ files: { 'app/.env': 'A=file\nB=file\n' }, env: { B: 'process', C: 'process' } });
    expect(projectEnv.vars).toEqual({ A: 'file', B: 'process', C: 'process' });
  });
});

/** Compose sets PWD to its working directory when the environment lacks it (observed: `env -u PWD docker compose config`). */
describe('PWD', () => {
  it('is the working directory when the environment lacks it', async () => {
    const { load: loadFiles, serviceOf } = await import('./helpers.js');
    const compose = 'services:\n  web:\n    image: caddy\n    volumes: ["$PWD/Caddyfile:/etc/caddy/Caddyfile"]\n';
    expect(serviceOf(loadFiles({ 'compose.yaml': compose, 'Caddyfile': '' }), 'web').volumes).toEqual(['/p/Caddyfile:/etc/caddy/Caddyfile']);
    expect(serviceOf(loadFiles({ 'compose.yaml': compose }, { env: { PWD: '/elsewhere' } }), 'web').volumes).toEqual(['/elsewhere/Caddyfile:/etc/caddy/Caddyfile']);
  });
});
