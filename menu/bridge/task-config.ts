import { CatalystError, ConfigError } from '../../runtime/errors';
import type { Provider, TaskConfig, TaskProperties } from '../../runtime/types';

import { BridgeRequestError } from './bridge-error';
import type { BridgeRuntime } from './runtime-port';

/** Reads a task's properties the way the worker does; a bad property is a 422 naming it. */
export function readConfig(runtime: BridgeRuntime, properties: TaskProperties): TaskConfig {
  try {
    return runtime.readTaskConfig(properties);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new BridgeRequestError(422, 'CONFIG_INVALID', error.message, { property: error.property });
    }

    if (error instanceof CatalystError) {
      throw new BridgeRequestError(422, 'CONFIG_INVALID', error.message);
    }

    throw error;
  }
}

/** The catalog entry of a provider id; unknown ids are a 422. */
export function requireKnownProvider(runtime: BridgeRuntime, id: string): Provider {
  const provider = runtime.getProvider(id);

  if (!provider) {
    throw new BridgeRequestError(422, 'PROVIDER_UNKNOWN', `no provider "${id}" in the catalog`, { property: 'catalyst.provider' });
  }

  return provider;
}
