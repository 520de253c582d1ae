/**
 * A Camunda 7 engine's external-task REST endpoints, in memory, on 127.0.0.1: enough of
 * fetchAndLock, complete, bpmnError, failure, extendLock and unlock (as the REST reference
 * documents them) for the real client library to run against. Every call is recorded.
 *
 * Engine behaviour kept (from the engine's HandleExternalTaskCmd, ExtendLockOnExternalTaskCmd,
 * ExternalTaskResourceImpl and VariableValueDto): locks per worker with expiry, 404 for an
 * unknown task, 400 "... cannot be completed by worker ... It is locked by worker ..." for a
 * report from a worker that does not hold the task, 400 "Cannot extend a lock that expired" for an
 * extension of this worker's expired lock (a report on it still passes: the engine checks
 * only the worker id), `retries: null` until the first failure, a failed task coming back
 * after `retryTimeout` while retries remain and raising an incident at 0, long polling
 * (`asyncResponseTimeout`), extension properties only when asked for, 401 with an empty body
 * for wrong credentials, and the database's refusal of a String over its column: PostgreSQL's
 * message naming `character varying(4000)`, or as 7.20+ renders it on Oracle (NVARCHAR2(2000)):
 * HTTP 500, `ProcessEnginePersistenceException`, the persistence layer's standard message and
 * code 10002. Without Spin, a `json` value is refused with 400 "Unsupported value type 'json'".
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface TypedValueDto {
  type: string;
  value: unknown;
  valueInfo?: Record<string, unknown>;
}

interface RecordedCall {
  method: string;
  path: string;

  /** `fetchAndLock`, `complete`, `bpmnError`, `failure`, `extendLock`, `unlock` or `other`. */
  endpoint: string;
  taskId: string | null;
  body: any;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  at: number;

  /** The client's port: calls with the same port came over one (kept-alive) connection. */
  remotePort: number | undefined;
}

export interface EngineTask {
  id: string;
  topicName: string;
  processInstanceId: string;
  activityId: string;
  variables: Record<string, TypedValueDto>;
  extensionProperties: Record<string, string>;

  /** `null` until a worker reports a failure. */
  retries: number | null;
  state: 'open' | 'locked' | 'completed' | 'bpmnError' | 'incident';
  workerId: string | null;
  lockExpiresAt: number;
  availableAt: number;
}

export interface NewEngineTask {
  id?: string;
  topicName?: string;
  activityId?: string;
  variables?: Record<string, TypedValueDto>;
  extensionProperties?: Record<string, string>;
  retries?: number | null;
}

export interface EngineServerOptions {

  /** Require HTTP basic auth with these credentials (401 otherwise). */
  basicAuth?: { username: string; password: string };

  /**
   * The database behind the engine: `postgres` (a String takes 4,000 characters; the
   * refusal names the column) or `oracle` (2,000 characters; the engine hides why).
   */
  database?: 'postgres' | 'oracle';

  /** Whether the engine has the Spin plugin (Json variables); default true. */
  spin?: boolean;
}

/** What the engine 7.20+ answers for any refused database write. */
const PERSISTENCE_MESSAGE = 'An exception occurred in the persistence layer. Please check the server logs for a detailed message and the entire exception stack trace.';

/** A forced answer for the next calls to one endpoint. */
interface Fault {
  endpoint: string;
  status: number;

  /** The answer body; none (as a 401 from the engine's auth filter) when absent. */
  body?: unknown;

  /** How many calls get it; default 1. */
  times?: number;
}

export interface EngineServer {

  /** REST root, e.g. `http://127.0.0.1:41234/engine-rest`. */
  url: string;
  calls: RecordedCall[];
  tasks: Map<string, EngineTask>;

  /** While true, every request is answered 503 (an engine starting up or down). */
  unavailable: boolean;

  /** Answers the next matching calls with an error (a 500 on complete, a 401 on extendLock...). */
  fail(fault: Fault): void;

  /**
   * Holds back the answers to `endpoint` (an engine slow to answer): each call still takes
   * effect and is recorded, its answer goes out when the returned function is called.
   */
  holdAnswers(endpoint: string): () => void;
  addTask(task?: NewEngineTask): EngineTask;
  callsTo(endpoint: string, taskId?: string): RecordedCall[];

  /** Resolves with the first recorded call that matches, waiting for it if need be. */
  waitForCall(endpoint: string, taskId?: string, timeoutMs?: number): Promise<RecordedCall>;
  close(): Promise<void>;
}

const STRING_LIMITS = { postgres: 4000, oracle: 2000 } as const;
const KNOWN_TYPES = new Set([ 'string', 'integer', 'long', 'short', 'double', 'boolean', 'null', 'json', 'object', 'date', 'bytes', 'xml' ]);

let nextId = 1;

/** Starts the engine on 127.0.0.1 at a free port. */
export async function startEngineServer(options: EngineServerOptions = {}): Promise<EngineServer> {
  const calls: RecordedCall[] = [];
  const tasks = new Map<string, EngineTask>();
  const waiters = new Set<() => void>();
  const longPolls = new Set<() => void>();
  const faults: Fault[] = [];
  const held = new Map<string, Array<() => void>>();
  const database = options.database ?? 'postgres';
  const spin = options.spin ?? true;

  const notify = () => {
    waiters.forEach(waiter => waiter());
  };

  const server = createServer((request, response) => {
    readBody(request).then(body => {
      const call = route(request, response, body);
      calls.push({ ...call, method: request.method ?? '', path: request.url ?? '', body, headers: request.headers, at: Date.now(), remotePort: request.socket.remotePort });
      notify();
    });
  });

  function route(request: IncomingMessage, response: ServerResponse, body: any): Omit<RecordedCall, 'method' | 'path' | 'body' | 'headers' | 'at' | 'remotePort'> {
    const match = /^\/engine-rest\/external-task\/(?:(fetchAndLock)|([^/]+)\/(complete|bpmnError|failure|extendLock|unlock))$/.exec(request.url ?? '');
    const endpoint = match ? match[1] ?? match[3] : 'other';
    const taskId = match?.[2] ? decodeURIComponent(match[2]) : null;
    const answer = (status: number, json?: unknown) => {
      const waiting = held.get(endpoint);

      if (waiting) {
        waiting.push(() => send(response, status, json));
      } else {
        send(response, status, json);
      }

      return { endpoint, taskId, status };
    };

    if (engine.unavailable) {
      return answer(503, { type: 'ServiceUnavailable', message: 'engine is starting' });
    }

    // The engine's basic-auth filter answers with a header and no body.
    if (options.basicAuth && request.headers.authorization !== basicHeader(options.basicAuth)) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="default"' }).end();

      return { endpoint, taskId, status: 401 };
    }

    const faultIndex = faults.findIndex(fault => fault.endpoint === endpoint);

    if (faultIndex >= 0) {
      const fault = faults[faultIndex];

      if (--fault.times! <= 0) {
        faults.splice(faultIndex, 1);
      }

      return answer(fault.status, fault.body);
    }

    if (request.method !== 'POST' || !match) {
      return answer(404, { type: 'NotFoundException', message: `no endpoint ${request.method} ${request.url}` });
    }

    if (endpoint === 'fetchAndLock') {
      const problem = !body?.workerId ? 'workerId is required'
        : (body.asyncResponseTimeout ?? 0) > 1_800_000 ? 'The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds'
          : null;

      if (problem) {
        return answer(400, { type: 'InvalidRequestException', message: problem });
      }

      fetchAndLock(body, response);

      return { endpoint, taskId, status: 200 };
    }

    const task = tasks.get(taskId!);

    if (!task || task.state === 'completed' || task.state === 'bpmnError') {
      return answer(404, { type: 'RestException', message: `External task with id ${taskId} does not exist` });
    }

    if (endpoint === 'unlock') {
      Object.assign(task, { state: 'open', workerId: null, lockExpiresAt: 0 });
      notifyLongPolls();

      return answer(204);
    }

    // Variables are read before the command runs (VariableValueDto.toMap).
    const typeProblem = checkTypes(body?.variables, spin);

    if (typeProblem) {
      return answer(400, { type: 'InvalidRequestException', message: typeProblem });
    }

    // The engine checks the worker id only; the lock's expiry matters to extendLock alone.
    if (task.workerId !== body?.workerId) {
      return answer(400, { type: 'RestException', message: `${WRONG_WORKER[endpoint]} ${taskId} cannot be ${endpoint === 'extendLock' ? 'extended' : endpoint === 'complete' ? 'completed' : 'reported'} by worker '${body?.workerId}'. It is locked by worker '${task.workerId}'.` });
    }

    if (endpoint === 'extendLock' && task.lockExpiresAt < Date.now()) {
      return answer(400, { type: 'RestException', message: `Cannot extend a lock that expired: lockExpirationTime is not greater than or equal to ${Date.now()}` });
    }

    const tooLong = longString(body?.variables, STRING_LIMITS[database]);

    if (tooLong) {
      return answer(500, database === 'oracle'
        ? { type: 'ProcessEnginePersistenceException', message: PERSISTENCE_MESSAGE, code: 10002 }
        : { type: 'ProcessEngineException', message: `ENGINE-03004 Exception while executing Database Operation 'INSERT VariableInstanceEntity' with message '### Error updating database.  Cause: org.postgresql.util.PSQLException: ERROR: value too long for type character varying(4000)'. Flush summary: variable ${tooLong}` });
    }

    switch (endpoint) {
    case 'complete':
      task.state = 'completed';
      break;
    case 'bpmnError':
      task.state = 'bpmnError';
      break;
    case 'extendLock':
      task.lockExpiresAt = Date.now() + body.newDuration;
      break;
    case 'failure':
      task.retries = body.retries;
      task.workerId = null;
      task.state = body.retries > 0 ? 'open' : 'incident';
      task.availableAt = Date.now() + (body.retryTimeout ?? 0);
      setTimeout(notifyLongPolls, (body.retryTimeout ?? 0) + 1).unref();
      break;
    }

    return answer(204);
  }

  function fetchAndLock(body: any, response: ServerResponse): void {
    const deadline = Date.now() + (body.asyncResponseTimeout ?? 0);

    const attempt = () => {
      const locked = lockTasks(body);

      if (locked.length || Date.now() >= deadline) {
        longPolls.delete(attempt);
        clearTimeout(timer);
        send(response, 200, locked);
      }
    };

    longPolls.add(attempt);
    const timer = setTimeout(attempt, Math.max(deadline - Date.now(), 0));
    attempt();
  }

  function lockTasks(body: any): unknown[] {
    const now = Date.now();
    const locked: unknown[] = [];

    for (const task of tasks.values()) {
      if (locked.length >= body.maxTasks) {
        break;
      }

      // finished tasks stay in the map: rule them out before looking up the topic (benches run thousands)
      const free = task.state === 'open' || (task.state === 'locked' && task.lockExpiresAt < now);
      const topic = free && task.availableAt <= now ? body.topics?.find((candidate: any) => candidate.topicName === task.topicName) : undefined;

      if (!topic) {
        continue;
      }

      Object.assign(task, { state: 'locked', workerId: body.workerId, lockExpiresAt: now + topic.lockDuration });
      locked.push(lockedTaskDto(task, topic));
    }

    return locked;
  }

  function notifyLongPolls(): void {
    [ ...longPolls ].forEach(attempt => attempt());
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const engine: EngineServer = {
    url: `http://127.0.0.1:${port}/engine-rest`,
    calls,
    tasks,
    unavailable: false,
    fail(fault) {
      faults.push({ times: 1, ...fault });
    },
    holdAnswers(endpoint) {
      const waiting: Array<() => void> = [];
      held.set(endpoint, waiting);

      return () => {
        held.delete(endpoint);
        waiting.forEach(answer => answer());
      };
    },
    addTask(init = {}) {
      const id = init.id ?? `task-${nextId++}`;
      const task: EngineTask = {
        id,
        topicName: init.topicName ?? 'catalyst',
        processInstanceId: `process-${id}`,
        activityId: init.activityId ?? 'AskModel',
        variables: init.variables ?? {},
        extensionProperties: init.extensionProperties ?? {},
        retries: init.retries ?? null,
        state: 'open',
        workerId: null,
        lockExpiresAt: 0,
        availableAt: 0
      };

      tasks.set(id, task);
      notifyLongPolls();

      return task;
    },
    callsTo(endpoint, taskId) {
      return calls.filter(call => call.endpoint === endpoint && (!taskId || call.taskId === taskId));
    },
    waitForCall(endpoint, taskId, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(call => call.endpoint === endpoint && (!taskId || call.taskId === taskId));

          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${endpoint} call${taskId ? ` for ${taskId}` : ''} within ${timeoutMs} ms`));
        }, timeoutMs);

        waiters.add(check);
        check();
      });
    },
    close() {
      notifyLongPolls();
      server.closeAllConnections();

      return new Promise(resolve => server.close(() => resolve()));
    }
  };

  return engine;
}

function lockedTaskDto(task: EngineTask, topic: any): unknown {
  return {
    activityId: task.activityId,
    activityInstanceId: `${task.activityId}:${task.id}`,
    errorMessage: null,
    errorDetails: null,
    executionId: `execution-${task.id}`,
    id: task.id,
    lockExpirationTime: new Date(task.lockExpiresAt).toISOString(),
    processDefinitionId: 'process:1:1',
    processDefinitionKey: 'process',
    processDefinitionVersionTag: null,
    processInstanceId: task.processInstanceId,
    retries: task.retries,
    suspended: false,
    workerId: task.workerId,
    topicName: task.topicName,
    tenantId: null,
    priority: 0,
    businessKey: null,
    variables: pickVariables(task.variables, topic.variables),
    extensionProperties: topic.includeExtensionProperties ? task.extensionProperties : {}
  };
}

function pickVariables(variables: Record<string, TypedValueDto>, names: string[] | undefined): Record<string, TypedValueDto> {
  return names ? Object.fromEntries(Object.entries(variables).filter(([ name ]) => names.includes(name))) : variables;
}

/** How the engine starts its message for a report from a worker that does not hold the task. */
const WRONG_WORKER: Record<string, string> = {
  complete: 'External Task',
  failure: 'Failure of External Task',
  bpmnError: 'BPMN error of External Task',
  extendLock: 'The lock of the External Task'
};

/** The REST API's checks on submitted variables: known type (Json only with Spin), Json that parses. */
function checkTypes(variables: Record<string, TypedValueDto> | undefined, spin: boolean): string | null {
  for (const [ name, typed ] of Object.entries(variables ?? {})) {
    const type = String(typed.type).toLowerCase();

    if (!KNOWN_TYPES.has(type) || (type === 'json' && !spin)) {
      return `Unsupported value type '${typed.type}'`;
    }

    if (type === 'json') {
      try {
        JSON.parse(String(typed.value));
      } catch {
        return `Cannot deserialize Json variable ${name}`;
      }
    }
  }

  return null;
}

/** The first String over the database's column, by name. */
function longString(variables: Record<string, TypedValueDto> | undefined, limit: number): string | null {
  const found = Object.entries(variables ?? {}).find(([ , typed ]) => String(typed.type).toLowerCase() === 'string' && String(typed.value).length > limit);

  return found ? found[0] : null;
}

function basicHeader({ username, password }: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function send(response: ServerResponse, status: number, json?: unknown): void {
  if (json === undefined) {
    response.writeHead(status).end();

    return;
  }

  // Exactly `application/json`, as the engine sends it: the client parses no other spelling.
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
}

function readBody(request: IncomingMessage): Promise<any> {
  return new Promise(resolve => {
    const chunks: Buffer[] = [];

    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');

      try {
        resolve(text ? JSON.parse(text) : null);
      } catch {
        resolve(text);
      }
    });
  });
}
