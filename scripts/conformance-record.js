#!/usr/bin/env node
// Records test/conformance/config/<case>/expected.json: what Docker Compose's own loader prints for
// `config --format json` of each case, with the case directory replaced by `<case>` so the file is
// the same on every machine. See docs/guide/config-conformance.md.
//
//   node scripts/conformance-record.js [--docker] [--oracle PATH] [CASE...]
//
// Default oracle: compose-go's loader behind a small main (`compose-config`, in the shared data
// beside the repository: ../shared/compose-go-ref/compose-config). `--docker`: a real
// `docker compose config --format json` (its output re-escapes `$` as `$$`; that is undone here).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CASES = join(ROOT, 'test', 'conformance', 'config');
export const PLACEHOLDER = '<case>';

const args = process.argv.slice(2);
let docker = false;
let oracle = join(ROOT, '..', 'shared', 'compose-go-ref', 'compose-config');
const only = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--docker') docker = true;
  else if (args[i] === '--oracle') oracle = resolve(args[++i]);
  else only.push(args[i]);
}
if (!docker && !existsSync(oracle)) {
  console.error(`no oracle at ${oracle}: pass --oracle PATH or --docker`);
  process.exit(2);
}

/** The command line of a case, from its case.json (all optional). */
function caseArgs(spec) {
  const out = ['config', '--format', 'json'];
  for (const f of spec.files ?? []) out.push('-f', f);
  for (const f of spec.envFiles ?? []) out.push('--env-file', f);
  for (const p of spec.profiles ?? []) out.push('--profile', p);
  if (spec.projectName) out.push('-p', spec.projectName);
  if (spec.projectDirectory) out.push('--project-directory', spec.projectDirectory);
  return out;
}

/** Every string in `value` with the case directory replaced by the placeholder (and `$$` -> `$` for docker). */
function machineFree(value, dir) {
  if (typeof value === 'string') {
    const s = value.split(dir).join(PLACEHOLDER);
    return docker ? s.replaceAll('$$', '$') : s;
  }
  if (Array.isArray(value)) return value.map((v) => machineFree(v, dir));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [machineFree(k, dir), machineFree(v, dir)]));
  return value;
}

const names = only.length ? only : readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'compose.yaml')) || existsSync(join(CASES, n, 'case.json'))).sort();
let failed = 0;
for (const name of names) {
  const dir = realpathSync(join(CASES, name));
  const specFile = join(dir, 'case.json');
  const spec = existsSync(specFile) ? JSON.parse(readFileSync(specFile, 'utf8')) : {};
  // Only the case's own variables: no PATH, HOME or PWD of the recording machine (Compose sets PWD itself).
  const env = { ...(docker ? { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: process.env.DOCKER_HOST } : {}), ...(spec.env ?? {}) };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const [cmd, argv] = docker ? ['docker', ['compose', ...caseArgs(spec).slice(1)]] : [oracle, caseArgs(spec)];
  const run = spawnSync(cmd, argv, { cwd: join(dir, spec.cwd ?? '.'), env, encoding: 'utf8' });
  let expected;
  if (run.status === 0) {
    expected = machineFree(JSON.parse(run.stdout), dir);
  } else if (run.status !== null && run.stderr.trim()) {
    expected = { error: machineFree(run.stderr.trim(), dir) };
  } else {
    console.error(`${name}: the oracle did not run (${run.error?.message ?? `status ${run.status}`})`);
    failed++;
    continue;
  }
  const text = `${JSON.stringify(expected, null, 2)}\n`;
  // A path outside the case directory would make the file machine-dependent: keep cases self-contained.
  if (text.includes(ROOT) || text.includes(realpathSync(ROOT))) {
    console.error(`${name}: the output names a path outside the case directory; keep every path of the case inside it`);
    failed++;
    continue;
  }
  // Compose may word an error in map order (a cycle from either end): an error whose first line is
  // unchanged keeps its recorded text, so re-recording does not churn.
  const previous = existsSync(join(dir, 'expected.json')) ? JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) : undefined;
  const firstLine = (v) => (v && typeof v.error === 'string' ? v.error.split('\n')[0] : undefined);
  if (!(expected.error && firstLine(previous) === firstLine(expected))) writeFileSync(join(dir, 'expected.json'), text);
  console.log(`${name}: ${expected.error ? `error: ${expected.error.split('\n')[0]}` : 'ok'}`);
}
process.exit(failed ? 1 : 0);
