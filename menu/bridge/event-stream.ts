import type { ServerResponse } from 'node:http';

/** How often a quiet stream gets a comment line, so idle timeouts of anything in between do not cut it. */
export const DEFAULT_KEEP_ALIVE_MS = 15_000;

/**
 * Where a call's events go (routes/call.ts writes them once): the SSE answer of `POST /calls`
 * (`openEventStream`) or the call socket (socket.ts). Each redacts what it writes with the
 * bridge's ledger.
 */
export interface CallEventSink {

  /** One event of docs/bridge-protocol.md's table: its name and its `data` object. */
  send(event: string, data: Record<string, unknown>): void;

  /** After the terminal event: nothing more is sent for this call. */
  end(): void;
}

/**
 * Starts a Server-Sent Events answer on `res` (see docs/bridge-protocol.md for why SSE
 * framing over fetch). `transform` sees each serialised `data` line before it is written
 * (the bridge redacts secrets there).
 */
export function openEventStream(
    res: ServerResponse,
    options: { keepAliveMs?: number; transform?: (text: string) => string } = {}
): CallEventSink {
  const transform = options.transform ?? (text => text);
  let sequence = 0;
  let closed = false;

  // Whether writes are being held (corked) until the event loop comes round: events sent in
  // one turn (`started` and the first `attempt`; the `result` and the end) leave as one
  // packet, so the client wakes once for them instead of once per event.
  let holding = false;

  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.setHeader('Connection', 'keep-alive');

  // Small writes must leave at once: the test dialog shows tokens as they arrive. The headers
  // are not flushed on their own: they go out with the first event, in the same turn.
  res.socket?.setNoDelay(true);

  const keepAlive = setInterval(() => write(': keep-alive\n\n'), options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS);
  keepAlive.unref();

  res.on('close', stop);

  function write(text: string) {
    if (!closed && !res.writableEnded && !res.destroyed) {
      if (!holding) {
        holding = true;
        res.cork();
        setImmediate(release);
      }

      res.write(text);
    }
  }

  function release() {
    holding = false;

    // `end` has flushed whatever was held
    if (!res.writableEnded && !res.destroyed) {
      res.uncork();
    }
  }

  function stop() {
    closed = true;
    clearInterval(keepAlive);
  }

  return {
    send(event, data) {

      // JSON.stringify never emits a raw newline, so one `data:` line always holds the event
      write(`event: ${event}\nid: ${sequence++}\ndata: ${transform(JSON.stringify(data))}\n\n`);
    },
    end() {
      stop();

      if (!res.writableEnded) {
        res.end();
      }
    }
  };
}
