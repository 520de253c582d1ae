import type { StreamStats } from '../types';
import type { ProviderErrorInfo } from './error-body';
import { networkErrorDetail } from './network-error';
import { readText } from './read-body';
import { fetchKeepingKeyHome, RedirectRefusedError } from './redirects';
import type { ChatRequest } from './request';
import { readEventStream } from './stream';
import type { TextPiece } from './think';

export interface AttemptSettings {
  fetch: typeof fetch;

  /** Whole attempt for a plain answer; longest silence between chunks for a stream. */
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
  onPiece?: (piece: TextPiece) => void;
}

/** No usable HTTP answer: the connection failed, timed out, broke mid-body or was cancelled. */
interface Unanswered {
  kind: 'unanswered';
  reason: 'network' | 'timeout' | 'cancelled' | 'redirect-refused';
  message: string;

  /** Status when the headers had arrived before things went wrong. */
  status: number | null;
  headers: Record<string, string> | null;
}

interface Answered {
  kind: 'answered';
  status: number;
  headers: Record<string, string>;
  contentType: string;
  body: string;
  sizeBytes: number;
  tooLarge: boolean;

  /** Set when the answer was an event stream. */
  stream: { stats: StreamStats; error: ProviderErrorInfo | null } | null;
}

export type AttemptReply = Unanswered | Answered;

/**
 * Send the request once, with a timeout, and read the answer under the size cap.
 * Never throws: every way an attempt can go wrong is a reply.
 */
export async function sendAttempt(request: ChatRequest, settings: AttemptSettings): Promise<AttemptReply> {
  const outer = settings.signal;

  if (outer?.aborted) {
    return unanswered('cancelled', 'cancelled', null, null);
  }

  const clock = new AttemptClock(settings.timeoutMs);
  const cancel = outer ? () => clock.controller.abort() : null;
  let status: number | null = null;
  let headers: Record<string, string> | null = null;

  if (cancel) {
    outer?.addEventListener('abort', cancel, { once: true });
  }

  clock.arm();

  const startedAt = performance.now();

  try {

    // Called unbound: a browser's fetch throws "Illegal invocation" when `this` is not window.
    const send = settings.fetch;
    const response = await fetchKeepingKeyHome(send, request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: clock.controller.signal
    }, request.auth !== null);

    status = response.status;
    headers = headersRecord(response.headers);

    // Looked up in the record just built: each `Headers.get` searches the list again.
    const contentType = headers['content-type'] ?? '';

    if (response.ok && /text\/event-stream/i.test(contentType)) {
      const reading = await readEventStream(response, startedAt, {
        maxBytes: settings.maxResponseBytes,
        onPiece: settings.onPiece,
        onActivity: () => clock.arm()
      });

      if (!reading.finished && !reading.error && !reading.tooLarge) {
        return unanswered('network', 'the stream ended before the answer finished (no [DONE] and no finish_reason)', status, headers);
      }

      return {
        kind: 'answered',
        status,
        headers,
        contentType,
        body: reading.body,
        sizeBytes: reading.sizeBytes,
        tooLarge: reading.tooLarge,
        stream: { stats: reading.stats, error: reading.error }
      };
    }

    const reading = await readText(response, settings.maxResponseBytes, headers);

    return { kind: 'answered', status, headers, contentType, body: reading.text, sizeBytes: reading.sizeBytes, tooLarge: reading.tooLarge, stream: null };
  } catch (error) {
    if (error instanceof RedirectRefusedError) {
      return unanswered('redirect-refused', error.message, error.statusCode, null);
    }

    if (outer?.aborted) {
      return unanswered('cancelled', 'cancelled', status, headers);
    }

    if (clock.timedOut) {
      const what = request.stream ? 'the stream stayed silent for' : 'no complete answer within';

      return unanswered('timeout', `timeout: ${what} ${formatSeconds(settings.timeoutMs)} (catalyst.timeout)`, status, headers);
    }

    return unanswered('network', describeNetworkError(error, request, status !== null), status, headers);
  } finally {
    clock.stop();

    if (cancel) {
      outer?.removeEventListener('abort', cancel);
    }
  }
}

/**
 * The attempt's timeout: aborts the request when it fires and remembers that it did. A class
 * rather than closures because every call makes one.
 */
class AttemptClock {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly timeoutMs: number) {}

  /** (Re)start the countdown: once per attempt, and again on each sign of life of a stream. */
  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(expire, this.timeoutMs, this);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

function expire(clock: AttemptClock): void {
  clock.timedOut = true;
  clock.controller.abort();
}

function unanswered(reason: Unanswered['reason'], message: string, status: number | null, headers: Record<string, string> | null): Unanswered {
  return { kind: 'unanswered', reason, message, status, headers };
}

function describeNetworkError(error: unknown, request: ChatRequest, midBody: boolean): string {
  const detail = networkErrorDetail(error);

  if (!midBody) {
    return `network error: cannot reach ${originOf(request.url)} (${detail})`;
  }

  return request.stream
    ? `network error: the stream was cut off before the answer finished (${detail})`
    : `network error: the connection broke while reading the answer (${detail})`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function headersRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};

  for (const [ name, value ] of headers) {
    record[name] = value;
  }

  return record;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
