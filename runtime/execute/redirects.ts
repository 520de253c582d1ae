import { CatalystError } from '../errors';

/** How many same-origin redirects a request with a key follows before giving up. */
const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([ 301, 302, 303, 307, 308 ]);

/** A redirect that would have carried the key elsewhere (or looped); the request stops there. */
export class RedirectRefusedError extends CatalystError {
  override name = 'RedirectRefusedError';

  readonly statusCode: number | null;

  constructor(message: string, statusCode: number | null) {
    super('REDIRECT_REFUSED', message);
    this.statusCode = statusCode;
  }
}

/**
 * `fetch` for a request that carries a key: redirects are followed by hand and only within
 * the same origin, because `fetch` would follow a 307 to any host and keep every header
 * but `Authorization` (an `x-api-key` goes along). Without a key, plain `fetch`.
 *
 * @throws RedirectRefusedError for a redirect to another origin, in words the user reads
 */
export async function fetchKeepingKeyHome(send: typeof fetch, url: string, init: RequestInit, carriesKey: boolean): Promise<Response> {
  if (!carriesKey) {
    return send(url, init);
  }

  let current = url;
  let request: RequestInit = { ...init, redirect: 'manual' };

  for (let redirects = 0; ; redirects++) {
    const response = await send(current, request);

    // a browser hides where a manual redirect goes: nothing to judge, so nothing to follow
    if (response.type === 'opaqueredirect') {
      throw new RedirectRefusedError(`${new URL(current).host} answered with a redirect; not followed with your key`, null);
    }

    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;

    if (location === null) {
      return response;
    }

    await response.body?.cancel().catch(() => undefined);

    const target = new URL(location, current);
    const from = new URL(current);

    if (target.origin !== from.origin) {

      // the words the issue asks for come first; where it pointed follows in brackets
      const where = target.hostname === from.hostname ? `another origin; not followed with your key (${target.origin})` : `another host; not followed with your key (${target.host})`;

      throw new RedirectRefusedError(`HTTP ${response.status} to ${where}`, response.status);
    }

    if (redirects >= MAX_REDIRECTS) {
      throw new RedirectRefusedError(`more than ${MAX_REDIRECTS} redirects from ${from.host}; stopped`, response.status);
    }

    // what fetch itself does: 303 (and 301/302 after a POST) continue as a GET without a body
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && request.method === 'POST')) {
      const headers = { ...(request.headers as Record<string, string> | undefined) };

      delete headers['Content-Type'];
      request = { ...request, method: 'GET', body: undefined, headers };
    }

    current = target.href;
  }
}
