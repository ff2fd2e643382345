import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Vitest's default (one fewer than the cores) is a single worker on a 2-core CI machine, and most of the
    // suite's time is spent waiting on child processes, servers and Chromium: two workers there halve it.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
