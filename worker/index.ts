/**
 * The production worker: Camunda 7 / Operaton external tasks on topic `catalyst`, run by
 * the shared runtime. `catalyst worker` starts it.
 */
export { startWorker, CATALYST_TOPIC } from './worker';
export type { Worker, WorkerDependencies } from './worker';
export { runWorkerUntilSignal } from './run';
export { parseWorkerOptions, readWorkerOptions, WORKER_OPTION_SPEC, WORKER_USAGE, WORKER_DEFAULTS, WORKER_OPTION_INVALID, DEFAULT_ENGINE_URL } from './options';
export type { WorkerOptions, EngineAuth } from './options';
export { handleTask, nextRetries, engineRetryTimeout } from './handler';
export type { TaskDisposition, TaskReporter, TaskInput, TaskHandlerContext } from './handler';
export { fromEngineVariables, toEngineVariables, STRING_VARIABLE_LIMIT, LONG_VALUE_POLICIES, DEFAULT_STRING_RULE, LongValueError } from './variables';
export type { StringRule, LongValuePolicy } from './variables';
export { DEFAULT_RETRY_TIMEOUTS } from './report';
export type { RetryTimeouts, ReportTiming } from './report';
export { classifyEngineError, describeEngineError } from './engine-errors';
export { createEngineClient, EngineError, fromRestVariables, toRestVariables } from './engine-client';
export type { EngineClient, LockedTask, TypedValue } from './engine-client';
export { createAgents, createKeepAliveFetch } from './http';
export type { EngineRefusal, EngineRefusalKind } from './engine-errors';
export { startLockExtension } from './lock';
export { logTaskLint, LINTED_CAPACITY } from './lint-log';
export { createLogger, createSecretRedactor, REDACTOR_CAPACITY } from './log';
export type { Logger, SecretRedactor } from './log';
