import type { AuthType, TaskConfig } from '../types';
import { TemplateError } from '../errors';
import { renderTemplate } from '../template';

const MAY_STREAM = /"stream"\s*:\s*true/;

/** The HTTP request a task sends. `auth` names the auth header without its value (for curl). */
export interface ChatRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;

  /** The payload asks for (or was forced to) server-sent events. */
  stream: boolean;
  auth: { header: string; prefix: string } | null;
}

export interface AuthSettings {
  authType: AuthType;
  authHeader: string;
  authPrefix: string;
}

/**
 * Build the request for a task: render the payload with the variables and add the auth
 * header and `Content-Type: application/json`.
 *
 * @param apiKey the resolved secret, or `null` when the task sends none
 * @param options.stream force `"stream": true` into the payload (`--stream`)
 * @throws TemplateError when the payload does not render into a JSON object
 */
export function buildRequest(
    config: TaskConfig,
    variables: Record<string, unknown>,
    apiKey: string | null,
    options: { stream?: boolean } = {}
): ChatRequest {
  let body = renderTemplate(config.payload, variables);

  // The rendered text is valid JSON already; parse it again only when streaming may be on
  // (this runs on every call, and most payloads never mention `stream`).
  if (!body.trimStart().startsWith('{')) {
    throw new TemplateError('PAYLOAD_NOT_OBJECT', 'catalyst.payload: the request payload must be a JSON object');
  }

  const payload = options.stream === true || MAY_STREAM.test(body) ? JSON.parse(body) as Record<string, unknown> : null;
  const stream = options.stream === true || payload?.stream === true;

  // Re-serialise only when forcing streaming, so the body otherwise stays as the user wrote it.
  if (stream && payload?.stream !== true) {
    body = JSON.stringify({ ...payload, stream: true });
  }

  const auth = authHeaderName(config);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: stream ? 'text/event-stream' : 'application/json',
    ...authHeaders(config, apiKey)
  };

  return {
    url: config.url,
    method: 'POST',
    headers,
    body,
    stream,
    auth: auth && apiKey ? { header: auth, prefix: config.authPrefix } : null
  };
}

/**
 * The auth header for a key: `bearerToken` → `Authorization: Bearer <key>` (header and prefix
 * configurable), `apiKeyHeader` → `<header>: [prefix ]<key>`, `none` (or no key) → nothing.
 */
export function authHeaders(settings: AuthSettings, apiKey: string | null): Record<string, string> {
  const header = authHeaderName(settings);

  if (!header || !apiKey) {
    return {};
  }

  const prefix = settings.authPrefix.trim();

  return { [header]: prefix ? `${prefix} ${apiKey}` : apiKey };
}

function authHeaderName(settings: AuthSettings): string | null {
  if (settings.authType === 'none') {
    return null;
  }

  return settings.authHeader.trim() || 'Authorization';
}
