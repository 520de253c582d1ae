import { CatalystError } from '../errors';
import { createRedactor } from '../secrets';
import type { SecretStore } from '../types';
import type { RecordedExchange, Recording } from './types';

/**
 * Headers a recording keeps. Everything else is dropped: auth headers, whatever header a
 * task names for its key, cookies, and provider headers that could identify an account.
 */
const KEPT_REQUEST_HEADERS = new Set([ 'content-type', 'accept' ]);
const KEPT_RESPONSE_HEADER = /^(content-type|retry-after|retry-after-ms|x-ratelimit-[a-z-]+)$/;

/** The key a replay sends: no real key exists, and none is needed. */
export const REPLAY_KEY = 'catalyst-replay-no-key';

/** A replayed run sent something else than was recorded. */
export class RecordingMismatchError extends CatalystError {
  override name = 'RecordingMismatchError';

  constructor(message: string) {
    super('RECORDING_MISMATCH', message);
  }
}

/** A secret store that remembers the values it handed out, so a recording can scrub them. */
export function rememberingStore(store: SecretStore, seen: Set<string>): SecretStore {
  return {
    locate: (source, name) => store.locate(source, name),
    async read(source, name) {
      const value = await store.read(source, name);

      if (value?.trim()) {
        seen.add(value.trim());
      }

      return value;
    }
  };
}

/** A store that has every key: replays send none that matters. */
export const replaySecretStore: SecretStore = {
  locate: (source, name) => ({ source, name, description: `no key needed (replay of a recording; ${source} ${name} is not read)` }),
  read: async () => REPLAY_KEY
};

/**
 * A fetch that passes requests on and records each exchange, with headers that may carry
 * a key dropped and every value of `secrets` (read when the exchange is stored, so keys
 * resolved during the run count) replaced by `***` in URLs and bodies.
 */
export function recordingFetch(fetchFn: typeof fetch, secrets: ReadonlySet<string>): { fetch: typeof fetch; exchanges: RecordedExchange[] } {
  const exchanges: RecordedExchange[] = [];

  const recorder = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const response = await fetchFn(input, init);
    const body = await response.text();
    const scrub = scrubberOf(secrets);

    exchanges.push({
      request: {
        method: init?.method ?? 'GET',
        url: scrub(String(input)),
        headers: keepHeaders(new Headers(init?.headers), name => KEPT_REQUEST_HEADERS.has(name)),
        body: scrub(typeof init?.body === 'string' ? init.body : '')
      },
      response: {
        status: response.status,
        headers: keepHeaders(response.headers, name => KEPT_RESPONSE_HEADER.test(name)),
        body: scrub(body)
      }
    });

    // The runtime reads the answer as it would have: same status, headers and body.
    return new Response(nullBodyStatus(response.status) ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  return { fetch: recorder as typeof fetch, exchanges };
}

/**
 * A fetch that answers from a recording, in order, without any network. A request whose
 * URL or body differs from the recorded one is refused with a RecordingMismatchError kept
 * in `mismatch` (the runtime reports a thrown fetch as a network error; the caller reports
 * the mismatch instead).
 */
export function replayFetch(recording: Recording, secrets: ReadonlySet<string> = new Set()): { fetch: typeof fetch; mismatch(): RecordingMismatchError | null } {
  let next = 0;
  let mismatch: RecordingMismatchError | null = null;

  const replayer = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {

    // The runtime retries what looks like a network error; the first difference is the news.
    if (mismatch) {
      throw mismatch;
    }

    const scrub = scrubberOf(secrets);
    const exchange = recording.exchanges[next++];
    const url = scrub(String(input));
    const body = scrub(typeof init?.body === 'string' ? init.body : '');

    if (!exchange) {
      mismatch = new RecordingMismatchError(`the run sent request ${next} but the recording holds ${recording.exchanges.length}; re-record with --record`);
      throw mismatch;
    }

    if (exchange.request.url !== url) {
      mismatch = new RecordingMismatchError(`the endpoint changed: the request goes to ${url}, the recording to ${exchange.request.url}; re-record with --record`);
      throw mismatch;
    }

    if (exchange.request.body !== body) {
      mismatch = new RecordingMismatchError(`the prompt changed: the rendered request no longer matches the recording (${firstDifference(exchange.request.body, body)}); re-record with --record`);
      throw mismatch;
    }

    const { status, headers, body: answer } = exchange.response;

    return new Response(nullBodyStatus(status) ? null : answer, { status, headers });
  };

  return { fetch: replayer as typeof fetch, mismatch: () => mismatch };
}

/** Where two texts part, shown as the recorded and the new text around that place. */
function firstDifference(recorded: string, now: string): string {
  let at = 0;

  while (at < recorded.length && at < now.length && recorded[at] === now[at]) {
    at++;
  }

  const around = (text: string) => JSON.stringify(`${at > 20 ? '…' : ''}${text.slice(Math.max(0, at - 20), at + 30)}${text.length > at + 30 ? '…' : ''}`);

  return `at character ${at + 1}: recorded ${around(recorded)}, now ${around(now)}`;
}

function scrubberOf(secrets: ReadonlySet<string>): (text: string) => string {
  if (!secrets.size) {
    return text => text;
  }

  return createRedactor([ ...secrets ]);
}

function keepHeaders(headers: Headers, keep: (name: string) => boolean): Record<string, string> {
  const kept: Record<string, string> = {};

  for (const [ name, value ] of headers) {
    if (keep(name.toLowerCase())) {
      kept[name.toLowerCase()] = value;
    }
  }

  return kept;
}

function nullBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}
