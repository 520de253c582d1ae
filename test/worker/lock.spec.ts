import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { startLockExtension } from '../../worker/lock';

describe('worker/lock', () => {

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('extends the lock by its full duration every half duration', async () => {

    // given
    const extend = vi.fn(async (_ms: number) => {});
    const lock = startLockExtension({ lockDurationMs: 10_000, extend });

    // when
    await vi.advanceTimersByTimeAsync(4_999);
    const before = extend.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_001);

    // then
    expect(before).toBe(0);
    expect(extend.mock.calls).toEqual([ [ 10_000 ], [ 10_000 ], [ 10_000 ] ]);

    lock.stop();
  });

  it('stops extending once stopped', async () => {

    // given
    const extend = vi.fn(async (_ms: number) => {});
    const lock = startLockExtension({ lockDurationMs: 1_000, extend });
    await vi.advanceTimersByTimeAsync(500);

    // when
    lock.stop();
    await vi.advanceTimersByTimeAsync(5_000);

    // then
    expect(extend).toHaveBeenCalledTimes(1);
  });

  it('does not send a second extension while the first is still on its way', async () => {

    // given
    const extend = vi.fn((_ms: number) => new Promise<void>(() => {}));
    const lock = startLockExtension({ lockDurationMs: 1_000, extend });

    // when
    await vi.advanceTimersByTimeAsync(3_000);

    // then
    expect(extend).toHaveBeenCalledTimes(1);

    lock.stop();
  });

  it('reports a lock the engine no longer grants as lost', async () => {

    // given
    const onError = vi.fn();
    const gone = Object.assign(new Error('Response code 404'), { httpStatusCode: 404 });
    const lock = startLockExtension({ lockDurationMs: 1_000, extend: () => Promise.reject(gone), onError });

    // when
    await vi.advanceTimersByTimeAsync(500);

    // then
    expect(onError).toHaveBeenCalledWith(gone, true);

    lock.stop();
  });

  it('reports a network error as not lost, so the call goes on', async () => {

    // given
    const onError = vi.fn();
    const lock = startLockExtension({ lockDurationMs: 1_000, extend: () => Promise.reject(new Error('ECONNREFUSED')), onError });

    // when
    await vi.advanceTimersByTimeAsync(500);

    // then
    expect(onError).toHaveBeenCalledWith(expect.any(Error), false);

    lock.stop();
  });
});
