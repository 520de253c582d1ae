import type { OptionSpec, ParsedArgs } from '../args';
import type { CliIO } from '../io';

/** One `catalyst <name>` subcommand. */
export interface Command {
  name: string;

  /** One line for `catalyst help`. */
  summary: string;

  /** The synopsis and option list for `catalyst help <name>`. */
  usage: string;
  options: OptionSpec;

  /** Runs the command; resolves to the exit code. Throws UsageError for wrong usage. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
