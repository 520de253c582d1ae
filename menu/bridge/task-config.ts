import { CatalystError, ConfigError } from '../../runtime/errors';
import type { Provider, TaskConfig, TaskProperties } from '../../runtime/types';

import { BridgeRequestError } from './bridge-error';
import type { BridgeRuntime } from './runtime-port';

// The dialog sends the same task's properties call after call, and reading them (provider
// defaults, URL, mappings, duration) costs more than the rest of the bridge's own work for a
// call. A configuration is never changed once read, so the recent ones are kept, per runtime,
// by their properties' text; a property that does not read is read (and refused) every time.
const RECENT_CONFIGS = 16;
const recentConfigs = new WeakMap<BridgeRuntime, Map<string, TaskConfig>>();

/** Reads a task's properties the way the worker does; a bad property is a 422 naming it. */
export function readConfig(runtime: BridgeRuntime, properties: TaskProperties): TaskConfig {
  let recent = recentConfigs.get(runtime);

  if (!recent) {
    recent = new Map();
    recentConfigs.set(runtime, recent);
  }

  const key = JSON.stringify(properties);
  const known = recent.get(key);

  if (known) {
    return known;
  }

  const config = readOnce(runtime, properties);

  if (recent.size >= RECENT_CONFIGS) {
    recent.delete(recent.keys().next().value as string);
  }

  recent.set(key, config);

  return config;
}

function readOnce(runtime: BridgeRuntime, properties: TaskProperties): TaskConfig {
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
