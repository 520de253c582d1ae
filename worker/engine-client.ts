/**
 * The engine's external-task REST API (Camunda 7 / Operaton `/external-task/...`), called
 * directly on the worker's keep-alive HTTP client (worker/http.ts): fetch and lock,
 * complete, BPMN error, failure, lock extension and unlock. The worker drives fetchAndLock
 * itself, so it can ask for free slots the moment they free (worker/worker.ts).
 *
 * Typed values travel as the REST API writes them; a refusal is thrown as an
 * {@link EngineError} carrying the engine's status, message, exception type and code, which
 * worker/engine-errors.ts sorts and words.
 */
import { isRecord, tryParseJson } from '../runtime/execute/json';

import type { HttpAgents } from './http';
import { request, targetOf } from './http';
import type { EngineAuth } from './options';

/** A variable as the engine's REST API writes it (`type` as sent, e.g. `String`, `json`). */
export interface TypedValue {
  type: string;
  value: unknown;
  valueInfo?: Record<string, unknown>;
}

/** A task as fetchAndLock returns it, with the fields the worker reads. */
export interface LockedTask {
  id: string;
  topicName: string;
  workerId: string;
  activityId?: string;
  processInstanceId?: string;
  retries: number | null;
  extensionProperties?: Record<string, string>;
  variables?: Record<string, TypedValue>;
}

export interface HandleFailureOptions {
  errorMessage?: string;
  errorDetails?: string;
  retries?: number;
  retryTimeout?: number;
}

/** What the engine is asked for by one fetchAndLock. */
interface FetchRequest {
  maxTasks: number;
  topicName: string;
  lockDurationMs: number;

  /** How long the engine may wait for tasks (0: answer at once). */
  asyncResponseTimeoutMs: number;
}

/** The engine's answer was an error: its status and the body of its REST error handling. */
export class EngineError extends Error {
  override name = 'EngineError';
  readonly httpStatusCode: number;

  /** The engine's message (empty for an answer without a body, such as its auth filter's 401). */
  readonly engineMsg: string;

  /** The engine's exception type (`RestException`, `ProcessEnginePersistenceException`, ...). */
  readonly type: string | undefined;

  /** The engine's built-in exception code (7.19+). */
  readonly code: number | undefined;

  constructor(status: number, body: { type?: unknown; message?: unknown; code?: unknown }) {
    const message = typeof body.message === 'string' ? body.message : '';

    super(`the engine answered HTTP ${status}${message ? `: ${message}` : ''}`);
    this.httpStatusCode = status;
    this.engineMsg = message;
    this.type = typeof body.type === 'string' ? body.type : undefined;
    this.code = typeof body.code === 'number' ? body.code : undefined;
  }
}

/** What a handler reports a task's outcome with (a fake one in tests). */
export interface TaskReporter {
  complete(task: TaskRef, variables?: Record<string, TypedValue>): Promise<void>;
  handleFailure(task: TaskRef, options: HandleFailureOptions): Promise<void>;
  handleBpmnError(task: TaskRef, errorCode: string, errorMessage?: string, variables?: Record<string, TypedValue>): Promise<void>;
  extendLock(task: TaskRef, newDurationMs: number): Promise<void>;
  unlock(task: TaskRef): Promise<void>;
}

type TaskRef = { id: string };

export interface EngineClient extends TaskReporter {

  /** Locks up to `maxTasks` tasks; `signal` cancels a fetch waiting at the engine. */
  fetchAndLock(fetch: FetchRequest, signal?: AbortSignal): Promise<LockedTask[]>;
}

export interface EngineClientOptions {
  engineUrl: string;
  workerId: string;
  auth: EngineAuth;
  agents: HttpAgents;

  /** Longest wait for an answer to a report; a fetch gets its long poll on top. */
  requestTimeoutMs: number;
}

/** A client for one engine, as one worker id. */
export function createEngineClient({ engineUrl, workerId, auth, agents, requestTimeoutMs }: EngineClientOptions): EngineClient {
  const root = targetOf(new URL(engineUrl));
  const base = root.path.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };

  if (auth.type === 'basic') {
    headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  } else if (auth.type === 'bearer') {
    headers.Authorization = `Bearer ${auth.token}`;
  }

  async function post(path: string, body: unknown, timeoutMs = requestTimeoutMs, signal?: AbortSignal): Promise<unknown> {
    const answer = await request(agents, { method: 'POST', target: { ...root, path: base + path }, headers, body: JSON.stringify(body), timeoutMs, signal });
    const json = answer.body && /^application\/json/i.test(answer.headers['content-type'] ?? '') ? tryParseJson(answer.body) ?? null : null;

    if (answer.status >= 400) {
      throw new EngineError(answer.status, isRecord(json) ? json : {});
    }

    return json;
  }

  const taskPath = (task: TaskRef, what: string) => `/external-task/${encodeURIComponent(task.id)}/${what}`;

  return {
    async fetchAndLock({ maxTasks, topicName, lockDurationMs, asyncResponseTimeoutMs }, signal) {
      const tasks = await post('/external-task/fetchAndLock', {
        workerId,
        maxTasks,
        usePriority: true,
        ...(asyncResponseTimeoutMs ? { asyncResponseTimeout: asyncResponseTimeoutMs } : {}),
        topics: [ { topicName, lockDuration: lockDurationMs, includeExtensionProperties: true } ]
      }, asyncResponseTimeoutMs + requestTimeoutMs, signal);

      return Array.isArray(tasks) ? tasks as LockedTask[] : [];
    },
    async complete(task, variables) {
      await post(taskPath(task, 'complete'), { workerId, variables: toRestVariables(variables) });
    },
    async handleFailure(task, options) {
      await post(taskPath(task, 'failure'), { ...options, workerId });
    },
    async handleBpmnError(task, errorCode, errorMessage, variables) {
      await post(taskPath(task, 'bpmnError'), { errorCode, workerId, errorMessage, variables: toRestVariables(variables) });
    },
    async extendLock(task, newDuration) {
      await post(taskPath(task, 'extendLock'), { newDuration, workerId });
    },
    async unlock(task) {
      await post(taskPath(task, 'unlock'), {});
    }
  };
}

/**
 * Typed values as the REST API takes them: the type in lower case, a `json` value as its
 * text, a `date` as ISO text with the `+0000` zone the engine's date format reads.
 */
export function toRestVariables(variables: Record<string, TypedValue> | undefined): Record<string, TypedValue> | undefined {
  if (!variables) {
    return undefined;
  }

  const rest: Record<string, TypedValue> = {};

  for (const name of Object.keys(variables)) {
    const typed = variables[name];
    const type = typed.type.toLowerCase();
    let value = typed.value;

    if (type === 'json' && typeof value !== 'string') {
      value = JSON.stringify(value);
    } else if (type === 'date' && value instanceof Date) {
      value = value.toISOString().replace(/Z$/, '+0000');
    }

    rest[name] = { ...typed, type, value };
  }

  return rest;
}

/**
 * Typed values as the REST API sent them, read: the type in lower case, a `json` value
 * parsed, a `date` a Date.
 *
 * @throws SyntaxError for a `json` value that is not JSON
 */
export function fromRestVariables(variables: Record<string, TypedValue> | undefined): Record<string, TypedValue> {
  const typed: Record<string, TypedValue> = {};

  for (const name of Object.keys(variables ?? {})) {
    const sent = variables![name];
    const type = String(sent.type).toLowerCase();
    let value = sent.value;

    if (type === 'json' && typeof value === 'string') {
      value = JSON.parse(value);
    } else if (type === 'date' && value !== null && value !== undefined) {
      value = new Date(value as string);
    }

    typed[name] = { ...sent, type, value };
  }

  return typed;
}
