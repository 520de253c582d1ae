import { callCommand } from './call';
import type { Command } from './command';
import { lintCommand } from './lint';
import { modelsCommand } from './models';
import { testCommand } from './test';
import { workerCommand } from './worker';

export type { Command } from './command';

/**
 * Every `catalyst` subcommand, in the order `catalyst help` lists them.
 * New commands (the worker's `worker`) are added to this list and nowhere else.
 */
export const commands: readonly Command[] = [
  lintCommand,
  callCommand,
  modelsCommand,
  testCommand,
  workerCommand
];

/** The command called `name`, if there is one. */
export function findCommand(name: string): Command | undefined {
  return commands.find(command => command.name === name);
}
