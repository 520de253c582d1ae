/**
 * One worker process for bench/worker.ts: the real worker (runWorkerUntilSignal, as
 * `catalyst worker` runs it, logging to stdout) against the bench's engine and model, with a
 * fixed key instead of a secrets file. Reports its CPU time over IPC when asked, so the
 * bench can bill CPU per task without the process's start-up. With BENCH_WORKER_PROFILE set
 * to a directory, it records a CPU profile of exactly that window (from the first CPU
 * reading to the next) and writes it there, for Chrome DevTools or `node --cpu-prof` tools.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

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

const profileDir = process.env.BENCH_WORKER_PROFILE;
let profiler: Session | null = null;
let readings = 0;

process.on('message', async message => {
  if (message !== 'cpu') {
    return;
  }

  if (profileDir) {
    await profile(readings++ % 2 === 0);
  }

  process.send?.({ cpuMs: cpuMs() });
});

/** Starts a profile (`start`) or writes the one under way. */
async function profile(start: boolean): Promise<void> {
  if (start) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');

    return;
  }

  const { profile: recorded } = await profiler!.post('Profiler.stop');
  writeFileSync(path.join(profileDir!, `worker-${process.pid}-${readings}.cpuprofile`), JSON.stringify(recorded));
  profiler!.disconnect();
}

void runWorkerUntilSignal({
  ...WORKER_DEFAULTS,
  engineUrl: process.env.BENCH_ENGINE_URL!,
  auth: { type: 'none' },
  workerId: `bench-${process.pid}`,
  maxTasks: Number(process.env.BENCH_MAX_TASKS)
}, { secrets }).then(() => process.exit(0));

process.send?.({ ready: true, cpuMs: cpuMs() });
