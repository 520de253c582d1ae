/**
 * The bridge protocol of docs/bridge-protocol.md in one place: the event names, the
 * protocol version and the wire types that the bridge (menu/bridge), its renderer client
 * (client/bridge) and the Modeler menu (menu/index.js, through menu/dist/protocol.cjs)
 * share. Types and constants only: nothing here runs, and nothing here imports an
 * implementation file.
 */
import type { CaseResult, RunMode, TestCase, TestSuite } from '../../runtime/testing/types';
import type { ExecutionResult, ModelInfo, SecretLocation, TaskProperties } from '../../runtime/types';

/** Protocol version; announced with the bridge and answered by `GET /health`. */
export const BRIDGE_PROTOCOL_VERSION = 1;

/**
 * The app event (Modeler) and window event (playground) that hands the renderer the
 * bridge's URL and token, or why it could not start.
 */
export const BRIDGE_EVENT = 'catalyst.bridge';

/** The app event the menu's "Test Selected Task…" entry emits. */
export const TEST_TASK_EVENT = 'catalyst.testTask';

/** What the Modeler's `catalyst.bridge` event (or the playground) hands to the renderer. */
export type BridgeAnnouncement =
  | { version: number; url: string; token: string }
  | { version: number; error: string };

/** `POST /calls` body. */
export interface CallRequest {
  callId?: string;
  properties: TaskProperties;
  variables?: Record<string, unknown>;
  retries?: number;
  stream?: boolean;
}

/** One event of a call's stream, in order; the last is `result`, `cancelled` or `error`. */
export type CallStreamEvent =
  | { type: 'started'; callId: string }
  | { type: 'attempt'; attempt: number }
  | { type: 'chunk'; text: string; reasoning?: boolean }
  | { type: 'retry'; attempt: number; waitMs: number; reason: string }
  | { type: 'result'; result: ExecutionResult }
  | { type: 'cancelled'; callId: string; message: string; result?: ExecutionResult }
  | { type: 'error'; error: { code: string; message: string } };

/** The events that end a call's stream: exactly one of them comes, and nothing after it. */
export type TerminalCallEvent = Extract<CallStreamEvent, { type: 'result' | 'cancelled' | 'error' }>;

/** Whether `event` ends its call's stream. */
export function isTerminalEvent(event: { type: string }): event is TerminalCallEvent {
  return event.type === 'result' || event.type === 'cancelled' || event.type === 'error';
}

/** `POST /models` body: the task's properties, or a provider id (and URL). */
export type ModelsRequest =
  | { properties: TaskProperties; variables?: Record<string, unknown> }
  | { provider: string; url?: string };

export interface ModelsAnswer {
  models: ModelInfo[];

  /** The models URL asked, `null` when the provider has none. */
  url: string | null;

  /**
   * Why there is no live list, when that is an expected condition (no key, the provider
   * down or refusing): answered with 200, not as an HTTP error, so the Modeler's console
   * does not log a failed request each time a task without a key is selected.
   */
  unavailable?: { code: ModelsUnavailableCode; message: string; trust?: UntrustedSend };
}

/** `KEY_NOT_TRUSTED` carries `trust`: the pair not approved, so the panel can offer to. */
export type ModelsUnavailableCode = 'SECRET_NOT_FOUND' | 'MODELS_FAILED' | 'KEY_NOT_TRUSTED';

/** `GET /health`: the bridge is there, the token is good, and where keys are read from. */
export interface HealthAnswer {
  ok: true;
  version: number;
  secretsFile: string | null;
  secretsDir: string | null;
}

/** The JSON error body of every refused request and of the `error` stream event. */
export interface BridgeErrorBody {
  error: { code: string; message: string; field?: string; property?: string; trust?: UntrustedSend };
}

/** A key the bridge did not send (`KEY_NOT_TRUSTED`): which secret, read from where, to which host. */
export interface UntrustedSend {
  secret: string;

  /** Where the key is read from, for people: `env GROQ_API_KEY`. */
  description: string;
  host: string;
}

/** `POST /secret-status` answer. */
export interface SecretStatus {

  /** `variable`: read from the process at run time (or a development literal), nothing to look up. */
  status: 'found' | 'missing' | 'variable' | 'not-needed';
  location: SecretLocation;

  /** Why it is missing, when the store could say more than "not set" (file not found, unreadable). */
  detail?: string;

  /** Where the key goes and why it may; absent when the task sends no key or has no http(s) URL. */
  destination?: KeyDestination;
}

/**
 * The host a task's key is sent to, and what lets it go there: the user's machine
 * (`loopback`), the provider's own host (`catalog`), the bridge's options (`option`), an
 * approval the user can take back (`approval`), or nothing yet (`untrusted`: sending asks).
 */
export interface KeyDestination {
  host: string;

  /** The secret as the trust rules name it (the approval to take back is `secret`=`host`). */
  secret: string;
  trust: 'loopback' | 'catalog' | 'option' | 'approval' | 'untrusted';
}

/** What is wrong with a connection, in one word for code and one sentence for people. */
export type ConnectionProblem =
  | 'NO_KEY'
  | 'KEY_REJECTED'
  | 'URL_INVALID'
  | 'URL_MISSING_V1'
  | 'URL_DOUBLED_PATH'
  | 'URL_NOT_CHAT'
  | 'UNREACHABLE'
  | 'NOT_OPENAI_COMPATIBLE'
  | 'REDIRECT_REFUSED'
  | 'SERVER_ERROR';

/** `POST /check` answer. */
export interface ConnectionCheck {
  ok: boolean;
  problem: ConnectionProblem | null;
  message: string;

  /** The URL the verdict is about (the models or chat URL that was asked). */
  url: string;
  statusCode: number | null;
}

/** `POST /test-cases/read` answer. */
export interface TestCasesAnswer {

  /** The sidecar's absolute path, to show the user where the cases live. */
  testFile: string;
  exists: boolean;
  suite: TestSuite;

  /** Names of the cases that have a recording (they can run as a replay). */
  recorded: string[];
}

/** `POST /test-cases/run` body. */
export interface TestCaseRunRequest {
  diagram: string;

  /** The task's properties as they are now (unsaved edits included). */
  properties: TaskProperties;
  case: TestCase;
  mode: RunMode;

  /** Variables for this run only, never saved (a key passed as a process variable). */
  variables?: Record<string, unknown>;
}

/** `POST /test-cases/run` answer: the case's verdict (its recording, if one was made, is saved, not sent). */
export interface TestCaseRunAnswer {
  result: Omit<CaseResult, 'recording'>;

  /** Whether this run saved a new recording for the case. */
  recorded: boolean;
}

/**
 * Where the call socket lives, below the bridge's base URL (`ws://127.0.0.1:<port>/catalyst/v1/socket`):
 * a WebSocket that runs calls without an HTTP request each (docs/bridge-protocol.md §5).
 */
export const BRIDGE_SOCKET_PATH = '/socket';

/** What the renderer sends over the call socket; the first message must be `hello`. */
export type SocketClientMessage =
  | { type: 'hello'; token: string }
  | { type: 'call'; callId: string; request: CallRequest }
  | { type: 'cancel'; callId: string };

/**
 * What the bridge sends: `ready` once after a good `hello`; then, for each call, the same
 * events as the `POST /calls` stream tagged with the call's id, or `refused` (what HTTP
 * answers with a JSON error before the stream starts) instead of all of them.
 */
export type SocketServerMessage =
  | { type: 'ready' }
  | (CallStreamEvent & { callId: string })
  | { type: 'refused'; callId: string; status: number; error: BridgeErrorBody['error'] };

/**
 * Close codes of the call socket (4000–4999 are the application's). `TOO_LARGE` (1009) is
 * WebSocket's own, for a message over the bridge's body limit.
 */
export const SOCKET_CLOSE = {

  /** The first message was not `hello` with the current token. */
  UNAUTHORIZED: 4401,

  /** No `hello` came in time. */
  HELLO_TIMEOUT: 4408,

  /** A message that is not JSON or not one of {@link SocketClientMessage}. */
  PROTOCOL: 4400,

  /** The bridge is shutting down. */
  GOING_AWAY: 1001,
  TOO_LARGE: 1009
} as const;
