import { apiKeyOrNull, rememberVariableSecret } from '../api-key';
import { diagnoseChatUrl } from '../check/url-shape';
import { diagnoseConnection } from '../check/diagnose';
import type { ConnectionCheck } from '../protocol';
import type { BridgeContext } from '../context';
import { optionalVariables, requireProperties } from '../fields';
import { recordSecrets } from '../recording-store';
import { requireTrustedSend } from '../key-trust';
import { readConfig } from '../task-config';

const PROBE_TIMEOUT_MS = 10_000;

/**
 * `POST /check`: tells in plain words whether the task's URL and key work. The answer is
 * a verdict (200) whatever the server did; only a request the bridge cannot read fails.
 */
export async function handleCheck(context: BridgeContext, body: Record<string, unknown>): Promise<ConnectionCheck> {
  const { runtime } = context;
  const config = readConfig(runtime, requireProperties(body));
  const shapeProblem = diagnoseChatUrl(config.url);

  if (shapeProblem) {
    return shapeProblem;
  }

  const provider = runtime.getProvider(config.provider);
  const modelsUrl = provider ? runtime.modelsUrl(provider, config.url) : null;

  // both probes carry the key: both hosts must be trusted for it before it is even read
  requireTrustedSend(context, config, [ config.url, modelsUrl ]);

  const secrets = recordSecrets(context.secrets);
  const location = runtime.describeSecret(config, context.secrets);
  const variables = optionalVariables(body);

  rememberVariableSecret(context, config, variables);

  const apiKey = await apiKeyOrNull(context, config, secrets, variables);

  if (config.authType !== 'none' && !apiKey) {
    return { ok: false, problem: 'NO_KEY', message: `No API key: ${location.description} is not set.`, url: config.url, statusCode: null };
  }

  const verdict = await diagnoseConnection({
    config,
    apiKey,
    keyDescription: location.description,
    modelsUrl,
    model: provider?.defaultModel || 'catalyst-connection-check',
    fetch: context.fetch ?? globalThis.fetch,
    timeoutMs: PROBE_TIMEOUT_MS,
    errorMessage: (status, contentType, text) => runtime.parseErrorBody(status, contentType, text).message
  });

  // provider error texts sometimes quote the key they rejected
  return { ...verdict, message: runtime.redact(verdict.message, [ ...secrets.seen ]) };
}
