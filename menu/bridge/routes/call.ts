import type { ServerResponse } from 'node:http';

import { CancelledError, CatalystError } from '../../../runtime/errors';
import type { ExecuteOptions, ExecutionEvent, TaskConfig } from '../../../runtime/types';

import type { CancelReason } from '../call-registry';
import type { BridgeContext } from '../context';
import { openEventStream, type CallEventSink } from '../event-stream';
import { optionalBoolean, optionalCallId, optionalRetries, optionalVariables, requireProperties } from '../fields';
import { rememberVariableSecret } from '../api-key';
import { requireTrustedSend, userTrustedPairs } from '../key-trust';
import { createStreamRedactor, type StreamRedactor } from '../../../runtime/secrets/stream-redact';
import { readConfig } from '../task-config';

const CANCEL_MESSAGES: Record<CancelReason, string> = {
  'cancel-request': 'the call was cancelled',
  'client-gone': 'the client went away',
  'bridge-closed': 'the bridge is shutting down (the Modeler quits)'
};

/** A call that passed every check and is registered (so it can be cancelled), not yet run. */
export interface StartedCall {
  readonly callId: string;
  readonly config: TaskConfig;
  readonly options: Pick<ExecuteOptions, 'variables' | 'retries' | 'stream' | 'trustedHosts'>;
  readonly signal: AbortSignal;
  readonly cancelReason: () => CancelReason | null;
}

/**
 * The checks of a call request (`POST /calls` body, or a socket `call` message's request
 * with its `callId`): everything that can be refused is refused here, before any event, so a
 * client sees either an error (a JSON error; a socket `refused`) or events that end with
 * exactly one terminal one. Registers the call under its id.
 */
export function startCall(context: BridgeContext, body: Record<string, unknown>): StartedCall {
  const properties = requireProperties(body);
  const variables = optionalVariables(body);
  const retries = optionalRetries(body);
  const stream = optionalBoolean(body, 'stream');
  const config = readConfig(context.runtime, properties);

  // the approvals as they are now, for the gate and the run alike (one look at the file)
  const trustedHosts = userTrustedPairs(context);

  // refused before any event and before the secret is read: an error naming the pair
  requireTrustedSend(context, config, [ config.url ], trustedHosts);
  rememberVariableSecret(context, config, variables);

  const { callId, signal, cancelReason } = context.calls.start(optionalCallId(body));

  return { callId, config, options: { variables, retries, stream, trustedHosts }, signal, cancelReason };
}

/**
 * `POST /calls`: runs a task through the runtime and streams what happens as it happens,
 * as Server-Sent Events.
 */
export async function handleCall(context: BridgeContext, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  const call = startCall(context, body);
  const events = openEventStream(res, { keepAliveMs: context.keepAliveMs, transform: context.ledger.redact });

  // a client that goes away (aborted fetch, closed dialog) should not leave a run spending tokens
  res.on('close', () => {
    if (!res.writableEnded) {
      context.calls.cancel(call.callId, 'client-gone');
    }
  });

  return runCall(context, call, events);
}

/**
 * Runs a started call and writes its events to `events`: `started`, then what the runtime
 * reports, then exactly one of `result`, `cancelled` or `error`, then `end()`. Never throws.
 */
export async function runCall(context: BridgeContext, call: StartedCall, events: CallEventSink): Promise<void> {
  const { callId, cancelReason } = call;
  const chunks = new ChunkRedaction(context, events);

  events.send('started', { callId });

  try {
    const result = await context.runtime.executeTask(call.config, {
      ...call.options,
      secrets: context.secrets,
      signal: call.signal,
      fetch: context.fetch,
      onEvent: event => forward(events, chunks, event)
    });

    chunks.flush();

    const reason = cancelReason();

    if (reason) {
      events.send('cancelled', { callId, message: CANCEL_MESSAGES[reason], result });
    } else {
      events.send('result', { result });
    }
  } catch (error) {
    chunks.flush();

    const reason = cancelReason();

    if (reason || error instanceof CancelledError) {
      events.send('cancelled', { callId, message: CANCEL_MESSAGES[reason ?? 'cancel-request'] });
    } else {
      if (!(error instanceof CatalystError)) {
        context.onInternalError?.(error);
      }

      events.send('error', { error: terminalError(error) });
    }
  } finally {
    context.calls.finish(callId);
    events.end();
  }
}

/**
 * Streamed text redacted across chunks with every key the bridge knows (the runtime does so
 * for the task's own key; this covers the rest): what could be the start of a key waits
 * for the next chunk, and is let out before any other event.
 */
class ChunkRedaction {
  private channels: { answer: StreamRedactor; reasoning: StreamRedactor } | null = null;

  constructor(private readonly context: BridgeContext, private readonly events: CallEventSink) {}

  send(text: string, reasoning: boolean): void {

    // made at the first chunk: by then the task's key has been read into the ledger
    this.channels ??= {
      answer: createStreamRedactor(this.context.ledger.values()),
      reasoning: createStreamRedactor(this.context.ledger.values())
    };

    this.write((reasoning ? this.channels.reasoning : this.channels.answer).push(text), reasoning);
  }

  flush(): void {
    if (this.channels) {
      this.write(this.channels.answer.flush(), false);
      this.write(this.channels.reasoning.flush(), true);
    }
  }

  private write(text: string, reasoning: boolean): void {
    if (text) {
      this.events.send('chunk', reasoning ? { text, reasoning: true } : { text });
    }
  }
}

/** Runtime events go out as they come; the result is sent once, after the run returned. */
function forward(events: CallEventSink, chunks: ChunkRedaction, event: ExecutionEvent): void {
  if (event.type !== 'chunk') {
    chunks.flush();
  }

  switch (event.type) {
  case 'attempt':
    events.send('attempt', { attempt: event.attempt });
    break;
  case 'chunk':
    chunks.send(event.text, event.reasoning === true);
    break;
  case 'retry':
    events.send('retry', { attempt: event.attempt, waitMs: event.waitMs, reason: event.reason });
    break;
  case 'result':
    break;
  }
}

function terminalError(error: unknown): { code: string; message: string } {

  // runtime errors are user-facing and already free of secrets; anything else is a bug
  if (error instanceof CatalystError) {
    return { code: error.code, message: error.message };
  }

  return { code: 'INTERNAL', message: 'the bridge failed unexpectedly while running the task; see the Modeler log' };
}
