import { chatUrl } from '../catalog/urls';
import { getProvider, requireProvider } from '../catalog/providers';
import { getPayloadModel, setPayloadModel } from '../template';
import type { Provider, TaskProperties } from '../types';

import {
  CONTRACT_VERSION,
  DEFAULT_ERROR_MAPPING_TEXT,
  DEFAULT_RESPONSE_MAPPING,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT,
  PROPERTY
} from './properties';

/**
 * Every property a new task of this provider gets, written out so the diagram shows (and the
 * worker reads) exactly what the panel shows.
 *
 * @throws ConfigError for an unknown provider id.
 */
export function newTaskProperties(providerId: string): TaskProperties {
  const provider = requireProvider(providerId);

  return {
    [PROPERTY.version]: String(CONTRACT_VERSION),
    ...connectionProperties(provider),
    [PROPERTY.payload]: provider.defaultPayload,
    [PROPERTY.responseMapping]: JSON.stringify(DEFAULT_RESPONSE_MAPPING, null, 2),
    [PROPERTY.errorMapping]: DEFAULT_ERROR_MAPPING_TEXT,
    [PROPERTY.timeout]: DEFAULT_TIMEOUT,
    [PROPERTY.retries]: String(DEFAULT_RETRIES)
  };
}

/**
 * The properties to write when a task switches to another provider.
 *
 * The connection (URL, auth, secret) becomes the new provider's: a URL or key name set up
 * for one provider is wrong for the next, and the catch-all's URL is a placeholder to
 * edit anyway. What the user wrote otherwise stays: the payload keeps its text and only
 * its model changes (when it was the old default or the new provider does not offer it);
 * mappings, timeout, retries and unknown properties are kept as they are.
 *
 * @throws ConfigError for an unknown new provider id.
 */
export function switchProviderProperties(props: TaskProperties, providerId: string): TaskProperties {
  const next = requireProvider(providerId);
  const previous = getProvider(props[PROPERTY.provider]?.trim() ?? '');
  const result: TaskProperties = { ...props, ...connectionProperties(next) };

  const payload = props[PROPERTY.payload];

  if (payload !== undefined) {
    result[PROPERTY.payload] = switchPayload(payload, previous, next);
  }

  return result;
}

/** What ties a task to its provider: the provider itself, where to send, how to authenticate. */
function connectionProperties(provider: Provider): TaskProperties {
  return {
    [PROPERTY.provider]: provider.id,
    [PROPERTY.url]: chatUrl(provider),
    [PROPERTY.authType]: provider.auth.type,
    [PROPERTY.authHeader]: provider.auth.header,
    [PROPERTY.authPrefix]: provider.auth.prefix,
    [PROPERTY.secretSource]: provider.secret.source,
    [PROPERTY.secretName]: provider.secret.name
  };
}

function switchPayload(payload: string, previous: Provider | undefined, next: Provider): string {

  // An untouched default payload may differ in more than the model (max_completion_tokens).
  if (previous && payload === previous.defaultPayload) {
    return next.defaultPayload;
  }

  const model = getPayloadModel(payload);

  if (!model) {
    return payload;
  }

  const wasDefault = model.value === previous?.defaultModel;
  const offeredByNext = next.models.some(each => each.id === model.value);

  return wasDefault || !offeredByNext ? setPayloadModel(payload, next.defaultModel) : payload;
}
