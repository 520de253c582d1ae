import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';

import { startWorker } from '../../worker/worker';
import type { Worker } from '../../worker/worker';
import type { WorkerOptions } from '../../worker/options';
import { createNodeSecretStore } from '../../runtime/node';

import { startEngineServer } from './support/engine-server';
import type { EngineServer, NewEngineTask } from './support/engine-server';
import { chatAnswer, startLlmServer } from './support/llm-server';
import type { LlmReply, LlmRequest, LlmServer } from './support/llm-server';

const API_KEY = 'sk-test-0123456789abcdefghij';

/** What the loopback model answers; each test sets it. */
let reply: (request: LlmRequest) => LlmReply = () => ({ body: chatAnswer('Hello from the model') });

let engine: EngineServer;
let llm: LlmServer;
let worker: Worker | null = null;
let lines: string[] = [];

beforeAll(async () => {
  llm = await startLlmServer(request => reply(request));
});

afterAll(async () => {
  await llm.close();
});

afterEach(async () => {
  await worker?.stop();
  worker = null;
  await engine?.close();
  reply = () => ({ body: chatAnswer('Hello from the model') });
  llm.requests.length = 0;
});

async function start(options: Partial<WorkerOptions> = {}, engineOptions = {}): Promise<void> {
  engine = await startEngineServer(engineOptions);
  lines = [];
  worker = startWorker({
    engineUrl: engine.url,
    auth: { type: 'none' },
    workerId: 'worker-under-test',
    maxTasks: 5,
    lockDurationMs: 30_000,
    longPollMs: 200,
    pollIntervalMs: 20,
    engineRetries: 3,
    shutdownTimeoutMs: 5_000,
    ...options
  }, {
    secrets: createNodeSecretStore({ env: { TEST_API_KEY: API_KEY } }),
    write: line => lines.push(line)
  });
}

function catalystTask(properties: Record<string, string> = {}, init: NewEngineTask = {}): NewEngineTask {
  return {
    variables: { userMessage: { type: 'String', value: 'Say "hi"' } },
    ...init,
    extensionProperties: {
      'catalyst.provider': 'openai-compatible',
      'catalyst.url': llm.url,
      'catalyst.secretSource': 'env',
      'catalyst.secretName': 'test_api_key',
      'catalyst.payload': '{"model":"test-model","messages":[{"role":"user","content":"${userMessage}"}]}',
      'catalyst.responseMapping': '{"aiReply":"choices[0].message.content","totalTokens":"usage.total_tokens"}',
      'catalyst.retries': '0',
      ...properties
    }
  };
}

describe('worker/worker (real client library, loopback engine and model)', () => {

  it('subscribes to topic catalyst with extension properties and its worker id', async () => {

    // when
    await start();
    const fetch = await engine.waitForCall('fetchAndLock');

    // then
    expect(fetch.body).toMatchObject({
      workerId: 'worker-under-test',
      maxTasks: 5,
      asyncResponseTimeout: 200,
      topics: [ { topicName: 'catalyst', lockDuration: 30_000, includeExtensionProperties: true } ]
    });
  });

  it('completes a task with the mapped and standard variables', async () => {

    // given
    await start();

    // when
    const { id } = engine.addTask(catalystTask());
    const complete = await engine.waitForCall('complete', id);

    // then
    expect(complete.status).toBe(204);
    expect(complete.body.workerId).toBe('worker-under-test');
    expect(complete.body.variables).toMatchObject({
      aiReply: { type: 'string', value: 'Hello from the model' },
      totalTokens: { type: 'integer', value: 12 },
      catalyst_statusCode: { type: 'integer', value: 200 },
      catalyst_success: { type: 'boolean', value: true },
      catalyst_error: { type: 'null', value: null }
    });
    expect(llm.requests[0].body.messages[0].content).toBe('Say "hi"');
    expect(llm.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('sends an answer over 4,000 characters in a type the engine stores whole', async () => {

    // given
    const long = 'x'.repeat(6000);
    reply = () => ({ body: chatAnswer(long) });
    await start();

    // when
    const { id } = engine.addTask(catalystTask());
    const complete = await engine.waitForCall('complete', id);

    // then
    expect(complete.status).toBe(204);
    expect(complete.body.variables.aiReply.type).toBe('json');
    expect(JSON.parse(complete.body.variables.aiReply.value)).toBe(long);
    expect(complete.body.variables.catalyst_responseBody.type).toBe('json');
  });

  it('throws the mapped BPMN error with code, message and the standard variables', async () => {

    // given
    reply = () => ({ status: 401, body: { error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' } } });
    await start();

    // when
    const { id } = engine.addTask(catalystTask());
    const bpmnError = await engine.waitForCall('bpmnError', id);

    // then
    expect(bpmnError.status).toBe(204);
    expect(bpmnError.body.errorCode).toBe('AUTH_FAILED');
    expect(bpmnError.body.errorMessage).toMatch(/Invalid API key/);
    expect(bpmnError.body.variables).toMatchObject({
      catalyst_statusCode: { type: 'integer', value: 401 },
      catalyst_success: { type: 'boolean', value: false }
    });
  });

  it('fails with retries counting down to an incident, waiting as the provider asked', async () => {

    // given
    reply = () => ({ status: 503, headers: { 'Retry-After': '0' }, body: { error: { message: 'overloaded' } } });
    await start({ engineRetries: 2 });

    // when
    const task = engine.addTask(catalystTask());
    await expect.poll(() => task.state, { timeout: 10_000 }).toBe('incident');

    // then
    const failures = engine.callsTo('failure', task.id);
    expect(failures.map(call => call.body.retries)).toEqual([ 2, 1, 0 ]);
    expect(failures.map(call => call.body.retryTimeout)).toEqual([ 0, 0, 0 ]);
    expect(failures[0].body.errorMessage).toMatch(/503/);
    expect(failures[0].body.errorMessage).toMatch(/overloaded/);
    expect(llm.requests).toHaveLength(3);
  });

  it('extends the lock while a slow call runs, and the model is called once', async () => {

    // given
    reply = () => ({ delayMs: 2_600, body: chatAnswer('slow answer') });
    await start({ lockDurationMs: 1_000 });

    // when
    const { id } = engine.addTask(catalystTask());
    const complete = await engine.waitForCall('complete', id);

    // then
    const extensions = engine.callsTo('extendLock', id);
    expect(extensions.length).toBeGreaterThanOrEqual(2);
    expect(extensions.every(call => call.status === 204 && call.body.newDuration === 1_000)).toBe(true);
    expect(complete.status).toBe(204);
    expect(llm.requests).toHaveLength(1);
  });

  it('fails a badly configured task naming the property, and goes on with the next task', async () => {

    // given
    await start();

    // when
    const bad = engine.addTask(catalystTask({ 'catalyst.timeout': 'soon' }));
    const good = engine.addTask(catalystTask());
    const failure = await engine.waitForCall('failure', bad.id);
    const complete = await engine.waitForCall('complete', good.id);

    // then
    expect(failure.body.errorMessage).toMatch(/catalyst\.timeout/);
    expect(failure.body.retries).toBe(0);
    expect(bad.state).toBe('incident');
    expect(complete.status).toBe(204);
  });

  it('never writes the provider key or the engine password to the log or the engine', async () => {

    // given: a provider that echoes the key it received in its error page
    reply = request => ({ status: 500, body: { error: { message: `bad header ${request.headers.authorization}` } } });
    await start({ auth: { type: 'basic', username: 'demo', password: 'engine-password-42' }, engineRetries: 0 },
      { basicAuth: { username: 'demo', password: 'engine-password-42' } });

    // when
    const { id } = engine.addTask(catalystTask());
    const failure = await engine.waitForCall('failure', id);
    await worker!.stop();

    // then
    const written = lines.join('\n') + JSON.stringify(engine.calls.map(call => call.body));
    expect(failure.body.errorMessage).toMatch(/bad header Bearer \*\*\*/);
    expect(written).not.toContain(API_KEY);
    expect(written).not.toContain('engine-password-42');
    expect(lines.length).toBeGreaterThan(0);
  });

  it('logs structured lines for a task', async () => {

    // given
    await start();

    // when
    const { id } = engine.addTask(catalystTask());
    await engine.waitForCall('complete', id);
    await expect.poll(() => lines.map(line => JSON.parse(line).event)).toContain('task.done');

    // then
    const done = lines.map(line => JSON.parse(line)).find(entry => entry.event === 'task.done');
    expect(done).toMatchObject({ level: 'info', taskId: id, disposition: 'complete', activityId: 'AskModel' });
    expect(typeof done.time).toBe('string');
  });

  it('authenticates to the engine with basic auth', async () => {

    // given
    await start({ auth: { type: 'basic', username: 'demo', password: 'demo-pw' } }, { basicAuth: { username: 'demo', password: 'demo-pw' } });

    // when
    const { id } = engine.addTask(catalystTask());
    const complete = await engine.waitForCall('complete', id);

    // then
    expect(complete.status).toBe(204);
  });

  it('runs no more tasks at once than max tasks', async () => {

    // given
    let running = 0;
    let most = 0;
    reply = () => {
      most = Math.max(most, ++running);
      setTimeout(() => running--, 150);

      return { delayMs: 150, body: chatAnswer('ok') };
    };
    await start({ maxTasks: 2 });

    // when
    const ids = Array.from({ length: 6 }, () => engine.addTask(catalystTask()).id);
    await Promise.all(ids.map(id => engine.waitForCall('complete', id)));

    // then
    expect(most).toBeLessThanOrEqual(2);
    expect(engine.callsTo('complete')).toHaveLength(6);
  });

  it('backs off while the engine does not answer, logs it once, and recovers', async () => {

    // given
    await start({ pollIntervalMs: 10 });
    engine.unavailable = true;

    // when
    await new Promise(resolve => setTimeout(resolve, 1_200));
    const fetchesWhileDown = engine.callsTo('fetchAndLock').filter(call => call.status === 503).length;
    engine.unavailable = false;
    const { id } = engine.addTask(catalystTask());
    await engine.waitForCall('complete', id);

    // then
    const events = lines.map(line => JSON.parse(line).event);
    expect(fetchesWhileDown).toBeLessThanOrEqual(4);
    expect(events.filter(event => event === 'engine.fetch-failed')).toHaveLength(1);
    expect(events).toContain('engine.fetch-recovered');
  });

  describe('shutdown', () => {

    it('stops fetching and lets a running task finish', async () => {

      // given
      reply = () => ({ delayMs: 600, body: chatAnswer('finished') });
      await start();
      const { id } = engine.addTask(catalystTask());
      await expect.poll(() => llm.requests.length).toBe(1);

      // when
      await worker!.stop();
      const fetchesAtStop = engine.callsTo('fetchAndLock').length;
      await new Promise(resolve => setTimeout(resolve, 200));

      // then
      expect(engine.callsTo('complete', id)).toHaveLength(1);
      expect(engine.callsTo('fetchAndLock')).toHaveLength(fetchesAtStop);
    });

    it('releases a task still running when the shutdown timeout ends', async () => {

      // given
      reply = () => ({ delayMs: 10_000, body: chatAnswer('too late') });
      await start({ shutdownTimeoutMs: 200 });
      const task = engine.addTask(catalystTask());
      await expect.poll(() => llm.requests.length).toBe(1);

      // when
      const began = Date.now();
      await worker!.stop();

      // then
      expect(Date.now() - began).toBeLessThan(3_000);
      expect(engine.callsTo('unlock', task.id)).toHaveLength(1);
      expect(engine.callsTo('complete', task.id)).toHaveLength(0);
      expect(task.state).toBe('open');
    });

    it('waits for a long poll under way and releases what it brings', async () => {

      // given
      await start({ longPollMs: 2_000 });
      await engine.waitForCall('fetchAndLock');

      // when
      const stopped = worker!.stop();
      const task = engine.addTask(catalystTask());
      await stopped;

      // then
      expect(engine.callsTo('unlock', task.id)).toHaveLength(1);
      expect(llm.requests).toHaveLength(0);
      expect(task.state).toBe('open');
    });
  });
});
