#!/usr/bin/env node
// `npm run fuzz [-- --cases N] [--seed S] [--jobs J]`: a long run of the fuzz tests (test/fuzz/).
// The cases are split over J vitest processes (seeds S, S+1, ...); each prints its properties'
// cases, time and cases/s, and on a failure the seed, the replay path and the shrunk input.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fuzz: --${name} needs a whole number, got ${process.argv[i + 1]}`);
    process.exit(2);
  }
  return value;
}

const cases = flag('cases', 100_000);
const jobs = Math.max(1, flag('jobs', 1));
const seed = flag('seed', Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: ${cases} cases over ${jobs} process(es), seeds ${seed}${jobs > 1 ? `..${seed + jobs - 1}` : ''}`);

const started = Date.now();
const runs = Array.from({ length: jobs }, (_, j) => {
  const env = { ...process.env, FUZZ_CASES: String(Math.ceil(cases / jobs)), FUZZ_SEED: String(seed + j) };
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  // No per-test time limit: a long property runs for minutes. Each case has its own (mutation.test.ts).
  const child = spawn(process.execPath, [vitest, 'run', 'test/fuzz', '--testTimeout=0', '--hookTimeout=0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let done = 0;
  child.stdout.on('data', (d) => {
    const text = d.toString();
    for (const m of text.matchAll(/^fuzz: this file: (\d+) cases/gm)) done += Number(m[1]);
    process.stdout.write(jobs > 1 ? text.replace(/^(?=.)/gm, `[${j}] `) : text);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, done })));
});

const results = await Promise.all(runs);
const seconds = (Date.now() - started) / 1000;
const total = results.reduce((a, r) => a + r.done, 0);
const failed = results.filter((r) => r.code !== 0).length;
console.log(`fuzz: ${total} cases in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} cases/s), seeds ${seed}${jobs > 1 ? `..${seed + jobs - 1}` : ''}: ${failed === 0 ? 'no failures' : `${failed} process(es) failed (replay with the seed printed above)`}`);
process.exit(failed === 0 ? 0 : 1);
