/**
 * The part of camunda-external-task-client-js 3.1 the worker uses. The library ships
 * JavaScript only; these declarations follow its source (lib/Client.js, TaskService.js,
 * Variables.js, BasicAuthInterceptor.js).
 */
declare module 'camunda-external-task-client-js' {
  import { EventEmitter } from 'node:events';

  /** A variable as the engine's REST API writes it (`type` as sent, e.g. `String`, `json`). */
  export interface TypedValue {
    type: string;
    value: unknown;
    valueInfo?: Record<string, unknown>;
  }

  /** Request options handed to each interceptor before `got` sends them. */
  export interface RequestConfig {
    method?: string;
    headers?: Record<string, string>;

    /** The request body; a fetch's carries `topics`. */
    json?: unknown;
    [key: string]: unknown;
  }

  export type Interceptor = (config: RequestConfig) => RequestConfig;

  export class Variables {
    constructor(initialVariables?: Record<string, TypedValue>, options?: { readOnly?: boolean });
    getTyped(name: string): TypedValue | null;
    get(name: string): unknown;
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, TypedValue>;
    getDirtyVariables(): Record<string, TypedValue>;
    setTyped(name: string, typedValue: TypedValue): this;
    set(name: string, value: unknown): this;
    setAllTyped(typedValues: Record<string, TypedValue>): this;
  }

  /** A locked external task as the handler receives it (variables wrapped, read-only). */
  export interface Task {
    id: string;
    topicName: string;
    workerId: string;
    activityId?: string;
    activityInstanceId?: string;
    processInstanceId?: string;
    processDefinitionKey?: string;
    businessKey?: string | null;
    retries: number | null;
    extensionProperties?: Record<string, string>;
    variables: Variables;
    [key: string]: unknown;
  }

  export interface HandleFailureOptions {
    errorMessage?: string;
    errorDetails?: string;
    retries?: number;
    retryTimeout?: number;
  }

  /** What the task service reads of a task: only its id. */
  export type TaskRef = { id: string } | string;

  export class TaskService {
    complete(task: TaskRef, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: TaskRef, options: HandleFailureOptions): Promise<void>;
    handleBpmnError(task: TaskRef, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: TaskRef, newDuration: number): Promise<void>;
    unlock(task: TaskRef): Promise<void>;
  }

  export interface SubscribeOptions {
    lockDuration?: number;
    includeExtensionProperties?: boolean;
    variables?: string[];
    localVariables?: boolean;
  }

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
    use?: ((client: Client) => void) | Array<(client: Client) => void>;
  }

  export type Handler = (args: { task: Task; taskService: TaskService }) => Promise<void> | void;

  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    readonly activeTasksCount: number;
    start(): void;
    stop(): void;
    subscribe(topic: string, options: SubscribeOptions, handler: Handler): { unsubscribe(): void };
  }

  /** Its constructor returns the interceptor function itself. */
  export const BasicAuthInterceptor: new (options: { username: string; password: string }) => Interceptor;
}
