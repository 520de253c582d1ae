import catalog from '../../resources/providers.json';

import { ConfigError } from '../errors';
import type { Provider } from '../types';

/**
 * Every provider the runtime knows, in catalog order (the four seed connectors first).
 * The JSON is checked against resources/providers.schema.json by the catalog spec, which is
 * why a cast is enough here.
 */
export const providers: readonly Provider[] = Object.freeze(catalog as Provider[]);

const byId = new Map(providers.map(provider => [ provider.id, provider ]));

/** The provider with this id, or `undefined`. */
export function getProvider(id: string): Provider | undefined {
  return byId.get(id);
}

/**
 * The provider with this id.
 *
 * @throws ConfigError on `catalyst.provider` naming the known ids when there is none.
 */
export function requireProvider(id: string): Provider {
  const provider = byId.get(id);

  if (!provider) {
    const known = providers.map(each => each.id).join(', ');
    const shown = id.trim() ? `unknown provider "${id}"` : 'no provider given';

    throw new ConfigError('catalyst.provider', `${shown}; known providers: ${known}`);
  }

  return provider;
}
