import path from 'node:path';

import { createNodeSecretStore, DEFAULT_SECRETS_DIR, DEFAULT_SECRETS_FILE } from '../../runtime/node/secret-store';
import type { SecretStore } from '../../runtime/types';

import { defaultRuntime } from './default-runtime';
import type { BridgeHandlerOptions } from './handler';
import type { BridgeRuntime } from './runtime-port';

export interface BridgeOptions extends BridgeHandlerOptions {

  /** The runtime to serve (default: the shared runtime). */
  runtime?: BridgeRuntime;

  /** Where keys come from (default: environment, `secretsDir`, `secretsFile` via runtime/node). */
  secrets?: SecretStore;

  /** Properties file with keys; default `CATALYST_SECRETS_FILE`, then `./catalyst-secrets.properties`. */
  secretsFile?: string | null;

  /** Directory of secret files; default `CATALYST_SECRETS_DIR`, then `/run/secrets`. */
  secretsDir?: string | null;
}

/**
 * Fills in the shared runtime and a Node secret store where the caller gave none, and
 * the file and folder that store reads (reported by `GET /health`).
 */
export function withDefaults(options: BridgeOptions): BridgeHandlerOptions & { runtime: BridgeRuntime; secrets: SecretStore } {
  const secretsFile = path.resolve(options.secretsFile || process.env.CATALYST_SECRETS_FILE || DEFAULT_SECRETS_FILE);
  const secretsDir = path.resolve(options.secretsDir || process.env.CATALYST_SECRETS_DIR || DEFAULT_SECRETS_DIR);

  return {
    ...options,
    secretsFile: options.secrets ? options.secretsFile ?? null : secretsFile,
    secretsDir: options.secrets ? options.secretsDir ?? null : secretsDir,
    runtime: options.runtime ?? defaultRuntime,
    secrets: options.secrets ?? createNodeSecretStore({ secretsFile, secretsDir })
  };
}
