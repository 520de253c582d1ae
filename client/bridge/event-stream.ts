import { createParser } from 'eventsource-parser';

import { isTerminalEvent, type CallStreamEvent } from '../../menu/bridge/protocol';

import { BridgeError } from './bridge-error';

/**
 * Reads a call's Server-Sent Events answer with fetch's ReadableStream, handing each
 * event to `onEvent` as soon as its last byte arrived. Resolves with the terminal event.
 */
export async function readCallStream(response: Response, onEvent: (event: CallStreamEvent) => void): Promise<CallStreamEvent> {
  if (!response.body) {
    throw new BridgeError('STREAM_BROKEN', 'the bridge answered without a body', response.status);
  }

  let terminal: CallStreamEvent | null = null;
  let broken: BridgeError | null = null;

  const parser = createParser({
    onEvent(message) {
      if (terminal || broken || !message.event) {
        return;
      }

      let data: Record<string, unknown>;

      try {
        data = JSON.parse(message.data);
      } catch {
        broken = new BridgeError('STREAM_BROKEN', `the bridge sent an unreadable ${message.event} event`);
        return;
      }

      const event = { type: message.event, ...data } as CallStreamEvent;

      if (isTerminalEvent(event)) {
        terminal = event;
      }

      onEvent(event);
    }
  });

  // Decoded here rather than through a TextDecoderStream: piping adds a stream (and its
  // promises) to every chunk, and ending it costs an error object with a stack each call.
  const decoder = new TextDecoder();
  const reader = response.body.getReader();

  for (;;) {
    const { done, value } = await reader.read();

    parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));

    if (broken) {
      if (!done) {
        await reader.cancel();
      }

      throw broken;
    }

    if (done) {
      break;
    }
  }

  if (!terminal) {
    throw new BridgeError('STREAM_BROKEN', 'the call\'s stream ended before its result (did the Modeler quit?)');
  }

  return terminal;
}
