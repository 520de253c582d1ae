import { CatalystError } from '../../../runtime/errors';
import type { TaskProperties } from '../../../runtime/types';

import { apiKeyOrNull, rememberVariableSecret } from '../api-key';
import { BridgeRequestError } from '../bridge-error';
import type { BridgeContext } from '../context';
import type { ModelsAnswer } from '../protocol';
import { optionalString, optionalVariables, requireProperties } from '../fields';
import { recordSecrets } from '../recording-store';
import { notSentMessage, untrustedSend } from '../key-trust';
import { readConfig, requireKnownProvider } from '../task-config';

const MODELS_TIMEOUT_MS = 15_000;

/**
 * `POST /models`: the provider's live model list, with the task's URL and key (or the
 * provider's defaults). No key and a failing provider are expected conditions, answered
 * (and a host not trusted with the task's key) with 200 and `unavailable` saying why in words, so the panel can show it beside its
 * fallback to the curated list; a request that cannot be read stays an HTTP error.
 */
export async function handleModels(context: BridgeContext, body: Record<string, unknown>): Promise<ModelsAnswer> {
  const { runtime } = context;
  const config = readConfig(runtime, taskPropertiesOf(body));
  const provider = requireKnownProvider(runtime, config.provider);
  const url = runtime.modelsUrl(provider, config.url);

  if (!url) {
    return { models: [], url: null };
  }

  // A list the panel asks for on selection: a host not trusted with the key is an expected
  // answer there, not a failed request in the Modeler's console. Nothing is read or sent.
  const refused = untrustedSend(context, config, url);

  if (refused) {
    return { models: [], url, unavailable: { code: 'KEY_NOT_TRUSTED', message: notSentMessage(refused), trust: refused } };
  }

  const secrets = recordSecrets(context.secrets);
  const variables = optionalVariables(body);

  rememberVariableSecret(context, config, variables);

  const apiKey = await apiKeyOrNull(context, config, secrets, variables);

  if (config.authType !== 'none' && !apiKey) {
    const location = runtime.describeSecret(config, context.secrets);

    return { models: [], url, unavailable: { code: 'SECRET_NOT_FOUND', message: `no API key: ${location.description} is not set` } };
  }

  try {
    const models = await runtime.listModels(
      { url, modelsShape: provider.modelsShape, authType: config.authType, authHeader: config.authHeader, authPrefix: config.authPrefix },
      { apiKey, fetch: context.fetch, signal: AbortSignal.timeout(MODELS_TIMEOUT_MS) }
    );

    return { models, url };
  } catch (error) {
    if (error instanceof CatalystError) {
      return { models: [], url, unavailable: { code: 'MODELS_FAILED', message: runtime.redact(error.message, [ ...secrets.seen ]) } };
    }

    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { models: [], url, unavailable: { code: 'MODELS_FAILED', message: `${url} did not answer within ${MODELS_TIMEOUT_MS / 1000} s` } };
    }

    throw error;
  }
}

/** Either the task's own properties, or a provider id (and URL) standing for its defaults. */
export function taskPropertiesOf(body: Record<string, unknown>): TaskProperties {
  if (body.properties !== undefined) {
    return requireProperties(body);
  }

  const provider = optionalString(body, 'provider');

  if (!provider) {
    throw new BridgeRequestError(400, 'BODY_INVALID', 'give either properties (the task\'s) or provider (a catalog id)', { field: 'properties' });
  }

  const url = optionalString(body, 'url');

  return url ? { 'catalyst.provider': provider, 'catalyst.url': url } : { 'catalyst.provider': provider };
}
