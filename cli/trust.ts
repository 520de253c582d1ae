import { CatalystError } from '../runtime/errors';
import { formatTrustedPair, judgeKeySend, parseTrustedPairs, trustedPairProblem, type TrustedPair } from '../runtime/secrets/trust';
import type { TaskConfig } from '../runtime/types';

import { stringOptions, type OptionSpec, type ParsedArgs } from './args';
import { UsageError } from './errors';
import type { CliIO } from './io';

/** Environment variable with more trusted pairs: `secret=host`, comma-separated. */
const TRUST_ENV = 'CATALYST_TRUST';

/** The option {@link trustedPairsOf} reads (with `CATALYST_TRUST`). */
export const TRUST_OPTIONS = {
  trust: { type: 'string', multiple: true }
} satisfies OptionSpec;

/** Usage lines for the commands that send a key, descriptions starting at column `column`. */
export function trustUsage(column: number): string[] {
  const indent = ' '.repeat(column);

  return [
    `${'  --trust secret=host'.padEnd(column)}let the key from <secret> go to <host> (repeatable; also`,
    `${indent}${TRUST_ENV}="a=h1,b=h2"); without it, keys go only to the`,
    `${indent}catalog's own host for each provider's key, and to localhost`
  ];
}

/**
 * The pairs trusted beyond the catalog and loopback: `--trust` (repeatable) and
 * `CATALYST_TRUST`. Pipelines run the command line on diagrams from pull requests, so
 * nothing is asked: what is not listed is refused.
 *
 * @throws UsageError naming the entry that is not `secret=host`
 */
export function trustedPairsOf(args: ParsedArgs, io: Pick<CliIO, 'env'>): TrustedPair[] {
  try {
    return [
      ...stringOptions(args, 'trust').flatMap(entry => parseTrustedPairs(entry, '--trust')),
      ...parseTrustedPairs(io.env[TRUST_ENV] ?? '', TRUST_ENV)
    ];
  } catch (error) {
    if (error instanceof CatalystError && error.code === 'TRUST_INVALID') {
      throw new UsageError(error.message);
    }

    throw error;
  }
}

/**
 * Why the task's key may not go to `url`, with how to trust it, or `null` when it may
 * (the rule itself: runtime/secrets/trust.ts).
 */
export function refusedSend(config: Pick<TaskConfig, 'authType' | 'secretSource' | 'secretName'>, url: string, trusted: readonly TrustedPair[]): string | null {
  const verdict = judgeKeySend(config, url, trusted);

  if (verdict.allowed) {
    return null;
  }

  const problem = trustedPairProblem({ secret: verdict.secret, host: verdict.host });

  if (problem) {
    return `${verdict.message}; nothing was sent, and ${problem}`;
  }

  const pair = formatTrustedPair({ secret: verdict.secret, host: verdict.host });

  return `${verdict.message}; nothing was sent. If this host should have that key, run again with --trust ${pair} (or ${TRUST_ENV}=${pair})`;
}
