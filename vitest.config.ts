import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // Snapshots never write themselves: a missing or different expected.yaml, expected.diagnostics.txt
    // or README.md fails the run, with or without CI set. `npm run test:update` (vitest --update=all, which
    // overrides this) is the one way to write them, after reading the diff.
    update: 'none',
    // Once per run: the strict API check's table of Kubernetes types (handed to every test file),
    // and the real helm and kubectl unpacked for the chart and overlay tests.
    globalSetup: ['test/support/global-setup.ts'],
    // A single test can still take seconds on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
