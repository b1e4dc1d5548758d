import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { FIXTURES } from '../support/fixtures.js';
import { runCli } from '../support/cli.js';

/** The names of the Deployments in a YAML stream. */
function deployments(stdout: string): string[] {
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as { kind: string; metadata: { name: string } })
    .filter((o) => o.kind === 'Deployment')
    .map((o) => o.metadata.name);
}

/** The command line of a Deployment's first container in a YAML stream. */
function commandLine(stdout: string, name: string): unknown {
  const o = parseAllDocuments(stdout)
    .map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: { template: { spec: { containers: { command?: string[]; args?: string[] }[] } } } })
    .find((x) => x.kind === 'Deployment' && x.metadata.name === name);
  const c = o?.spec.template.spec.containers[0];
  return { command: c?.command, args: c?.args };
}

describe('loading from the command line', () => {
  it('reads compose.override.yaml with compose.yaml unless -f names the files', async () => {
    const cwd = join(FIXTURES, 'override-merge');
    const both = await runCli(['convert'], { cwd });
    const base = await runCli(['convert', '-f', 'compose.yaml'], { cwd });
    expect([both.code, base.code]).toEqual([0, 0]);
    expect(commandLine(both.stdout, 'web')).toEqual({ command: undefined, args: ['gunicorn', '--bind', '0.0.0.0:8000', '--reload', 'blog.wsgi'] });
    expect(commandLine(base.stdout, 'web')).toEqual({ command: undefined, args: ['gunicorn', '--bind', '0.0.0.0:8000', '--workers', '4', 'blog.wsgi'] });
  });

  it.each([
    ['COMPOSE_PROFILES from .env', [], ['backup', 'collector', 'grafana']],
    ['--profile over COMPOSE_PROFILES', ['--profile', 'bench'], ['collector', 'grafana', 'loadgen']],
    ['every profile', ['--profile', '*'], ['backup', 'collector', 'grafana', 'loadgen']],
  ])('selects services with %s', async (_name, flags, expected) => {
    const run = await runCli(['convert', ...flags], { cwd: join(FIXTURES, 'env-selected-files') });
    expect(run.code).toBe(0);
    expect(deployments(run.stdout).sort()).toEqual(expected);
  });

  it('exits 2 on an invalid -p', async () => {
    const run = await runCli(['convert', '-p', 'My Blog'], { cwd: join(FIXTURES, 'override-merge') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid project name "My Blog" (from -p) [project-name]');
    expect(run.stdout).toBe('');
  });

  it('exits 2 with the chain of an extends cycle', async () => {
    const run = await runCli(['convert', '-f', '-'], { cwd: FIXTURES, stdin: 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('-:3:5: error: extends cycle: a -> b -> a [extends-cycle]');
  });
});
