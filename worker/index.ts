/**
 * The production worker: Camunda 7 / Operaton external tasks on topic `catalyst`, run by
 * the shared runtime. `catalyst worker` starts it.
 */
export { runWorkerUntilSignal } from './run';
export { readWorkerOptions, WORKER_OPTION_SPEC, WORKER_USAGE, WORKER_DEFAULTS, WORKER_OPTION_INVALID } from './options';
export type { WorkerOptions } from './options';
