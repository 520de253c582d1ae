/**
 * Worker throughput against its ceiling, and CPU per task. The engine (the tests' REST fake)
 * and a chat-completions server that answers after a fixed provider latency run in this
 * process; the workers are separate processes (bench/_worker-process.ts, the real worker
 * logging to stdout), so their CPU is theirs alone.
 *
 * K processes with `--max-tasks` M can finish at most K×M tasks per provider latency: the
 * ceiling. After a warm-up (WARMUP_TASKS_PER_PROCESS, unmeasured), 2,000 tasks appear at once;
 * throughput is tasks ÷ time from their appearance to the last completion. Targets: ≥ 70% of the ceiling, ≤ 1.5 ms of worker CPU per task (engine and
 * provider round trips included). Each setting runs ROUNDS times (medians). Then an idle
 * worker gets SIGTERM: how long it takes to stop, and whether it logged `worker.releasing`.
 *
 * BENCH_WORKER_PROFILE=<dir> writes each worker process's CPU profile of each round there
 * (bench/_worker-process.ts); BENCH_WORKER_ROUNDS=<n> changes the number of rounds.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { startEngineServer } from '../test/worker/support/engine-server';
import { median, target } from './_measure';

const TASKS = 2_000;
const LATENCY_MS = 200;

// Several rounds, medians: on a shared machine one round can land on someone else's burst.
// BENCH_WORKER_ROUNDS changes the count (e.g. 1 for a quick look); the targets stay.
const ROUNDS = Number(process.env.BENCH_WORKER_ROUNDS ?? 3);

// Each round first runs this many tasks per worker process unmeasured: a long-running worker
// has its code compiled (JIT) and its connections open; a fresh process would bill that
// start-up to the first tasks.
const WARMUP_TASKS_PER_PROCESS = 300;
const SETTINGS = [ { processes: 1, maxTasks: 200 }, { processes: 2, maxTasks: 100 } ];
const SHARE_TARGET = 70;
const CPU_TARGET_MS = 1.5;

const ANSWER = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1700000000, model: 'bench',
  choices: [ { index: 0, message: { role: 'assistant', content: 'A short answer from the loopback model.' }, finish_reason: 'stop' } ],
  usage: { prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 }
});

const typedVariables = {
  userMessage: { type: 'String', value: 'Summarise the order "A-17" in one line.' },
  orderId: { type: 'Integer', value: 17 },
  order: { type: 'Json', value: '{"items":[{"sku":"X","qty":2}],"total":12.5}' }
};

interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  startCpuMs: number;
}

async function startModel(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => setTimeout(() => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(ANSWER) });
      response.end(ANSWER);
    }, LATENCY_MS));
  });

  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    close: () => new Promise(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    })
  };
}

async function startWorkerProcess(engineUrl: string, maxTasks: number): Promise<WorkerProcess> {
  const child = fork(path.join(import.meta.dirname, '_worker-process.ts'), [], {
    execArgv: [ '--import', 'tsx' ],
    env: { ...process.env, BENCH_ENGINE_URL: engineUrl, BENCH_MAX_TASKS: String(maxTasks) },
    stdio: [ 'ignore', 'pipe', 'inherit', 'ipc' ]
  });
  const output: string[] = [];

  child.stdout!.setEncoding('utf8').on('data', (text: string) => output.push(text));

  const startCpuMs = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { cpuMs: number }) => resolve(message.cpuMs));
    child.once('exit', code => reject(new Error(`worker process exited with ${code}`)));
  });

  return { child, output, startCpuMs };
}

function cpuOf(worker: WorkerProcess): Promise<number> {
  return new Promise(resolve => {
    worker.child.once('message', (message: { cpuMs: number }) => resolve(message.cpuMs));
    worker.child.send('cpu');
  });
}

/** Milliseconds from SIGTERM to the process's exit. */
function stopWorkerProcess(worker: WorkerProcess): Promise<number> {
  const began = performance.now();

  return new Promise(resolve => {
    worker.child.once('exit', () => resolve(performance.now() - began));
    worker.child.kill('SIGTERM');
  });
}

async function round(modelUrl: string, processes: number, maxTasks: number): Promise<{ tasksPerSecond: number; cpuMsPerTask: number; fetches: number; connections: number }> {
  const engine = await startEngineServer();
  const workers = await Promise.all(Array.from({ length: processes }, () => startWorkerProcess(engine.url, maxTasks)));
  const properties = {
    'catalyst.provider': 'openai-compatible',
    'catalyst.url': modelUrl,
    'catalyst.secretSource': 'env',
    'catalyst.secretName': 'bench_api_key',
    'catalyst.payload': '{"model":"bench","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"${userMessage}"}]}',
    'catalyst.responseMapping': '{"aiReply":"choices[0].message.content"}',
    'catalyst.retries': '0'
  };

  try {
    for (let index = 0; index < WARMUP_TASKS_PER_PROCESS * processes; index++) {
      engine.addTask({ variables: structuredClone(typedVariables), extensionProperties: properties });
    }

    while (engine.callsTo('complete').length < WARMUP_TASKS_PER_PROCESS * processes) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }

    const warmupCalls = engine.calls.length;
    const cpuBefore = await Promise.all(workers.map(cpuOf));
    const began = Date.now();

    for (let index = 0; index < TASKS; index++) {
      engine.addTask({ variables: structuredClone(typedVariables), extensionProperties: properties });
    }

    // Reads each recorded call once: filtering all of them every few milliseconds would cost
    // this process (the engine's and the model's) CPU that grows with the run.
    let scanned = warmupCalls;
    let completes = 0;
    let lastCompleteAt = began;

    while (completes < TASKS) {
      for (; scanned < engine.calls.length; scanned++) {
        const call = engine.calls[scanned];

        if (call.endpoint === 'failure') {
          throw new Error(`worker run: ${call.body.errorMessage}`);
        }

        if (call.endpoint === 'complete') {
          completes++;
          lastCompleteAt = call.at;
        }
      }

      await new Promise(resolve => setTimeout(resolve, 5));
    }

    const seconds = (lastCompleteAt - began) / 1000;
    const cpuAfter = await Promise.all(workers.map(cpuOf));
    const cpuMs = cpuAfter.reduce((sum, after, index) => sum + after - cpuBefore[index], 0);
    const completions = engine.calls.slice(warmupCalls).filter(call => call.endpoint === 'complete');
    const completed = new Set(completions.map(call => call.taskId));

    if (completed.size !== TASKS || completions.length !== TASKS) {
      throw new Error(`exactly once: ${completions.length} completions for ${completed.size} of ${TASKS} tasks`);
    }

    return { tasksPerSecond: TASKS / seconds, cpuMsPerTask: cpuMs / TASKS, fetches: engine.calls.slice(warmupCalls).filter(call => call.endpoint === 'fetchAndLock').length, connections: new Set(engine.calls.map(call => call.remotePort)).size };
  } finally {
    await Promise.all(workers.map(stopWorkerProcess));
    await engine.close();
  }
}

async function main(): Promise<void> {
  const model = await startModel();

  try {
    console.log(`worker: ${TASKS.toLocaleString('en-US')} tasks appear at once after a warm-up of ${WARMUP_TASKS_PER_PROCESS} a process, provider latency ${LATENCY_MS} ms, engine fake and model in the bench process, workers in their own; ${ROUNDS} round(s) a setting, median`);

    for (const { processes, maxTasks } of SETTINGS) {
      const rounds = [];

      for (let index = 0; index < ROUNDS; index++) {
        rounds.push(await round(model.url, processes, maxTasks));
      }

      const ceiling = processes * maxTasks / (LATENCY_MS / 1000);
      const tasksPerSecond = median(rounds.map(each => each.tasksPerSecond));
      const cpuMsPerTask = median(rounds.map(each => each.cpuMsPerTask));
      const setting = `${processes} process${processes > 1 ? 'es' : ''} × --max-tasks ${maxTasks}`;

      console.log(`  ${setting}: ${tasksPerSecond.toFixed(0)} tasks/s of a ${ceiling.toFixed(0)} tasks/s ceiling; CPU ${cpuMsPerTask.toFixed(2)} ms a task (rounds: ${rounds.map(each => `${each.tasksPerSecond.toFixed(0)}/s ${each.cpuMsPerTask.toFixed(2)} ms ${each.fetches} fetches ${each.connections} engine connections`).join(', ')})`);

      target({
        bench: 'worker',
        measure: `worker throughput, ${setting}, share of the K×M/latency ceiling`,
        value: tasksPerSecond / ceiling * 100,
        unit: '%',
        kind: 'min',
        limit: SHARE_TARGET,
        detail: `${tasksPerSecond.toFixed(0)} of ${ceiling.toFixed(0)} tasks/s, ${TASKS.toLocaleString('en-US')} tasks, latency ${LATENCY_MS} ms, median of ${ROUNDS}`
      });
      target({
        bench: 'worker',
        measure: `worker CPU per task, ${setting}`,
        value: cpuMsPerTask,
        unit: 'ms',
        kind: 'max',
        limit: CPU_TARGET_MS,
        detail: 'engine and provider round trips included, the worker processes\' CPU time ÷ tasks'
      });
    }

    await idleStop();
  } finally {
    await model.close();
  }
}

/** An idle worker (its fetch waiting at the engine in a long poll) gets SIGTERM. */
async function idleStop(): Promise<void> {
  const engine = await startEngineServer();
  const worker = await startWorkerProcess(engine.url, 10);

  try {
    await engine.waitForCall('fetchAndLock');
    await new Promise(resolve => setTimeout(resolve, 100));

    const stopMs = await stopWorkerProcess(worker);
    const releasing = worker.output.join('').includes('worker.releasing');

    console.log(`  idle worker, SIGTERM during its long poll: exited after ${stopMs.toFixed(0)} ms; ${releasing ? 'logged worker.releasing' : 'no worker.releasing warning'}`);
  } finally {
    await engine.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
