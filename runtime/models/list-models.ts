import { ProviderError } from '../errors';
import { parseErrorBody } from '../execute/error-body';
import { tryParseJson } from '../execute/json';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../execute/limits';
import { networkErrorDetail } from '../execute/network-error';
import { readText } from '../execute/read-body';
import { fetchKeepingKeyHome, RedirectRefusedError } from '../execute/redirects';
import { authHeaders } from '../execute/request';
import { createRedactor } from '../secrets';
import type { AuthType, ModelInfo, ModelsShape } from '../types';
import { parseModels } from './parse-models';

export interface ModelsTarget {

  /** The models URL (`…/v1/models`, or Ollama's `/api/tags`). */
  url: string;
  modelsShape: ModelsShape;
  authType: AuthType;
  authHeader: string;
  authPrefix: string;
}

export interface ListModelsOptions {
  apiKey: string | null;
  fetch?: typeof fetch;
  signal?: AbortSignal;

  /** Give up after this long (default 15 s): the panel waits on it. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Ask a provider which models it serves, live.
 *
 * @throws ProviderError with a plain message: key rejected (401/403), no `/models` (404),
 *   unreachable, or an answer that is not an OpenAI-compatible list
 */
export async function listModels(target: ModelsTarget, options: ListModelsOptions): Promise<ModelInfo[]> {
  const redact = createRedactor([ options.apiKey ]);

  try {
    return await fetchModels(target, options);
  } catch (error) {
    if (error instanceof ProviderError) {
      throw new ProviderError(error.code, redact(error.message), error.statusCode);
    }

    throw error;
  }
}

async function fetchModels(target: ModelsTarget, options: ListModelsOptions): Promise<ModelInfo[]> {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  const timer = setTimeout(cancel, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  options.signal?.addEventListener('abort', cancel, { once: true });

  try {
    let response: Response;
    let text: string;

    try {
      const auth = authHeaders(target, options.apiKey);

      response = await fetchKeepingKeyHome(options.fetch ?? globalThis.fetch, target.url, {
        headers: { Accept: 'application/json', ...auth },
        signal: controller.signal
      }, Object.keys(auth).length > 0);
      const reading = await readText(response, DEFAULT_MAX_RESPONSE_BYTES);

      if (reading.tooLarge) {
        throw new ProviderError('MODELS_UNREADABLE', `the models list at ${target.url} is larger than ${DEFAULT_MAX_RESPONSE_BYTES} bytes`, response.status);
      }

      text = reading.text;
    } catch (error) {
      if (error instanceof ProviderError) {
        throw error;
      }

      if (error instanceof RedirectRefusedError) {
        throw new ProviderError('MODELS_REDIRECT', `cannot list models at ${target.url}: ${error.message}`, error.statusCode);
      }

      const why = options.signal?.aborted ? 'cancelled' : controller.signal.aborted ? 'no answer in time' : networkErrorDetail(error);

      throw new ProviderError('MODELS_UNREACHABLE', `cannot list models at ${target.url}: ${why}`);
    }

    if (!response.ok) {
      throw statusError(target.url, response, text);
    }

    const json = tryParseJson(text);

    if (json === undefined) {
      throw new ProviderError('MODELS_UNREADABLE', `not an OpenAI-compatible answer from ${target.url}: the body is not JSON`, response.status);
    }

    return parseModels(target.modelsShape, json);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

function statusError(url: string, response: Response, text: string): ProviderError {
  const status = response.status;

  if (status === 401 || status === 403) {
    return new ProviderError('MODELS_AUTH', `the provider rejected the API key (HTTP ${status}) at ${url}`, status);
  }

  if (status === 404) {
    return new ProviderError('MODELS_NOT_FOUND', `the provider has no models list at ${url} (HTTP 404)`, status);
  }

  const info = parseErrorBody(status, response.headers.get('content-type'), text);

  return new ProviderError('MODELS_FAILED', `listing models failed with HTTP ${status}: ${info.message}`, status);
}
