import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { convert } from '../support/api-checks.js';
import type { ConvertOptions } from '../../src/pipeline.js';
import { runCli } from '../support/cli.js';

function run(files: Record<string, string>, options: ConvertOptions = {}) {
  return convert(files, { workingDir: '/p', env: {}, ...options });
}

const healthy = (n: number) =>
  'services:\n' + Array.from({ length: n }, (_, i) => `  svc${i}:\n    image: app:1\n    healthcheck:\n      test: curl -f http://localhost/\n`).join('');

describe('each caveat once per run', () => {
  it('the healthcheck approximation on 50 services is one warning, at the first, naming the services', () => {
    const r = run({ 'compose.yaml': healthy(50) });
    const approximate = r.diagnostics.filter((d) => d.code === 'approximate');
    expect(approximate).toHaveLength(1);
    expect(approximate[0]).toMatchObject({ line: 4, column: 5, severity: 'warning' });
    expect(approximate[0]!.message).toMatch(/^50 services \("svc0", "svc1", .*"svc9" and 40 more\): healthcheck behaves differently in Kubernetes: /);
  });

  it('a few services are all named', () => {
    const r = run({ 'compose.yaml': healthy(3) });
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^services "svc0", "svc1" and "svc2": healthcheck behaves differently/)]);
  });

  it('the same words at several places are said once, with how many places', () => {
    const r = run({ 'compose.yaml': 'services:\n  a:\n    image: a:${TAG}\n  b:\n    image: b:${TAG}\n  c:\n    image: c:${TAG}-x\n' }, { env: {} });
    const unset = r.diagnostics.filter((d) => d.code === 'interpolation-unset');
    expect(unset.map((d) => [d.line, d.column, d.message])).toEqual([[3, 14, 'the "TAG" variable is not set; it defaults to an empty string (3 places; the first is shown)']]);
  });

  it('errors stay apart, one at each place to fix', () => {
    const r = run({
      'compose.yaml': 'services:\n  a:\n    image: a:1\n    stop_grace_period: -1s\n  b:\n    image: b:1\n    stop_grace_period: -1s\n',
    });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [4, 'service "a": stop_grace_period -1s is negative'],
      [7, 'service "b": stop_grace_period -1s is negative'],
    ]);
  });
});

describe('a project that converts to nothing says so', () => {
  it('when every service is behind a profile, with the flag that enables one', () => {
    const r = run({ 'compose.yaml': 'services:\n  web:\n    image: web:1\n    profiles: [debug]\n  cli:\n    image: cli:1\n    profiles: [tools, debug]\n' });
    expect(r.failed).toBe(false);
    expect(r.objects).toEqual([]);
    expect(r.diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      'compose.yaml: warning: nothing was converted: every service is behind a profile that is not enabled: "web" and "cli" (profile debug), "cli" (profile tools) [nothing-converted]\n' +
        "  hint: enable a profile with --profile debug (repeatable) or COMPOSE_PROFILES=debug,tools; --profile '*' enables them all",
    ]);
  });

  it('when the file has no services', () => {
    const r = run({ 'compose.yaml': 'name: empty\nservices: {}\n' });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['nothing-converted', 'nothing was converted: the project has no services']]);
  });

  it('and stays quiet when a profile is enabled', () => {
    const r = run({ 'compose.yaml': 'services:\n  web:\n    image: web:1\n    profiles: [debug]\n' }, { profiles: ['debug'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.length).toBeGreaterThan(0);
  });
});

describe('env-from-process names where the value came from', () => {
  const compose = 'services:\n  app:\n    image: app:1\n    environment:\n      - FROM_DOTENV\n      - FROM_SHELL\n      - FROM_BOTH\n';

  it('.env, an --env-file, or the environment of compose2kube', () => {
    const r = run({ 'compose.yaml': compose, '.env': 'FROM_DOTENV=1\nFROM_BOTH=file\n' }, { env: { FROM_SHELL: '1', FROM_BOTH: 'shell' } });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'FROM_DOTENV takes its value from .env, read at convert time',
      'FROM_SHELL takes its value from the environment of compose2kube, read at convert time',
      // The process environment wins over .env, as with Compose.
      'FROM_BOTH takes its value from the environment of compose2kube, read at convert time',
    ]);
    expect(r.text).toContain('value taken from .env at convert time');
  });

  it('names the --env-file that set it', () => {
    const r = run({ 'compose.yaml': compose, 'prod.env': 'FROM_DOTENV=1\n' }, { envFiles: ['prod.env'] });
    expect(r.diagnostics.map((d) => d.message)).toContain('FROM_DOTENV takes its value from prod.env, read at convert time');
  });
});

describe('-f naming a directory', () => {
  it('says it is a directory, and which file in it to name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2k-dir-'));
    try {
      mkdirSync(join(dir, 'app'));
      writeFileSync(join(dir, 'app', 'compose.yaml'), 'services:\n  web:\n    image: web:1\n');
      const cli = await runCli(['convert', '-f', 'app'], { cwd: dir });
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain('error: app is a directory, not a compose file [file-not-found]\n  hint: name the file: -f app/compose.yaml, or use --project-directory app');
      const empty = await runCli(['convert', '-f', '.'], { cwd: join(dir, 'app', '..') });
      expect(empty.stderr).toContain('is a directory, not a compose file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
