import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/cli.js';

const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

/** A project directory named `shop` with the given files. */
function project(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'c2k-config-')), 'shop');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const SHOP = {
  'compose.yaml': [
    'services:',
    '  web:',
    '    image: "ghcr.io/example/web:${TAG}"',
    '    ports: ["${WEB_PORT:-8080}:8000"]',
    '    env_file: web.env',
    '    environment:',
    '      - MODE=production',
    '    depends_on: [db]',
    '  db:',
    '    image: postgres:16',
    '    volumes: ["pgdata:/var/lib/postgresql/data"]',
    'volumes:',
    '  pgdata:',
    '',
  ].join('\n'),
  '.env': 'TAG=1.4.2\n',
  'web.env': 'MODE=debug\nDATABASE_URL=postgres://db:5432/shop\n',
};

describe('compose2kube config', () => {
  it('prints the resolved project as canonical YAML, like docker compose config', async () => {
    const dir = project(SHOP);
    const run = await runCli(['config'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'name: shop',
        'services:',
        '  db:',
        '    image: postgres:16',
        '    networks:',
        '      default: null',
        '    volumes:',
        '      - type: volume',
        '        source: pgdata',
        '        target: /var/lib/postgresql/data',
        '        volume: {}',
        '  web:',
        '    depends_on:',
        '      db:',
        '        condition: service_started',
        '        required: true',
        '    environment:',
        '      DATABASE_URL: postgres://db:5432/shop',
        '      MODE: production',
        '    image: ghcr.io/example/web:1.4.2',
        '    networks:',
        '      default: null',
        '    ports:',
        '      - mode: ingress',
        '        target: 8000',
        '        published: "8080"',
        '        protocol: tcp',
        'networks:',
        '  default:',
        '    name: shop_default',
        'volumes:',
        '  pgdata:',
        '    name: shop_pgdata',
        '',
      ].join('\n'),
    );
  });

  it('prints the same project as JSON with --format json', async () => {
    const dir = project(SHOP);
    const yaml = await runCli(['config'], { cwd: dir });
    const json = await runCli(['config', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(parse(yaml.stdout));
  });

  it('takes the same project options as convert: -f, -p, --env-file, --profile', async () => {
    const dir = project({
      ...SHOP,
      'deploy/prod.env': 'TAG=2.0.0\nWEB_PORT=80\n',
      'compose.debug.yaml': 'services:\n  debug:\n    image: busybox\n    profiles: [debug]\n',
    });
    const run = await runCli(['config', '-f', 'compose.yaml', '-f', 'compose.debug.yaml', '-p', 'store', '--env-file', 'deploy/prod.env', '--profile', 'debug', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.name).toBe('store');
    expect(Object.keys(out.services)).toEqual(['db', 'debug', 'web']);
    expect(out.services.web.image).toBe('ghcr.io/example/web:2.0.0');
    expect(out.services.web.ports[0].published).toBe('80');
    expect(out.volumes.pgdata.name).toBe('store_pgdata');
  });

  it('lets the process environment win over .env', async () => {
    const run = await runCli(['config', '--format', 'json'], { cwd: project(SHOP), env: { TAG: 'from-shell' } });
    expect(JSON.parse(run.stdout).services.web.image).toBe('ghcr.io/example/web:from-shell');
  });

  it('prints warnings on stderr and still exits 0', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: "nginx:${NGINX_TAG}"\n' });
    const run = await runCli(['config'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('image: "nginx:"');
    expect(run.stderr).toContain('compose.yaml:3:19: warning: the "NGINX_TAG" variable is not set; it defaults to an empty string [interpolation-unset]');
  });

  it('on invalid input exits 2 with file:line:col, the code and no output', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: "nginx:${NGINX_TAG:?pick a release}"\n' });
    const run = await runCli(['config'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('compose.yaml:3:19: error: required variable NGINX_TAG is missing a value: pick a release [interpolation-required]');
    expect(run.stderr).toContain('compose2kube: 1 error(s) in the compose project');
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('reports a missing required env_file at the compose file that names it', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n    env_file: [missing.env]\n' });
    const run = await runCli(['config'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('compose.yaml:4:16: error: env file missing.env not found (looked for missing.env) [env-file-missing]');
  });

  it('lists the services with --services', async () => {
    const run = await runCli(['config', '--services'], { cwd: project(SHOP) });
    expect(run).toEqual({ code: 0, stdout: 'db\nweb\n', stderr: '' });
  });

  it('only checks the project with --quiet', async () => {
    const run = await runCli(['config', '-q'], { cwd: project(SHOP) });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('rejects an unknown --format as a usage error', async () => {
    const run = await runCli(['config', '--format', 'toml'], { cwd: project(SHOP) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe("error: option '--format <format>' argument 'toml' is invalid. Allowed choices are yaml, json.");
    expect(lines).toContain('Usage: compose2kube config [options]');
  });

  it('quotes strings a YAML 1.1 reader would take for booleans or numbers', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n    environment:\n      FLAG: "yes"\n      MODE: "0755"\n' });
    const run = await runCli(['config'], { cwd: dir });
    expect(run.stdout).toContain('      FLAG: "yes"\n      MODE: "0755"\n');
  });
});

describe('compose2kube config: COMPOSE_* settings in .env', () => {
  it('reads the project name, the profiles and the compose file from .env', async () => {
    const dir = project({
      '.env': 'COMPOSE_PROJECT_NAME=storefront\nCOMPOSE_PROFILES=tools\nCOMPOSE_FILE=stack.yaml\n',
      'stack.yaml': 'services:\n  web:\n    image: nginx\n  admin:\n    image: adminer\n    profiles: [tools]\n',
    });
    const run = await runCli(['config', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.name).toBe('storefront');
    expect(Object.keys(out.services)).toEqual(['admin', 'web']);
  });
});
