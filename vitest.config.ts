import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [ 'test/**/*.spec.ts' ],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 60000,
    pool: 'forks',

    // one Chromium for the run; each browser spec opens its own context in it
    globalSetup: [ 'test/support/global-setup.ts' ],

    // Spec files share their worker process instead of each starting a fresh one: the
    // start-up and module loading were about a third of the suite's CPU time. No spec
    // changes globals (environment stubs are undone), so files cannot see each other.
    isolate: false,

    // Vitest's default on 2 cores is one worker, and browser and server specs spend much of
    // their time waiting on Chromium or a child process, which another file can fill.
    maxWorkers: 2,

    expect: {

      // `expect.poll` waits for something a user would see happen (a panel update, a task
      // reaching the fake engine); on a loaded 2-core CI machine that can take longer than
      // the default second. A passing poll still returns as soon as it holds.
      poll: { timeout: 5000 }
    }
  }
});
