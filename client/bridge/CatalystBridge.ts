import type { TrustedPair } from '../../runtime/secrets/trust';
import type { ExecutionResult, TaskProperties } from '../../runtime/types';
import type { ApprovalAnswer } from '../../menu/bridge/routes/approvals';
import type {
  BridgeAnnouncement,
  BridgeErrorBody,
  CallRequest,
  CallStreamEvent,
  ConnectionCheck,
  HealthAnswer,
  ModelsAnswer,
  ModelsRequest,
  SecretStatus,
  TestCaseRunAnswer,
  TestCaseRunRequest,
  TestCasesAnswer
} from '../../menu/bridge/protocol';
import type { TestSuite } from '../../runtime/testing/types';

import { currentAnnouncement, listenToWindow, onAnnouncement } from './announcement';
import { BridgeError } from './bridge-error';
import { CallSocket, type WebSocketClass } from './call-socket';
import { readCallStream } from './event-stream';
import { onTestTaskRequested, TEST_TASK_EDITOR_EVENT } from './test-task-request';

type EventBus = { fire(type: string, event?: unknown): unknown; on(type: string, listener: () => void): void };
type Canvas = { getContainer(): HTMLElement };

/** Whether the bridge can be used, and if not, why (for the test dialog to say). */
export type BridgeStatus =
  | { available: true; url: string }
  | { available: false; reason: 'NOT_ANNOUNCED' | 'START_FAILED'; message: string };

/** How a call ended: with the runtime's result, or cancelled (with the result so far, when there is one). */
export interface CallOutcome {
  callId: string;
  cancelled: boolean;
  result: ExecutionResult | null;
}

/** The call socket of one announcement: being opened, then opened (or `null`: refused). */
interface AnnouncedSocket {
  key: string;
  opening: Promise<CallSocket | null>;
  opened?: CallSocket | null;
}

const NOT_ANNOUNCED_MESSAGE = 'No desktop bridge: this Modeler did not announce one (the plugin\'s menu module failed to load, shown as "Catalyst <error>" in the Plugins menu, or the page does not host it).';

/**
 * `catalystBridge`: the renderer's only way to the desktop bridge (docs/bridge-protocol.md).
 * Every network request of the test dialog, model list and connection check goes through
 * here; render code only calls these methods.
 */
export class CatalystBridge {
  static $inject = [ 'eventBus', 'canvas' ];

  /**
   * `fetchFn` and `webSocketClass` stand in for the page's `fetch` and `WebSocket` (Node: tests,
   * benchmarks pass `ws`'s); without a WebSocket class, calls go over `POST /calls`.
   */
  constructor(eventBus?: EventBus, canvas?: Canvas, fetchFn?: typeof fetch, webSocketClass?: WebSocketClass | null) {
    this.fetchFn = fetchFn ?? ((input, init) => globalThis.fetch(input, init));
    this.webSocketClass = webSocketClass === undefined ? globalThis.WebSocket ?? null : webSocketClass;

    listenToWindow();

    if (eventBus) {
      const stopAnnouncements = onAnnouncement(() => eventBus.fire('catalystBridge.changed', { status: this.status() }));
      const stopRequests = onTestTaskRequested(() => {

        // the Modeler keeps other tabs' editors alive but hidden: only the one shown answers the menu
        if (!canvas || isShown(canvas.getContainer())) {
          eventBus.fire(TEST_TASK_EDITOR_EVENT);
        }
      });

      eventBus.on('diagram.destroy', () => {
        stopAnnouncements();
        stopRequests();
      });
    }
  }

  private readonly fetchFn: typeof fetch;
  private readonly webSocketClass: WebSocketClass | null;

  /**
   * The call socket of the announced bridge (`key`: its URL and token), for every editor of
   * the page: `opening` until it answers, then `opened`, which a call takes without waiting.
   * `null` where it could not be opened (a bridge older than the socket), so calls there go
   * over HTTP without trying again. Only the current announcement's socket is of any use.
   */
  private static socket: AnnouncedSocket | null = null;

  // one set per application, like the announcement: an approval made in one editor holds in all
  private static readonly trustListeners = new Set<() => void>();

  status(): BridgeStatus {
    return statusOf(currentAnnouncement());
  }

  /** Called with the new status whenever a bridge is announced; returns the unsubscribe. */
  onChange(listener: (status: BridgeStatus) => void): () => void {
    return onAnnouncement(announcement => listener(statusOf(announcement)));
  }

  health(): Promise<HealthAnswer> {
    return this.json('GET', '/health');
  }

  /**
   * Runs a task on the desktop, over the bridge's call socket (`POST /calls` where there is
   * none). `onEvent` sees every event in order (attempts, chunks, retries with their waits,
   * then the terminal one). Aborting `signal` stops the run and rejects with the abort
   * reason; `cancel(callId)` stops it and still delivers the `cancelled` event.
   */
  async call(request: CallRequest, options: { onEvent?: (event: CallStreamEvent) => void; signal?: AbortSignal } = {}): Promise<CallOutcome> {
    const callId = request.callId ?? newCallId();
    const onEvent = (event: CallStreamEvent) => options.onEvent?.(event);
    const socket = this.readySocket() ?? await this.callSocket();

    const terminal = socket
      ? await socket.call(callId, { ...request, callId }, onEvent, options.signal)
      : await this.callOverHttp({ ...request, callId }, onEvent, options.signal);

    switch (terminal.type) {
    case 'result':
      return { callId, cancelled: false, result: terminal.result };
    case 'cancelled':
      return { callId, cancelled: true, result: terminal.result ?? null };
    default:
      throw new BridgeError(terminal.type === 'error' ? terminal.error.code : 'STREAM_BROKEN',
        terminal.type === 'error' ? terminal.error.message : 'the call ended without a result');
    }
  }

  /** Stops a running call; `false` when it had already finished. */
  async cancel(callId: string): Promise<boolean> {
    const known = CatalystBridge.socket;
    const socket = known && known.key === this.socketKey() ? await known.opening : null;

    if (socket?.cancel(callId)) {
      return true;
    }

    const response = await this.send('DELETE', `/calls/${encodeURIComponent(callId)}`);

    if (response.status === 404) {
      return false;
    }

    if (!response.ok) {
      throw await errorOf(response);
    }

    return true;
  }

  private async callOverHttp(request: CallRequest, onEvent: (event: CallStreamEvent) => void, signal?: AbortSignal): Promise<CallStreamEvent> {
    const response = await this.send('POST', '/calls', request, signal);

    if (!response.ok) {
      throw await errorOf(response);
    }

    return readCallStream(response, onEvent);
  }

  /**
   * The announced bridge's call socket, opened at the first call and kept for the next;
   * `null` when there is none to have (no WebSocket here, or the bridge refused it).
   */
  private async callSocket(): Promise<CallSocket | null> {
    const key = this.socketKey();

    if (key === null) {
      return null;
    }

    const known = CatalystBridge.socket;

    if (known?.key === key) {
      const socket = await known.opening;

      if (socket === null || socket.usable) {
        return socket;
      }

      // another call opened the next one while this waited: that one, not a third
      if (CatalystBridge.socket !== known) {
        return this.callSocket();
      }
    } else if (known) {

      // the announcement changed (a restarted Modeler): the old bridge's socket is of no more use
      void known.opening.then(old => old?.close());
    }

    const { url, token } = this.announced();
    const current: AnnouncedSocket = { key, opening: openSocket(url, token, this.webSocketClass as WebSocketClass) };

    CatalystBridge.socket = current;
    void current.opening.then(socket => {
      current.opened = socket;
    });

    return current.opening;
  }

  /** The current announcement's socket when it is open already, else `null` (then {@link callSocket}). */
  private readySocket(): CallSocket | null {
    const opened = CatalystBridge.socket?.opened;

    return opened?.usable && CatalystBridge.socket!.key === this.socketKey() ? opened : null;
  }

  /** Which socket belongs to the current announcement; `null` without one or without WebSocket. */
  private socketKey(): string | null {
    const announcement = currentAnnouncement();

    if (!this.webSocketClass || !announcement || 'error' in announcement) {
      return null;
    }

    return `${announcement.url} ${announcement.token}`;
  }

  /**
   * The live model list. Rejects with a {@link BridgeError} when the bridge says why there
   * is none (no key, provider down): the bridge answers those with 200 to keep the
   * Modeler's console clean, callers handle them as before.
   */
  async listModels(request: ModelsRequest): Promise<ModelsAnswer> {
    const answer = await this.json<ModelsAnswer>('POST', '/models', request);

    if (answer.unavailable) {
      throw new BridgeError(answer.unavailable.code, answer.unavailable.message, 200, answer.unavailable.trust ?? null);
    }

    return answer;
  }

  secretStatus(properties: TaskProperties): Promise<SecretStatus> {
    return this.json('POST', '/secret-status', { properties });
  }

  checkConnection(properties: TaskProperties, variables?: Record<string, unknown>): Promise<ConnectionCheck> {
    return this.json('POST', '/check', { properties, variables });
  }

  /**
   * Asks the user, in the host (the Modeler's own dialog, not this page), whether the task's
   * key may go to the task's host. Resolves with their answer; the renderer only names the
   * task, the bridge works out the pair. Fails with `APPROVAL_PENDING` (409) while another
   * question is open and `APPROVAL_UNAVAILABLE` (501) where the host cannot ask.
   */
  async approveKeySend(properties: TaskProperties): Promise<ApprovalAnswer> {
    const answer = await this.json<ApprovalAnswer>('POST', '/approvals', { properties });

    if (answer.approved) {
      CatalystBridge.trustChanged();
    }

    return answer;
  }

  /**
   * Called after an approval or a revocation through this page, so what was refused for a
   * pair (a live model list) can be asked again. Returns the unsubscribe.
   */
  onTrustChange(listener: () => void): () => void {
    CatalystBridge.trustListeners.add(listener);

    return () => CatalystBridge.trustListeners.delete(listener);
  }

  private static trustChanged(): void {
    CatalystBridge.trustListeners.forEach(listener => listener());
  }

  /** The (secret, host) pairs the user approved so far, and the file they are kept in. */
  approvals(): Promise<{ approvals: TrustedPair[]; file: string | null }> {
    return this.json('GET', '/approvals');
  }

  /** Takes an approval back; `false` when the pair was not approved. */
  async revokeApproval(pair: TrustedPair): Promise<boolean> {
    const answer = await this.json<{ revoked: boolean }>('POST', '/approvals/revoke', pair);

    if (answer.revoked) {
      CatalystBridge.trustChanged();
    }

    return answer.revoked;
  }

  /** The test cases saved beside the diagram at `diagram` (an absolute .bpmn path). */
  readTestCases(diagram: string): Promise<TestCasesAnswer> {
    return this.json('POST', '/test-cases/read', { diagram });
  }

  /** Replaces the diagram's saved test cases; the bridge checks them as `catalyst test` would. */
  writeTestCases(diagram: string, suite: TestSuite): Promise<TestCasesAnswer> {
    return this.json('POST', '/test-cases/write', { diagram, suite });
  }

  /** Runs one saved case (live, recording, or replaying its recording) and answers its verdict. */
  runTestCase(request: TestCaseRunRequest): Promise<TestCaseRunAnswer> {
    return this.json('POST', '/test-cases/run', request);
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);

    if (!response.ok) {
      throw await errorOf(response);
    }

    return response.json() as Promise<T>;
  }

  /** The announced bridge, or the error that says why there is none. */
  private announced(): { url: string; token: string } {
    const announcement = currentAnnouncement();

    if (!announcement || 'error' in announcement) {
      const status = statusOf(announcement) as Extract<BridgeStatus, { available: false }>;

      throw new BridgeError(status.reason, status.message);
    }

    return announcement;
  }

  private async send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const announcement = this.announced();

    const headers: Record<string, string> = { Authorization: `Bearer ${announcement.token}` };

    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }

    try {
      return await this.fetchFn(`${announcement.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal
      });
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }

      throw new BridgeError('UNREACHABLE', `the desktop bridge at ${announcement.url} does not answer (was the Modeler restarted?)`);
    }
  }
}

/** Whether an editor's container is the one on screen: the Modeler keeps other tabs' editors alive but hidden. */
export function isShown(element: HTMLElement): boolean {
  return element.isConnected && element.getClientRects().length > 0;
}

function statusOf(announcement: BridgeAnnouncement | null): BridgeStatus {
  if (!announcement) {
    return { available: false, reason: 'NOT_ANNOUNCED', message: NOT_ANNOUNCED_MESSAGE };
  }

  if ('error' in announcement) {
    return { available: false, reason: 'START_FAILED', message: `The desktop bridge did not start: ${announcement.error}` };
  }

  return { available: true, url: announcement.url };
}

async function errorOf(response: Response): Promise<BridgeError> {
  try {
    const body = await response.json() as BridgeErrorBody;

    return new BridgeError(body.error.code, body.error.message, response.status, body.error.trust ?? null);
  } catch {
    return new BridgeError('UNEXPECTED_ANSWER', `the bridge answered HTTP ${response.status} without an error description`, response.status);
  }
}

/** A socket that said `ready`, or `null` when it could not be opened (the caller falls back to HTTP). */
async function openSocket(url: string, token: string, WebSocketClass: WebSocketClass): Promise<CallSocket | null> {
  try {
    const socket = new CallSocket(url, token, WebSocketClass);

    await socket.opened;

    return socket;
  } catch {
    return null;
  }
}

function newCallId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `call-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
