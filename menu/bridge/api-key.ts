import { secretVariableName } from '../../runtime/config/task';
import { SecretError } from '../../runtime/errors';
import type { TaskConfig } from '../../runtime/types';

import type { BridgeContext } from './context';
import type { RecordingSecretStore } from './recording-store';

/**
 * The task's API key as the runtime resolves it, or `null` when the task sends none or
 * the secret is not there (callers turn that into their own words).
 */
export async function apiKeyOrNull(
    context: BridgeContext,
    config: TaskConfig,
    secrets: RecordingSecretStore,
    variables: Record<string, unknown>
): Promise<string | null> {
  if (config.authType === 'none') {
    return null;
  }

  try {
    return (await context.runtime.resolveSecret(config, secrets, variables)).value || null;
  } catch (error) {
    if (error instanceof SecretError) {
      return null;
    }

    throw error;
  }
}

/**
 * A key given as a process variable (`${apiKey}`) is not read from the store, so the
 * ledger learns it here: answers are redacted of it like of any other key.
 */
export function rememberVariableSecret(context: BridgeContext, config: TaskConfig, variables: Record<string, unknown>): void {
  const name = config.secretSource === 'variable' ? secretVariableName(config.secretName) : null;

  if (name) {
    context.ledger.add(variables[name]);
  }
}
