import { parseArgs, type ParseArgsConfig } from 'node:util';

import { UsageError } from './errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/**
 * Parse a command's arguments strictly: an unknown option or a missing value is a
 * UsageError naming it, never a silently ignored flag.
 */
export function parseCommandArgs(argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });

    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error.message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, ''));
    }

    throw error;
  }
}

/** A string option's value, or `undefined`. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];

  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values (empty when not given). */
export function stringOptions(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];

  return Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : [];
}

/** Whether a boolean flag was given. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
