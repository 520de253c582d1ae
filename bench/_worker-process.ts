/**
 * One worker process for bench/worker.ts: the real worker (runWorkerUntilSignal, as
 * `catalyst worker` runs it, logging to stdout) against the bench's engine and model, with a
 * fixed key instead of a secrets file. Reports its CPU time over IPC when asked, so the
 * bench can bill CPU per task without the process's start-up.
 */
import { runWorkerUntilSignal, WORKER_DEFAULTS } from '../worker';
import type { SecretStore } from '../runtime/types';

const secrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async () => 'sk-bench-0123456789abcdef'
};

const cpuMs = () => {
  const used = process.cpuUsage();

  return (used.user + used.system) / 1000;
};

process.on('message', message => {
  if (message === 'cpu') {
    process.send?.({ cpuMs: cpuMs() });
  }
});

void runWorkerUntilSignal({
  ...WORKER_DEFAULTS,
  engineUrl: process.env.BENCH_ENGINE_URL!,
  auth: { type: 'none' },
  workerId: `bench-${process.pid}`,
  maxTasks: Number(process.env.BENCH_MAX_TASKS)
}, { secrets }).then(() => process.exit(0));

process.send?.({ ready: true, cpuMs: cpuMs() });
