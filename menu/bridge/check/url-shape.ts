import type { ConnectionCheck } from '../protocol';

const CHAT_PATH = '/chat/completions';

/** `/v1`, `/v1beta`, `/openai/v1`, `/api/v2`: an API version somewhere in the path. */
export function hasVersionSegment(pathname: string): boolean {
  return /\/v\d+[a-z0-9]*(\/|$)/i.test(pathname);
}

/**
 * Problems visible in a chat URL without asking any server: not a URL, the chat path
 * pasted twice, or no chat path at all. `null` when the shape is fine.
 */
export function diagnoseChatUrl(url: string): ConnectionCheck | null {
  let parsed: URL;

  try {
    parsed = new URL(url);
  } catch {
    return fail('URL_INVALID', `"${url}" is not a URL (it should look like https://host/v1/chat/completions).`);
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail('URL_INVALID', `"${url}" must start with http:// or https://.`);
  }

  const path = parsed.pathname.replace(/\/+$/, '');

  if (path.split(CHAT_PATH).length > 2) {
    return fail('URL_DOUBLED_PATH', `The URL contains ${CHAT_PATH} twice; it should end with a single ${CHAT_PATH}.`);
  }

  if (!path.endsWith(CHAT_PATH)) {
    return fail('URL_NOT_CHAT', `The URL should end with ${CHAT_PATH} (the base URL plus the chat path), e.g. ${parsed.origin}${path || ''}${hasVersionSegment(path) ? '' : '/v1'}${CHAT_PATH}.`);
  }

  return null;

  function fail(problem: 'URL_INVALID' | 'URL_DOUBLED_PATH' | 'URL_NOT_CHAT', message: string): ConnectionCheck {
    return { ok: false, problem, message, url, statusCode: null };
  }
}
