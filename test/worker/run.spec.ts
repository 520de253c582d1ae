import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

import { runWorkerUntilSignal } from '../../worker/run';
import type { WorkerOptions } from '../../worker/options';

import { startEngineServer } from './support/engine-server';
import type { EngineServer } from './support/engine-server';

let engine: EngineServer;

afterEach(async () => {
  await engine.close();
});

function options(overrides: Partial<WorkerOptions>): WorkerOptions {
  return {
    engineUrl: engine.url,
    auth: { type: 'none' },
    workerId: 'signal-test',
    maxTasks: 2,
    lockDurationMs: 30_000,
    longPollMs: 5_000,
    pollIntervalMs: 10,
    engineRetries: 3,
    shutdownTimeoutMs: 30_000,
    ...overrides
  };
}

/** An idle worker, its long poll waiting at the engine, listening to `signals`. */
async function idleWorker(longPollMs: number) {
  engine = await startEngineServer();
  const signals = new EventEmitter();
  const done = runWorkerUntilSignal(options({ longPollMs }), { write: () => {} }, signals);
  await engine.waitForCall('fetchAndLock');

  return { signals, done };
}

describe('worker/run', () => {

  it('drains on SIGTERM: an idle worker stops without waiting out its long poll, then resolves', async () => {

    // given
    const { signals, done } = await idleWorker(20_000);

    // when
    const began = Date.now();
    signals.emit('SIGTERM');
    await done;

    // then
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('stops at once on a second signal, without waiting for the long poll', async () => {

    // given
    const { signals, done } = await idleWorker(20_000);

    // when
    const began = Date.now();
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    await done;

    // then
    expect(Date.now() - began).toBeLessThan(2_000);
  });
});
