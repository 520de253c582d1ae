import packageJson from '../package.json';
import { CatalystError } from '../runtime/errors';

import { parseCommandArgs } from './args';
import { commands, findCommand, type Command } from './commands';
import { EXIT, UsageError } from './errors';
import { processIO, type CliIO } from './io';

/**
 * Run `catalyst` with the arguments after the program name.
 *
 * Expected problems (wrong usage, unreadable files, bad configuration, missing secrets,
 * unreachable providers) print one line and no stack trace.
 *
 * @returns the exit code: 0 success, 1 failure (or lint errors), 2 BPMN error, 64 usage.
 */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [ first, ...rest ] = argv;

  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    return help(rest[0], io);
  }

  if (first === '--version' || first === '-v' || first === 'version') {
    io.stdout(`${packageJson.version}\n`);
    return EXIT.ok;
  }

  const command = findCommand(first);

  if (!command) {
    return usageError(null, `unknown command "${first}"; commands: ${commands.map(each => each.name).join(', ')} (see catalyst help)`, io);
  }

  // Before parsing, so `--help` works whatever else is on the line and whatever options
  // a command declares.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return EXIT.ok;
  }

  try {
    return await command.run(parseCommandArgs(rest, command.options), io);
  } catch (error) {
    if (error instanceof UsageError) {
      return usageError(command, error.message, io);
    }

    if (error instanceof CatalystError) {
      io.stderr(`catalyst ${command.name}: ${oneLine(error.message)}\n`);
      return EXIT.failure;
    }

    io.stderr(`catalyst ${command.name}: unexpected error (please report it)\n${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT.internal;
  }
}

function help(topic: string | undefined, io: CliIO): number {
  if (topic) {
    const command = findCommand(topic);

    if (!command) {
      return usageError(null, `no help for "${topic}"; commands: ${commands.map(each => each.name).join(', ')}`, io);
    }

    io.stdout(command.usage + '\n');
    return EXIT.ok;
  }

  const width = Math.max(...commands.map(command => command.name.length));
  const lines = [
    `catalyst ${packageJson.version}: Catalyst LLM connector tasks in Camunda 7 BPMN files`,
    '',
    'usage: catalyst <command> [options]',
    '',
    ...commands.map(command => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'catalyst help <command> (or catalyst <command> --help) shows a command\'s options.',
    'catalyst --version prints the version.',
    '',
    'Secrets: CATALYST_SECRETS_FILE (default ./catalyst-secrets.properties),',
    '         CATALYST_SECRETS_DIR (default /run/secrets), or environment variables.'
  ];

  io.stdout(lines.join('\n') + '\n');
  return EXIT.ok;
}

function usageError(command: Command | null, message: string, io: CliIO): number {
  const prefix = command ? `catalyst ${command.name}` : 'catalyst';

  io.stderr(`${prefix}: ${oneLine(message)}\n`);
  return EXIT.usage;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
