import { afterEach, describe, expect, it } from 'vitest';

import { createEngineClient, EngineError, fromRestVariables } from '../../worker/engine-client';
import type { EngineClient } from '../../worker/engine-client';
import { classifyEngineError, describeEngineError } from '../../worker/engine-errors';
import { createAgents } from '../../worker/http';
import type { HttpAgents } from '../../worker/http';

import { startEngineServer } from './support/engine-server';
import type { EngineServer } from './support/engine-server';

let engine: EngineServer | null = null;
let agents: HttpAgents | null = null;

afterEach(async () => {
  agents?.destroy();
  agents = null;
  await engine?.close();
  engine = null;
});

function clientFor(engineUrl: string, auth: Parameters<typeof createEngineClient>[0]['auth'] = { type: 'none' }): EngineClient {
  agents = createAgents();

  return createEngineClient({ engineUrl, workerId: 'worker-1', auth, agents, requestTimeoutMs: 5_000 });
}

const FETCH = { maxTasks: 10, topicName: 'catalyst', lockDurationMs: 30_000, asyncResponseTimeoutMs: 0 };

describe('worker/engine-client', () => {

  it('locks tasks of the topic with their extension properties and variables', async () => {

    // given
    engine = await startEngineServer();
    engine.addTask({ id: 'task-a', extensionProperties: { 'catalyst.provider': 'groq' }, variables: { userMessage: { type: 'String', value: 'Hi' } } });

    // when
    const tasks = await clientFor(engine.url).fetchAndLock(FETCH);

    // then
    expect(tasks).toEqual([ expect.objectContaining({
      id: 'task-a',
      workerId: 'worker-1',
      retries: null,
      extensionProperties: { 'catalyst.provider': 'groq' },
      variables: { userMessage: { type: 'String', value: 'Hi' } }
    }) ]);
    expect(engine.tasks.get('task-a')!.state).toBe('locked');
  });

  it('throws the engine\'s status, message, type and code for a refused report', async () => {

    // given
    engine = await startEngineServer();
    const client = clientFor(engine.url);
    engine.addTask();
    const [ task ] = await client.fetchAndLock(FETCH);
    engine.fail({ endpoint: 'complete', status: 500, body: { type: 'ProcessEnginePersistenceException', message: 'persistence', code: 10002 } });

    // when
    const error = await client.complete(task, {}).catch(caught => caught);

    // then
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ name: 'EngineError', httpStatusCode: 500, engineMsg: 'persistence', type: 'ProcessEnginePersistenceException', code: 10002 });
    expect(classifyEngineError(error).kind).toBe('too-long');
  });

  it('sends basic auth, and words a 401 without a body', async () => {

    // given
    engine = await startEngineServer({ basicAuth: { username: 'demo', password: 'right' } });

    // when
    const refused = await clientFor(engine.url, { type: 'basic', username: 'demo', password: 'wrong' }).fetchAndLock(FETCH).catch(caught => caught);
    const accepted = await clientFor(engine.url, { type: 'basic', username: 'demo', password: 'right' }).fetchAndLock(FETCH);

    // then
    expect(describeEngineError(refused)).toMatch(/refused the worker's credentials \(HTTP 401\)/);
    expect(accepted).toEqual([]);
  });

  it('cancels a fetch waiting at the engine', async () => {

    // given a long poll of 20 s
    engine = await startEngineServer();
    const cancel = new AbortController();
    const fetching = clientFor(engine.url).fetchAndLock({ ...FETCH, asyncResponseTimeoutMs: 20_000 }, cancel.signal).catch(caught => caught);
    await engine.waitForCall('fetchAndLock').catch(() => undefined);
    const began = Date.now();

    // when
    cancel.abort();

    // then
    expect(await fetching).toBeInstanceOf(Error);
    expect(Date.now() - began).toBeLessThan(1_000);
  });

  it('names the network error when the engine does not answer', async () => {

    // given an engine that was there and is gone
    engine = await startEngineServer();
    const { url } = engine;
    await engine.close();
    engine = null;

    // when
    const error = await clientFor(url).fetchAndLock(FETCH).catch(caught => caught);

    // then
    expect(classifyEngineError(error).kind).toBe('transient');
    expect(describeEngineError(error)).toMatch(/^the engine did not answer \(.*ECONNREFUSED/);
  });

  it('reads Json variables as values and Date variables as dates', () => {

    // when
    const typed = fromRestVariables({
      order: { type: 'Json', value: '{"id":7}' },
      due: { type: 'Date', value: '2026-01-02T03:04:05.000+0000' },
      note: { type: 'String', value: 'hi' }
    });

    // then
    expect(typed.order).toEqual({ type: 'json', value: { id: 7 } });
    expect((typed.due.value as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(typed.note).toEqual({ type: 'string', value: 'hi' });
  });
});
