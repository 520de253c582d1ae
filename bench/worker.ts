/**
 * Worker throughput and overhead, against a loopback engine (the test's REST fake) and a
 * loopback chat-completions server, with the runtime alone as the baseline in the same run:
 *
 *  1. throughput: tasks per second with 50 tasks at once, runtime alone vs the whole
 *     worker (fetchAndLock, handler, complete through the real client library);
 *  2. overhead: what the worker's handler adds per task to the runtime (configuration,
 *     variable conversion, typing, lock timer, log line), measured one task at a time with
 *     the engine calls stubbed, so the figure is the worker's own cost. Target: < 2 ms.
 *
 * The worker runs with its default settings (poll interval, long poll) but 50 tasks at once.
 */
import { Variables } from 'camunda-external-task-client-js';

import { readTaskConfig } from '../runtime/config';
import { executeTask } from '../runtime/execute';
import type { ExecuteOptions, SecretStore, TaskConfig } from '../runtime/types';
import { createLogger, createSecretRedactor, handleTask, startWorker, WORKER_DEFAULTS } from '../worker';
import type { TaskReporter } from '../worker';
import { startEngineServer } from '../test/worker/support/engine-server';
import { completion, json, startFaultServer } from '../test/support/fault-server';
import type { FaultServer } from '../test/support/fault-server';

const CONCURRENCY = 50;
const THROUGHPUT_TASKS = 500;

// Baseline and worker take turns, and the median round counts: on a shared machine one
// round alone says more about the neighbours than about the worker.
const ROUNDS = 3;
const OVERHEAD_TASKS = 400;
const OVERHEAD_TARGET_MS = 2;

const secrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async () => 'sk-bench-0123456789abcdef'
};

let llm: FaultServer;

// The loopback model's URL is known once it listens; everything reads it through here.
const properties = {
  'catalyst.provider': 'openai-compatible',
  'catalyst.url': '',
  'catalyst.secretSource': 'env',
  'catalyst.secretName': 'bench_api_key',
  'catalyst.payload': '{"model":"bench","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"${userMessage}"}]}',
  'catalyst.retries': '0'
};
const typedVariables = {
  userMessage: { type: 'String', value: 'Summarise the order "A-17" in one line.' },
  orderId: { type: 'Integer', value: 17 },
  order: { type: 'Json', value: '{"items":[{"sku":"X","qty":2}],"total":12.5}' }
};
const plainVariables = { userMessage: typedVariables.userMessage.value, orderId: 17, order: { items: [ { sku: 'X', qty: 2 } ], total: 12.5 } };

async function runtimeThroughput(): Promise<number> {
  const config = readTaskConfig(properties);
  let next = 0;
  const began = performance.now();

  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < THROUGHPUT_TASKS) {
      const result = await executeTask(config, { variables: plainVariables, secrets });

      if (result.outcome !== 'complete') {
        throw new Error(`runtime baseline: ${result.error}`);
      }
    }
  }));

  return THROUGHPUT_TASKS / ((performance.now() - began) / 1000);
}

async function workerThroughput(): Promise<number> {
  const engine = await startEngineServer();
  const worker = startWorker({
    engineUrl: engine.url,
    auth: { type: 'none' },
    workerId: 'bench',
    ...WORKER_DEFAULTS,
    maxTasks: CONCURRENCY
  }, { secrets, write: () => {} });

  const began = performance.now();

  for (let index = 0; index < THROUGHPUT_TASKS; index++) {
    engine.addTask({ variables: structuredClone(typedVariables), extensionProperties: properties });
  }

  while (engine.callsTo('complete').length < THROUGHPUT_TASKS) {
    if (engine.callsTo('failure').length) {
      throw new Error(`worker run: ${engine.callsTo('failure')[0].body.errorMessage}`);
    }

    await new Promise(resolve => setTimeout(resolve, 5));
  }

  const perSecond = THROUGHPUT_TASKS / ((performance.now() - began) / 1000);

  // Nothing is left to finish; abort rather than wait out the idle long poll.
  worker.abort();
  await worker.stop();
  await engine.close();

  return perSecond;
}

/**
 * ms per task, one task at a time: the runtime's share (timed around executeTask inside the
 * handler) and the handler's total, for the same tasks, so their difference is exactly what
 * the worker adds and no run-to-run noise lands in it.
 */
async function overhead(): Promise<{ runtimeMs: number; workerMs: number }> {
  const noop = async () => {};
  const reporter: TaskReporter = { complete: noop, handleFailure: noop, handleBpmnError: noop, extendLock: noop, unlock: noop };
  const redactor = createSecretRedactor();
  let runtimeTotal = 0;
  const context = {
    secrets,
    redactor,
    log: createLogger({ redactor, write: () => {} }),
    lockDurationMs: 60_000,
    engineRetries: 3,

    // As the real worker: each distinct payload is linted once, not on every task.
    lintedPayloads: new Set<string>(),
    async execute(config: TaskConfig, options: ExecuteOptions) {
      const began = performance.now();

      try {
        return await executeTask(config, options);
      } finally {
        runtimeTotal += performance.now() - began;
      }
    }
  };
  let workerTotal = 0;

  for (let index = 0; index < OVERHEAD_TASKS; index++) {
    const task = {
      id: `t${index}`,
      retries: null,
      processInstanceId: 'p',
      activityId: 'a',
      extensionProperties: properties,
      variables: new Variables(structuredClone(typedVariables), { readOnly: true })
    };

    const began = performance.now();
    const disposition = await handleTask(task, reporter, context);
    workerTotal += performance.now() - began;

    if (disposition !== 'complete') {
      throw new Error(`overhead run: task ended as ${disposition}`);
    }
  }

  return { runtimeMs: runtimeTotal / OVERHEAD_TASKS, workerMs: workerTotal / OVERHEAD_TASKS };
}

function median<T>(items: T[], key: (item: T) => number): T {
  return [ ...items ].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}

async function main(): Promise<void> {
  llm = await startFaultServer();
  properties['catalyst.url'] = llm.route('/v1/chat/completions', json(200, completion('A short answer from the loopback model.')));

  // Warm both paths once so JIT compilation is not charged to either side.
  await overhead();

  const rounds: Array<{ runtime: number; worker: number }> = [];

  for (let round = 0; round < ROUNDS; round++) {
    rounds.push({ runtime: await runtimeThroughput(), worker: await workerThroughput() });
  }

  const { runtime: runtimePerSecond, worker: workerPerSecond } = median(rounds, each => each.worker / each.runtime);
  const { runtimeMs, workerMs } = await overhead();
  const overheadMs = workerMs - runtimeMs;

  await llm.stop();

  console.log(`throughput, ${CONCURRENCY} tasks at once, ${THROUGHPUT_TASKS} tasks, loopback engine and model (median of ${ROUNDS} rounds):`);
  console.log(`  runtime alone (baseline)  ${runtimePerSecond.toFixed(0)} tasks/s`);
  console.log(`  worker                    ${workerPerSecond.toFixed(0)} tasks/s  (${(workerPerSecond / runtimePerSecond).toFixed(2)}x baseline)`);
  console.log(`  wall time per task added  ${(1000 / workerPerSecond - 1000 / runtimePerSecond).toFixed(3)} ms  (engine round trips included)`);
  console.log(`overhead per task, one at a time, ${OVERHEAD_TASKS} tasks, engine calls stubbed:`);
  console.log(`  runtime alone (baseline)  ${runtimeMs.toFixed(3)} ms`);
  console.log(`  worker handler            ${workerMs.toFixed(3)} ms  (${(workerMs / runtimeMs).toFixed(2)}x baseline)`);
  console.log(`  worker overhead           ${overheadMs.toFixed(3)} ms  (target < ${OVERHEAD_TARGET_MS} ms: ${overheadMs < OVERHEAD_TARGET_MS ? 'met' : 'NOT met'})`);
}

// tsx runs this file as CommonJS, where a top-level await is not allowed.
main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
