import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // Snapshots never write themselves: a missing or different expected.yaml, expected.diagnostics.txt
    // or README.md fails the run, with or without CI set. `npm run test:update` (vitest --update=all, which
    // overrides this) is the one way to write them, after reading the diff.
    update: 'none',
    // The strict API check reads the Kubernetes types with TypeScript once per run, here, and
    // hands every test file the result.
    globalSetup: ['test/support/global-setup.ts'],
    // A single test can still take seconds on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
