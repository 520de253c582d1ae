import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [ 'test/**/*.spec.ts' ],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 60000,
    pool: 'forks',
    expect: {

      // `expect.poll` waits for something a user would see happen (a panel update, a task
      // reaching the fake engine); on a loaded 2-core CI machine that can take longer than
      // the default second. A passing poll still returns as soon as it holds.
      poll: { timeout: 5000 }
    }
  }
});
