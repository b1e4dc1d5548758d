import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskReader } from '../src/cli/io.js';
import type { ConvertOptions } from '../src/pipeline.js';
import { ROOT } from './support/fixtures.js';
import { convert } from './support/api-checks.js';
import { runCli } from './support/cli.js';

/**
 * Kompose's own fixtures are real-world compose files of every vintage. Whatever they contain, the
 * CLI must either convert them (exit 0) or explain why not (exit 2, only for what Docker Compose
 * refuses too): never crash. What converts, the library converts to the same text, and every object
 * passes the schema, the API-server rules and strict field validation.
 */
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'kompose');

/** One run of the tool over the corpus: the CLI arguments and the same inputs as library options. */
interface CorpusRun {
  name: string;
  dir: string;
  args: string[];
  env: Record<string, string>;
  options: ConvertOptions;
}

function composeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...composeFiles(p));
    else if (/\.ya?ml$/.test(name) && !name.startsWith('output')) out.push(p);
  }
  return out;
}

/** Some corpus folders keep the variables their README says to `export $(cat envs)` before running. */
function exportedEnv(dir: string): Record<string, string> {
  const file = join(dir, 'envs');
  if (!existsSync(file)) return {};
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return env;
}

/**
 * Runs that need more than `-f <file>`, as Kompose's test script makes them, with our equivalent
 * flags: several files merged, files named by COMPOSE_FILE (no `-f`), a claim size, forced
 * NetworkPolicies, hostPath volumes.
 */
const SPECIAL_RUNS: { name: string; dir: string; files: string[]; env?: Record<string, string>; flags?: string[]; options?: ConvertOptions }[] = [
  { name: 'multiple-files: first.yaml + second.yaml', dir: 'multiple-files', files: ['first.yaml', 'second.yaml'] },
  {
    name: 'compose-file-env-variable: COMPOSE_FILE',
    dir: 'compose-file-env-variable',
    files: [],
    env: { COMPOSE_FILE: 'compose.yaml:alternative-compose.yaml' },
  },
  { name: 'pvc-request-size: --volume-size 300Mi', dir: 'pvc-request-size', files: ['compose.yaml'], flags: ['--volume-size', '300Mi'], options: { volumeSize: '300Mi' } },
  { name: 'network-policies: --network-policies', dir: 'network-policies', files: ['compose.yaml'], flags: ['--network-policies'], options: { networkPolicies: true } },
  { name: 'volume-mounts/hostpath: --host-path', dir: 'volume-mounts/hostpath', files: ['docker-compose.yml'], flags: ['--host-path'], options: { hostPath: true } },
];

/**
 * The files Docker Compose refuses too, with the diagnostic each gets: the version 1 format (services
 * at the top level), a service with neither image nor build, a reference to an undeclared volume or
 * service. Every other run must convert.
 */
const REFUSED: Record<string, string> = {
  'controller/compose-controller-label.yaml': 'schema-unknown-key',
  'envvars-separators/compose.yaml': 'schema-unknown-key',
  'etherpad/docker-compose-no-image.yml': 'invalid-value',
  'image-pull-secret/compose-files/docker-compose-image-pull-secret.yml': 'schema-unknown-key',
  'multiple-files/second.yaml': 'invalid-value',
  'unused/expose-service/compose-files/docker-compose-expose-hostname-multiple-ports.yml': 'schema-unknown-key',
  'unused/expose-service/compose-files/docker-compose-expose-hostname-tls.yml': 'schema-unknown-key',
  'unused/expose-service/compose-files/docker-compose-expose-hostname.yml': 'schema-unknown-key',
  'unused/expose-service/compose-files/docker-compose-expose-multiple-hostname-tls.yml': 'schema-unknown-key',
  'unused/expose-service/compose-files/docker-compose-expose-multiple-hostname.yml': 'schema-unknown-key',
  'unused/expose-service/compose-files/docker-compose-expose-true-multiple-ports.yml': 'schema-unknown-key',
  'unused/expose-service/compose-files/docker-compose-expose-true.yml': 'schema-unknown-key',
  'unused/merge-multiple-compose/compose-new-service-prob.yml': 'invalid-value',
  'unused/merge-multiple-compose/compose-port-prod.yml': 'invalid-value',
  'unused/merge-multiple-compose/dev.yml': 'invalid-value',
  'unused/merge-multiple-compose/other-toplevel-base.yml': 'undefined-reference',
  'unused/v3/docker-compose-deploy.yaml': 'undefined-reference',
  'unused/v3/docker-compose-full-example.yaml': 'undefined-reference',
  'volume-mounts/named-volume/docker-compose-v3.yml': 'undefined-reference',
  'volume-mounts/named-volume/docker-compose.yml': 'undefined-reference',
  'yaml-and-yml/docker-compose.yaml': 'schema-unknown-key',
  'yaml-and-yml/yml/docker-compose.yml': 'schema-unknown-key',
};

function corpusRuns(): CorpusRun[] {
  if (!existsSync(CORPUS)) return [];
  const single = composeFiles(CORPUS).map((file): CorpusRun => {
    const dir = dirname(file);
    const env = exportedEnv(dir);
    return {
      name: file.slice(CORPUS.length + 1),
      dir,
      args: ['-f', basename(file)],
      env,
      options: { workingDir: dir, env, files: [basename(file)] },
    };
  });
  const special = SPECIAL_RUNS.filter((r) => existsSync(join(CORPUS, r.dir))).map((r): CorpusRun => {
    const dir = join(CORPUS, r.dir);
    const env = { ...exportedEnv(dir), ...r.env };
    return {
      name: r.name,
      dir,
      args: [...r.files.flatMap((f) => ['-f', f]), ...(r.flags ?? [])],
      env,
      options: { workingDir: dir, env, ...(r.files.length ? { files: r.files } : {}), ...r.options },
    };
  });
  return [...single, ...special];
}

const runs = corpusRuns();

describe('the Kompose corpus (../shared/corpus/kompose)', () => {
  if (runs.length === 0) {
    it.skip(`is skipped: ${CORPUS} is absent`);
    return;
  }

  it.each(runs.map((r) => [r.name, r] as const))('%s converts or is refused cleanly', async (name, run) => {
    const cli = await runCli(['convert', ...run.args], { cwd: run.dir, env: run.env });
    expect(cli.stderr).not.toMatch(/^\s+at .+:\d+:\d+/m);
    expect(cli.stderr).not.toMatch(/(TypeError|ReferenceError|RangeError): /);
    const refusal = REFUSED[name];
    if (refusal) {
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain(`error: `);
      expect(cli.stderr).toContain(`[${refusal}]`);
      return;
    }
    expect(cli.code, cli.stderr).toBe(0);
    // convert from api-checks: every object passes the schema, the API-server rules and strict field validation.
    const result = convert(diskReader(), run.options);
    expect(result.failed).toBe(false);
    expect(result.text).toBe(cli.stdout);
  });

  it('expects refusals only of files it runs', () => {
    expect(Object.keys(REFUSED).filter((name) => !runs.some((r) => r.name === name))).toEqual([]);
  });
});
