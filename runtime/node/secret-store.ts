import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { secretEnvName } from '../config';
import { SecretError } from '../errors';
import type { SecretLocation, SecretSource, SecretStore } from '../types';

import { parseProperties } from './properties';

export const DEFAULT_SECRETS_DIR = '/run/secrets';
export const DEFAULT_SECRETS_FILE = 'catalyst-secrets.properties';

export interface NodeSecretStoreOptions {

  /** Environment to read; default `process.env`. */
  env?: Record<string, string | undefined>;

  /** Directory of secret files; default `$CATALYST_SECRETS_DIR`, then `/run/secrets`. */
  secretsDir?: string;

  /** Properties file; default `$CATALYST_SECRETS_FILE`, then `./catalyst-secrets.properties`. */
  secretsFile?: string;

  /** Base for a relative secrets file; default the current directory. */
  cwd?: string;
}

type StoredSource = Exclude<SecretSource, 'variable'>;

/**
 * Secrets from the environment, a directory of secret files (Docker/Kubernetes secrets) and a
 * Java properties file, as the Catalyst JAR reads them (design §3). Files are read on every
 * lookup, so a rotated secret is picked up without a restart.
 */
export function createNodeSecretStore(options: NodeSecretStoreOptions = {}): SecretStore {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const secretsDir = path.resolve(cwd, options.secretsDir || env.CATALYST_SECRETS_DIR || DEFAULT_SECRETS_DIR);
  const secretsFile = path.resolve(cwd, options.secretsFile || env.CATALYST_SECRETS_FILE || DEFAULT_SECRETS_FILE);

  const locate = (source: StoredSource, name: string): SecretLocation => {
    switch (source) {
    case 'env':
      return { source, name, description: `environment variable ${secretEnvName(name)}` };
    case 'file':
      return { source, name, description: `file ${path.join(secretsDir, name)}` };
    case 'properties':
      return { source, name, description: `key ${name} in properties file ${secretsFile}` };
    }
  };

  const read = async (source: StoredSource, name: string): Promise<string | undefined> => {
    switch (source) {
    case 'env':
      return env[secretEnvName(name)];
    case 'file':
      return readSecretFile(secretsDir, name);
    case 'properties':
      return readPropertiesKey(secretsFile, name);
    }
  };

  return { locate, read };
}

async function readSecretFile(dir: string, name: string): Promise<string | undefined> {

  // A name like `../etc/passwd` must not read outside the secrets directory.
  if (!name || name !== path.basename(name) || name === '..' || name === '.') {
    throw new SecretError(`secret name "${name}" must be a file name inside ${dir}, not a path`);
  }

  const file = path.join(dir, name);
  const text = await readTextFile(file, `file ${file}`);

  return text?.trim();
}

async function readPropertiesKey(file: string, name: string): Promise<string | undefined> {
  const text = await readTextFile(file, `properties file ${file}`);

  if (text === undefined) {
    throw new SecretError(`properties file ${file} not found (looking for key ${name})`);
  }

  const value = parseProperties(text)[name];

  return value?.trim();
}

async function readTextFile(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;

    if (code === 'ENOENT') {
      return undefined;
    }

    throw new SecretError(`${what} cannot be read (${code ?? 'unknown error'})`);
  }
}
