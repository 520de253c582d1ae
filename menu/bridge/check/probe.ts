import { fetchKeepingKeyHome, RedirectRefusedError } from '../../../runtime/execute/redirects';

/** What one probe request got: an answer, no answer and why, or a redirect not followed with the key. */
export type ProbeOutcome =
  | { kind: 'answer'; status: number; contentType: string; text: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'redirect-refused'; message: string; status: number | null };

/**
 * Sends one request with its own timeout; network failures come back as data, not throws.
 * With a key, redirects are followed within the same origin only.
 */
export async function probe(fetchFn: typeof fetch, url: string, init: RequestInit, timeoutMs: number, carriesKey: boolean): Promise<ProbeOutcome> {
  try {
    const response = await fetchKeepingKeyHome(fetchFn, url, { ...init, signal: AbortSignal.timeout(timeoutMs) }, carriesKey);
    const text = await response.text();

    return { kind: 'answer', status: response.status, contentType: response.headers.get('content-type') ?? '', text };
  } catch (error) {
    if (error instanceof RedirectRefusedError) {
      return { kind: 'redirect-refused', message: error.message, status: error.statusCode };
    }

    return { kind: 'unreachable', reason: unreachableReason(error, timeoutMs) };
  }
}

/** Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function unreachableReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }

  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;

  switch (cause?.code) {
  case 'ECONNREFUSED':
    return 'the connection was refused (is the server running, is the port right?)';
  case 'ENOTFOUND':
  case 'EAI_AGAIN':
    return 'the host name could not be resolved';
  case 'ECONNRESET':
    return 'the connection was reset';
  default:
    if (cause?.code?.startsWith('ERR_TLS') || cause?.code?.includes('CERT')) {
      return `the TLS handshake failed (${cause.code})`;
    }

    return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : 'unknown network error');
  }
}

/** The body as JSON, or `undefined` when it is not JSON. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An OpenAI-style error body (`{error: {...}}`, `{error: "..."}`, `{object: "error"}`, FastAPI's `{detail}`). */
export function isErrorShape(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) {
    return false;
  }

  const value = json as Record<string, unknown>;

  return 'error' in value || value.object === 'error' || 'detail' in value;
}

/** A models answer in any of the shapes design.md §6 knows. */
export function isModelsShape(json: unknown): boolean {
  if (Array.isArray(json)) {
    return true;
  }

  if (typeof json !== 'object' || json === null) {
    return false;
  }

  const value = json as Record<string, unknown>;

  return Array.isArray(value.data) || Array.isArray(value.models);
}

/** A chat completion answer. */
export function isChatShape(json: unknown): boolean {
  return typeof json === 'object' && json !== null && Array.isArray((json as Record<string, unknown>).choices);
}

export function looksLikeHtml(contentType: string, text: string): boolean {
  return /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(text);
}
