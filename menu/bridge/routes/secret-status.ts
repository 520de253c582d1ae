import { SecretError } from '../../../runtime/errors';
import type { SecretLocation } from '../../../runtime/types';

import type { BridgeContext } from '../context';
import { requireProperties } from '../fields';
import { readConfig } from '../task-config';

export interface SecretStatus {

  /** `variable`: read from the process at run time (or a development literal), nothing to look up. */
  status: 'found' | 'missing' | 'variable' | 'not-needed';
  location: SecretLocation;

  /** Why it is missing, when the store could say more than "not set" (file not found, unreadable). */
  detail?: string;
}

/**
 * `POST /secret-status`: whether the task's key is there and where it is read from.
 * The value is read only to learn that it exists; it never leaves this function.
 */
export async function handleSecretStatus(context: BridgeContext, body: Record<string, unknown>): Promise<SecretStatus> {
  const config = readConfig(context.runtime, requireProperties(body));
  const location = context.runtime.describeSecret(config, context.secrets);

  if (config.authType === 'none') {
    return { status: 'not-needed', location };
  }

  if (config.secretSource === 'variable') {
    return { status: 'variable', location };
  }

  try {
    const value = await context.secrets.read(config.secretSource, config.secretName);

    return { status: value?.trim() ? 'found' : 'missing', location };
  } catch (error) {
    if (error instanceof SecretError) {
      return { status: 'missing', location, detail: error.message };
    }

    throw error;
  }
}
