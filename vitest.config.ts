import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [ 'test/**/*.spec.ts' ],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 60000,
    // Browser specs share one Chromium and one playground; running files in parallel on
    // two cores makes them compete for it.
    fileParallelism: true,
    pool: 'forks'
  }
});
