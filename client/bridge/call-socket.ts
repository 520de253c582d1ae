import {
  BRIDGE_SOCKET_PATH,
  isTerminalEvent,
  type CallRequest,
  type CallStreamEvent,
  type SocketClientMessage,
  type SocketServerMessage
} from '../../menu/bridge/protocol';

import { BridgeError } from './bridge-error';

/**
 * As much of the browser's WebSocket as the call socket uses. `ws`'s WebSocket (Node: tests,
 * benchmarks) has the same shape.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
}

export type WebSocketClass = new (url: string) => WebSocketLike;

interface PendingCall {
  onEvent: (event: CallStreamEvent) => void;
  settle: (outcome: { terminal: CallStreamEvent } | { error: unknown }) => void;
}

const NORMAL_CLOSURE = 1000;

// WebSocket.OPEN, which a page without WebSocket (and so without its constants) does not have
const OPEN = 1;

/**
 * One WebSocket to the bridge's call socket (docs/bridge-protocol.md §5), shared by every call
 * made while the announcement holds. Opened with `hello` and the token; `opened` settles
 * when the bridge answered `ready` (or refused).
 */
export class CallSocket {
  readonly opened: Promise<void>;
  private readonly socket: WebSocketLike;
  private readonly calls = new Map<string, PendingCall>();
  private state: 'opening' | 'ready' | 'closed' = 'opening';

  /** @throws when the environment refuses the URL outright (the caller falls back to HTTP) */
  constructor(url: string, token: string, WebSocketClass: WebSocketClass) {
    this.socket = new WebSocketClass(`${url.replace(/^http/, 'ws')}${BRIDGE_SOCKET_PATH}`);

    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => this.write({ type: 'hello', token }));

      // every error is followed by `close`, which says what happened to the calls
      this.socket.addEventListener('error', () => undefined);

      this.socket.addEventListener('close', () => {
        const wasReady = this.state === 'ready';

        this.state = 'closed';
        reject(new BridgeError('SOCKET_UNAVAILABLE', 'the bridge did not open its call socket'));

        if (wasReady) {
          this.failAll(socketClosed());
        }
      });

      this.socket.addEventListener('message', ({ data }) => {
        for (const message of parse(data)) {
          if (this.state === 'opening' && message.type === 'ready') {
            this.state = 'ready';
            resolve();
          } else {
            this.receive(message);
          }
        }
      });
    });

    // a refused socket is answered by falling back, not by an unhandled rejection
    this.opened.catch(() => undefined);
  }

  /** Whether calls can still go over this socket (`readyState`: it may be closing before `close` is told). */
  get usable(): boolean {
    return this.state === 'ready' && this.socket.readyState === OPEN;
  }

  /**
   * Runs a call: `onEvent` sees each event in order; resolves with the terminal one. Aborting
   * `signal` cancels the call on the bridge and rejects at once with the abort reason.
   */
  call(callId: string, request: CallRequest, onEvent: (event: CallStreamEvent) => void, signal?: AbortSignal): Promise<CallStreamEvent> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        return reject(signal.reason);
      }

      if (!this.usable) {
        return reject(socketClosed());
      }

      // its events would be taken for the running call's: refused here, as the bridge would
      if (this.calls.has(callId)) {
        return reject(new BridgeError('CALL_ID_IN_USE', `a call with id "${callId}" is already running`, 409));
      }

      const onAbort = () => {
        this.cancel(callId);
        this.calls.get(callId)?.settle({ error: signal?.reason });
      };

      this.calls.set(callId, {
        onEvent,
        settle: outcome => {
          this.calls.delete(callId);
          signal?.removeEventListener('abort', onAbort);

          if ('terminal' in outcome) {
            resolve(outcome.terminal);
          } else {
            reject(outcome.error);
          }
        }
      });

      signal?.addEventListener('abort', onAbort, { once: true });
      this.write({ type: 'call', callId, request });
    });
  }

  /** Asks the bridge to stop a call of this socket; `false` when it is not running here. */
  cancel(callId: string): boolean {
    if (this.state !== 'ready' || !this.calls.has(callId)) {
      return false;
    }

    this.write({ type: 'cancel', callId });

    return true;
  }

  /** Closes the socket; its running calls are cancelled on the bridge and fail here. */
  close(): void {
    this.socket.close(NORMAL_CLOSURE);
  }

  private receive(message: SocketServerMessage): void {
    const pending = 'callId' in message ? this.calls.get(message.callId) : undefined;

    if (!pending) {
      return;
    }

    if (message.type === 'refused') {
      return pending.settle({ error: new BridgeError(message.error.code, message.error.message, message.status, message.error.trust ?? null) });
    }

    if (message.type === 'ready') {
      return;
    }

    pending.onEvent(message);

    if (isTerminalEvent(message)) {
      pending.settle({ terminal: message });
    }
  }

  private failAll(error: BridgeError): void {
    [ ...this.calls.values() ].forEach(pending => pending.settle({ error }));
  }

  private write(message: SocketClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }
}

function socketClosed(): BridgeError {
  return new BridgeError('STREAM_BROKEN', 'the call socket closed before the call\'s result (did the Modeler quit?)');
}

/** The messages of one frame: one message, or the array of those the bridge sent in one turn. */
function parse(data: unknown): SocketServerMessage[] {
  if (typeof data !== 'string') {
    return [];
  }

  try {
    const parsed = JSON.parse(data) as SocketServerMessage | SocketServerMessage[];

    return (Array.isArray(parsed) ? parsed : [ parsed ]).filter(message => typeof message === 'object' && message !== null);
  } catch {
    return [];
  }
}
