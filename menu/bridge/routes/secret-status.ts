import { SecretError } from '../../../runtime/errors';

import type { BridgeContext } from '../context';
import { requireProperties } from '../fields';
import { keyDestination } from '../key-trust';
import type { SecretStatus } from '../protocol';
import { readConfig } from '../task-config';

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

  const destination = keyDestination(context, config) ?? undefined;

  if (config.secretSource === 'variable') {
    return { status: 'variable', location, destination };
  }

  try {
    const value = await context.secrets.read(config.secretSource, config.secretName);

    return { status: value?.trim() ? 'found' : 'missing', location, destination };
  } catch (error) {
    if (error instanceof SecretError) {
      return { status: 'missing', location, detail: error.message, destination };
    }

    throw error;
  }
}
