import { stat } from 'node:fs/promises';
import path from 'node:path';

import { createNodeSecretStore } from '../runtime/node/secret-store';
import type { SecretStore } from '../runtime/types';

import { stringOption, type OptionSpec, type ParsedArgs } from './args';
import { UsageError } from './errors';
import type { CliIO } from './io';

/** The options {@link userSecretStore} reads. */
export const SECRET_STORE_OPTIONS = {
  'secrets-file': { type: 'string' },
  'secrets-dir': { type: 'string' }
} satisfies OptionSpec;

/**
 * The secret store for `--secrets-file` and `--secrets-dir` (else `CATALYST_SECRETS_FILE`,
 * `CATALYST_SECRETS_DIR` and their defaults). A file or directory named on the command line
 * must exist, like any other file given there: a typo is wrong usage, not a failed call.
 *
 * @throws UsageError naming the option, the path and what is wrong with it.
 */
export async function userSecretStore(args: ParsedArgs, io: CliIO): Promise<SecretStore> {
  const secretsFile = stringOption(args, 'secrets-file');
  const secretsDir = stringOption(args, 'secrets-dir');

  if (secretsFile !== undefined) {
    await expectKind('--secrets-file', secretsFile, io.cwd, 'file');
  }

  if (secretsDir !== undefined) {
    await expectKind('--secrets-dir', secretsDir, io.cwd, 'directory');
  }

  return createNodeSecretStore({ env: io.env, cwd: io.cwd, secretsFile, secretsDir });
}

async function expectKind(option: string, given: string, cwd: string, kind: 'file' | 'directory'): Promise<void> {
  let isFile: boolean;

  try {
    isFile = (await stat(path.resolve(cwd, given))).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;

    throw new UsageError(`${option} ${given}: ${code === 'ENOENT' ? `no such ${kind}` : `cannot be read (${code ?? 'unknown error'})`}`);
  }

  if (isFile !== (kind === 'file')) {
    throw new UsageError(`${option} ${given}: is ${isFile ? 'a file' : 'a directory'}, not a ${kind}`);
  }
}
