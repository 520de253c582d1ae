import type { ServerResponse } from 'node:http';

import { CancelledError, CatalystError } from '../../../runtime/errors';
import type { ExecutionEvent } from '../../../runtime/types';

import type { CancelReason } from '../call-registry';
import type { BridgeContext } from '../context';
import { openEventStream, type EventStream } from '../event-stream';
import { optionalBoolean, optionalCallId, optionalRetries, optionalVariables, requireProperties } from '../fields';
import { recordSecrets } from '../recording-store';
import { redactorFor } from '../redaction';
import { readConfig } from '../task-config';

const CANCEL_MESSAGES: Record<CancelReason, string> = {
  'cancel-request': 'the call was cancelled',
  'client-gone': 'the client went away',
  'bridge-closed': 'the bridge is shutting down (the Modeler quits)'
};

/**
 * `POST /calls`: runs a task through the runtime and streams what happens as it happens.
 * Everything that can be refused is refused before the stream starts, so a client sees
 * either a JSON error or a stream that ends with exactly one terminal event.
 */
export async function handleCall(context: BridgeContext, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  const properties = requireProperties(body);
  const variables = optionalVariables(body);
  const retries = optionalRetries(body);
  const stream = optionalBoolean(body, 'stream');
  const config = readConfig(context.runtime, properties);

  const { callId, signal, cancelReason } = context.calls.start(optionalCallId(body));

  const secrets = recordSecrets(context.secrets);
  const events = openEventStream(res, { keepAliveMs: context.keepAliveMs, transform: redactorFor(context.runtime, secrets.seen) });

  // a client that goes away (aborted fetch, closed dialog) should not leave a run spending tokens
  res.on('close', () => {
    if (!res.writableEnded) {
      context.calls.cancel(callId, 'client-gone');
    }
  });

  events.send('started', { callId });

  try {
    const result = await context.runtime.executeTask(config, {
      variables,
      secrets,
      retries,
      stream,
      signal,
      fetch: context.fetch,
      onEvent: event => forward(events, event)
    });

    const reason = cancelReason();

    if (reason) {
      events.send('cancelled', { callId, message: CANCEL_MESSAGES[reason], result });
    } else {
      events.send('result', { result });
    }
  } catch (error) {
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

/** Runtime events go out as they come; the result is sent once, after the run returned. */
function forward(events: EventStream, event: ExecutionEvent): void {
  switch (event.type) {
  case 'attempt':
    events.send('attempt', { attempt: event.attempt });
    break;
  case 'chunk':
    events.send('chunk', event.reasoning ? { text: event.text, reasoning: true } : { text: event.text });
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
