import { createNodeSecretStore } from '../../runtime/node/secret-store';
import { CatalystError } from '../../runtime/errors';
import { readWorkerOptions, runWorkerUntilSignal, WORKER_OPTION_INVALID, WORKER_OPTION_SPEC, WORKER_USAGE } from '../../worker';
import type { WorkerOptions } from '../../worker';
import { EXIT, UsageError } from '../errors';
import type { Command } from './command';

/** `catalyst worker`: the production worker (worker/), until SIGTERM. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'run Catalyst tasks for a Camunda 7 or Operaton engine (external-task worker)',
  usage: WORKER_USAGE,
  options: {
    ...WORKER_OPTION_SPEC,
    help: { type: 'boolean', short: 'h' }
  },

  async run(args, io) {
    if (args.positionals.length) {
      throw new UsageError(`unexpected argument "${args.positionals[0]}"; the worker takes options only`);
    }

    let options: WorkerOptions;

    try {
      options = readWorkerOptions(args.values, { env: io.env });
    } catch (error) {
      if (error instanceof CatalystError && error.code === WORKER_OPTION_INVALID) {
        throw new UsageError(error.message);
      }

      throw error;
    }

    await runWorkerUntilSignal(options, {
      secrets: createNodeSecretStore({ env: io.env, cwd: io.cwd, secretsFile: options.secretsFile, secretsDir: options.secretsDir }),
      write: line => io.stdout(line + '\n'),
      fetch: io.fetch
    });

    return EXIT.ok;
  }
};
