import fc from 'fast-check';
import { afterAll } from 'vitest';

/**
 * How many cases the fuzz tests run, and with which seed. `npm test` runs a bounded, reproducible
 * run (seed 42, BOUNDED_CASES over all properties); `npm run fuzz` (test/fuzz/run.js) sets
 * FUZZ_CASES and FUZZ_SEED for a long run, split over the properties in the bounded run's proportions.
 *
 * Cases of one property of each kind in the bounded run: a loader case calls one function, a pipeline or mutation case converts a whole project. */
const BOUNDED = { loader: 150, pipeline: 40, mutation: 400 } as const;
/** Properties of each kind (test/fuzz/*.test.ts). */
const PROPERTIES = { loader: 15, pipeline: 2, mutation: 1 } as const;
type Kind = keyof typeof BOUNDED;

/** All the cases of the bounded run. */
export const BOUNDED_CASES = (Object.keys(BOUNDED) as Kind[]).reduce((a, k) => a + BOUNDED[k] * PROPERTIES[k], 0);

const total = Number(process.env.FUZZ_CASES ?? BOUNDED_CASES);
export const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 42;

/** The cases of one property of `kind`: its bounded share, scaled to FUZZ_CASES (rounded up, so a run has at least that many). */
export function runsFor(kind: Kind): number {
  return Math.max(1, Math.ceil((BOUNDED[kind] * total) / BOUNDED_CASES));
}

interface Tally {
  name: string;
  cases: number;
  ms: number;
}

const tallies: Tally[] = [];

afterAll(() => {
  if (tallies.length === 0) return;
  const lines = tallies.map((t) => `fuzz: ${t.name}: ${t.cases} cases in ${(t.ms / 1000).toFixed(2)} s (${Math.round(t.cases / (t.ms / 1000 || 1e-3))} cases/s), seed ${SEED}`);
  const cases = tallies.reduce((a, t) => a + t.cases, 0);
  const ms = tallies.reduce((a, t) => a + t.ms, 0);
  lines.push(`fuzz: this file: ${cases} cases in ${(ms / 1000).toFixed(2)} s, seed ${SEED}`);
  process.stdout.write(`${lines.join('\n')}\n`);
});

/**
 * Check a property with the run's seed and its share of cases. A failure throws fast-check's
 * report: the seed, the path to replay it and the shrunk counterexample.
 */
export async function fuzz<Ts extends [unknown, ...unknown[]]>(
  name: string,
  kind: Kind,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  numRuns = runsFor(kind),
): Promise<void> {
  const started = performance.now();
  // A pipeline or mutation case converts a whole project: shrinking one takes thousands of
  // conversions (many minutes), so those report the failing input as found, replayable by seed and path.
  const endOnFailure = kind !== 'loader';
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, { numRuns, seed: SEED, endOnFailure });
  tallies.push({ name, cases: details.numRuns, ms: performance.now() - started });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${name} failed (replay: FUZZ_SEED=${details.seed}, path ${details.counterexamplePath})\n${fc.defaultReportMessage(details)}\n\nThe shrunk input failed with: ${cause}`);
  }
}
