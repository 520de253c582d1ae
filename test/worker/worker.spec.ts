import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';

import type { Worker } from '../../worker/worker';
import type { WorkerOptions } from '../../worker/options';

import { startEngineServer } from './support/engine-server';
import { startTestWorker } from './support/test-worker';
import type { EngineServer, NewEngineTask } from './support/engine-server';
import { completion, delayed, json, startFaultServer } from '../support/fault-server';
import type { Behaviour, FaultServer } from '../support/fault-server';

const API_KEY = 'sk-test-0123456789abcdefghij';

const CHAT_PATH = '/v1/chat/completions';
const HELLO = json(200, completion('Hello from the model'));

let engine: EngineServer;
let llm: FaultServer;
let chatUrl: string;
let worker: Worker | null = null;
let lines: string[] = [];

beforeAll(async () => {
  llm = await startFaultServer();
  model(HELLO);
});

afterAll(async () => {
  await llm.stop();
});

afterEach(async () => {
  await worker?.stop();
  worker = null;
  await engine?.close();
  llm.requests.length = 0;
  model(HELLO);
});

/** What the loopback model does with each chat request. */
function model(behaviour: Behaviour): void {
  chatUrl = llm.route(CHAT_PATH, behaviour);
}

function chatRequests() {
  return llm.requestsTo(CHAT_PATH);
}

async function start(options: Partial<WorkerOptions> = {}, engineOptions = {}): Promise<void> {
  engine = await startEngineServer(engineOptions);
  ({ worker, lines } = startTestWorker(engine.url, { ...options, apiKey: API_KEY }));
}

function catalystTask(properties: Record<string, string> = {}, init: NewEngineTask = {}): NewEngineTask {
  return {
    variables: { userMessage: { type: 'String', value: 'Say "hi"' } },
    ...init,
    extensionProperties: {
      'catalyst.provider': 'openai-compatible',
      'catalyst.url': chatUrl,
      'catalyst.secretSource': 'env',
      'catalyst.secretName': 'test_api_key',
      'catalyst.payload': '{"model":"test-model","messages":[{"role":"user","content":"${userMessage}"}]}',
      'catalyst.responseMapping': '{"aiReply":"choices[0].message.content","totalTokens":"usage.total_tokens"}',
      'catalyst.retries': '0',
      ...properties
    }
  };
}

describe('worker/worker (loopback engine and model)', () => {

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
      totalTokens: { type: 'integer', value: 19 },
      catalyst_statusCode: { type: 'integer', value: 200 },
      catalyst_success: { type: 'boolean', value: true },
      catalyst_error: { type: 'null', value: null }
    });
    expect(JSON.parse(chatRequests()[0].body).messages[0].content).toBe('Say "hi"');
    expect(chatRequests()[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('sends an answer over 4,000 characters in a type the engine stores whole', async () => {

    // given
    const long = 'x'.repeat(6000);
    model(json(200, completion(long)));
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
    model(json(401, { error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' } }));
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
    model(json(503, { error: { message: 'overloaded' } }, { 'Retry-After': '0' }));
    await start({ engineRetries: 2, retryTimeouts: { baseMs: 0, maxMs: 0 } });

    // when
    const task = engine.addTask(catalystTask());
    await expect.poll(() => task.state, { timeout: 10_000 }).toBe('incident');

    // then
    const failures = engine.callsTo('failure', task.id);
    expect(failures.map(call => call.body.retries)).toEqual([ 2, 1, 0 ]);
    expect(failures.map(call => call.body.retryTimeout)).toEqual([ 0, 0, 0 ]);
    expect(failures[0].body.errorMessage).toMatch(/503/);
    expect(failures[0].body.errorMessage).toMatch(/overloaded/);
    expect(chatRequests()).toHaveLength(3);
  });

  it('runs the engine\'s retry at once when the engine hands the task back before the failure is answered', async () => {

    // given: a model that is overloaded and asks for no wait, no wait before the engine's
    // retry either, a fetch waiting at the engine meanwhile (a long poll), and an engine whose
    // answer to the failure comes after it handed the task to that fetch again
    model(json(503, { error: { message: 'overloaded' } }, { 'Retry-After': '0' }));
    await start({ engineRetries: 2, retryTimeouts: { baseMs: 0, maxMs: 0 }, longPollMs: 10_000 });
    const answerFailures = engine.holdAnswers('failure');

    // when
    const task = engine.addTask(catalystTask());
    await expect.poll(() => lines.filter(line => JSON.parse(line).event === 'task.handed-back').length).toBe(1);
    answerFailures();

    // then: every retry ran at once, none waited for a lock to run out
    await expect.poll(() => task.state, { timeout: 10_000 }).toBe('incident');
    expect(engine.callsTo('failure', task.id).map(call => call.body.retries)).toEqual([ 2, 1, 0 ]);
    expect(chatRequests()).toHaveLength(3);
  });

  it('extends the lock while a slow call runs, and the model is called once', async () => {

    // given
    model(delayed(2_600, json(200, completion('slow answer'))));
    await start({ lockDurationMs: 1_000 });

    // when
    const { id } = engine.addTask(catalystTask());
    const complete = await engine.waitForCall('complete', id);

    // then
    const extensions = engine.callsTo('extendLock', id);
    expect(extensions.length).toBeGreaterThanOrEqual(2);
    expect(extensions.every(call => call.status === 204 && call.body.newDuration === 1_000)).toBe(true);
    expect(complete.status).toBe(204);
    expect(chatRequests()).toHaveLength(1);
  });

  it('does not follow a redirect to another host with the key', async () => {

    // given a provider that redirects to another host
    model((request, response) => {
      request.resume();
      response.writeHead(307, { Location: 'http://collector.example/v1/chat/completions' }).end();
    });
    await start({ engineRetries: 0 });

    // when
    const { id } = engine.addTask(catalystTask());
    const failure = await engine.waitForCall('failure', id);

    // then
    expect(failure.body.errorMessage).toMatch(/HTTP 307 to another host; not followed with your key/);
    expect(chatRequests()).toHaveLength(1);
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
    expect(failure.body.retries).toBe(3);
    expect(complete.status).toBe(204);
  });

  it('never writes the provider key or the engine password to the log or the engine', async () => {

    // given: a provider that echoes the key it received in its error page
    model((request, response, index) => json(500, { error: { message: `bad header ${request.headers.authorization}` } })(request, response, index));
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
    const answer = delayed(150, json(200, completion('ok')));
    model(async (request, response, index) => {
      most = Math.max(most, ++running);
      await answer(request, response, index);
      running--;
    });
    await start({ maxTasks: 2 });

    // when
    const ids = Array.from({ length: 6 }, () => engine.addTask(catalystTask()).id);
    await Promise.all(ids.map(id => engine.waitForCall('complete', id)));

    // then
    expect(most).toBeLessThanOrEqual(2);
    expect(engine.callsTo('complete')).toHaveLength(6);
  });

  it('starts a waiting task as soon as a slot frees, without a pause between fetches', async () => {

    // given one slot, a pause between fetches longer than the test, and two tasks waiting
    model(delayed(100, json(200, completion('ok'))));
    engine = await startEngineServer();
    const first = engine.addTask(catalystTask());
    const second = engine.addTask(catalystTask());

    // when
    ({ worker, lines } = startTestWorker(engine.url, { apiKey: API_KEY, maxTasks: 1, pollIntervalMs: 60_000 }));
    const [ firstDone, secondDone ] = await Promise.all([ engine.waitForCall('complete', first.id), engine.waitForCall('complete', second.id) ]);

    // then
    expect(secondDone.at - firstDone.at).toBeLessThan(2_000);
    expect(engine.callsTo('fetchAndLock').map(call => call.body.maxTasks).slice(0, 2)).toEqual([ 1, 1 ]);
    expect(chatRequests()).toHaveLength(2);
  });

  it('gives a slot to the next task when the call ends, while the outcome is still on its way', async () => {

    // given one slot and an engine slow to answer completions
    await start({ maxTasks: 1 });
    const answerCompletions = engine.holdAnswers('complete');
    const first = engine.addTask(catalystTask());
    const second = engine.addTask(catalystTask());

    // when
    await engine.waitForCall('complete', first.id);
    await expect.poll(() => chatRequests().length).toBe(2);
    answerCompletions();

    // then the second call went out before the engine had answered the first completion
    await engine.waitForCall('complete', second.id);
    expect(engine.callsTo('complete').map(call => call.taskId)).toEqual([ first.id, second.id ]);
  });

  it('holds no more outcomes on their way to the engine than max tasks', async () => {

    // given one slot, an engine that does not answer completions yet, and four tasks
    await start({ maxTasks: 1 });
    const answerCompletions = engine.holdAnswers('complete');
    const ids = Array.from({ length: 4 }, () => engine.addTask(catalystTask()).id);

    // when two outcomes wait at the engine
    await engine.waitForCall('complete', ids[1]);

    // then no third task was taken or called
    expect(chatRequests()).toHaveLength(2);
    expect(worker!.running).toBe(2);

    // and the rest run once the engine answers
    answerCompletions();
    await Promise.all(ids.slice(2).map(id => engine.waitForCall('complete', id)));
    expect(chatRequests()).toHaveLength(4);
  });

  it('keeps its connections to the engine and the model open from task to task', async () => {

    // given
    const modelPorts: Array<number | undefined> = [];
    model((request, response, index) => {
      modelPorts.push(request.socket.remotePort);

      return HELLO(request, response, index);
    });
    await start({ maxTasks: 1 });

    // when one task after the other
    for (let index = 0; index < 4; index++) {
      const { id } = engine.addTask(catalystTask());
      await engine.waitForCall('complete', id);
    }

    // then
    expect(new Set(engine.calls.map(call => call.remotePort)).size).toBeLessThanOrEqual(2);
    expect(new Set(modelPorts).size).toBe(1);
  });

  it('writes its health file while it runs, and removes it when it stops', async () => {

    // given
    const dir = mkdtempSync(path.join(tmpdir(), 'catalyst-worker-'));
    const healthFile = path.join(dir, 'health');

    try {

      // when
      await start({ healthFile });
      const written = existsSync(healthFile) && Date.now() - statSync(healthFile).mtimeMs < 5_000;
      await worker!.stop();

      // then
      expect(written).toBe(true);
      expect(existsSync(healthFile)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('backs off while the engine does not answer, logs it once, and recovers', async () => {

    // given
    await start({ pollIntervalMs: 10 });
    engine.unavailable = true;

    // when three fetches have failed
    const failedFetches = () => engine.callsTo('fetchAndLock').filter(call => call.status === 503);
    await expect.poll(() => failedFetches().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const [ first, second, third ] = failedFetches().map(call => call.at);
    engine.unavailable = false;
    const { id } = engine.addTask(catalystTask());
    await engine.waitForCall('complete', id);

    // then the pauses grow (a 10 ms poll interval would refetch at once) and are logged once
    const events = lines.map(line => JSON.parse(line).event);
    expect(second - first).toBeGreaterThanOrEqual(400);
    expect(third - second).toBeGreaterThan(second - first);
    expect(events.filter(event => event === 'engine.fetch-failed')).toHaveLength(1);
    expect(events).toContain('engine.fetch-recovered');
  });

  describe('shutdown', () => {

    it('stops fetching and lets a running task finish', async () => {

      // given a worker that would fetch again every ~200 ms (long poll, then 10 ms pause)
      model(delayed(600, json(200, completion('finished'))));
      await start({ pollIntervalMs: 10 });
      const { id } = engine.addTask(catalystTask());
      await expect.poll(() => chatRequests().length).toBe(1);

      // when stopping while the task still waits 600 ms for its answer
      const fetchesAtStop = engine.callsTo('fetchAndLock').length;
      await worker!.stop();

      // then the task finished, and no fetch went out while it ran
      expect(engine.callsTo('complete', id)).toHaveLength(1);
      expect(engine.callsTo('fetchAndLock')).toHaveLength(fetchesAtStop);
    });

    it('releases a task still running when the shutdown timeout ends', async () => {

      // given
      model(delayed(10_000, json(200, completion('too late'))));
      await start({ shutdownTimeoutMs: 200 });
      const task = engine.addTask(catalystTask());
      await expect.poll(() => chatRequests().length).toBe(1);

      // when
      const began = Date.now();
      await worker!.stop();

      // then
      expect(Date.now() - began).toBeLessThan(3_000);

      // A long poll still under way may hand the just-released task back once more; the
      // worker releases that copy too, unrun, before it stops, so the engine can see two
      // unlocks and the task is open either way.
      expect(engine.callsTo('unlock', task.id).length).toBeGreaterThanOrEqual(1);
      expect(engine.callsTo('complete', task.id)).toHaveLength(0);
      expect(engine.callsTo('failure', task.id)).toHaveLength(0);
      expect(chatRequests()).toHaveLength(1);
      expect(task.state).toBe('open');
    });

    it('releases again a task the engine hands straight back to its waiting fetch before the unlock is answered', async () => {

      // given: a task still running at the shutdown timeout, a fetch waiting at the engine
      // meanwhile (a long poll), and an engine whose answer to the unlock comes after it
      // handed the just-unlocked task to that fetch
      model(delayed(10_000, json(200, completion('too late'))));
      await start({ shutdownTimeoutMs: 200, longPollMs: 10_000 });
      const task = engine.addTask(catalystTask());
      await expect.poll(() => chatRequests().length).toBe(1);
      const answerUnlocks = engine.holdAnswers('unlock');

      // when
      const stopped = worker!.stop();
      await expect.poll(() => lines.filter(line => JSON.parse(line).event === 'task.handed-back').length).toBe(1);
      answerUnlocks();
      await stopped;

      // then: the copy the fetch brought is unlocked too, unrun
      expect(engine.callsTo('unlock', task.id)).toHaveLength(2);
      expect(chatRequests()).toHaveLength(1);
      expect(task.state).toBe('open');
    });

    it('stops at once when aborted, without waiting out the long poll', async () => {

      // given
      await start({ longPollMs: 20_000 });
      await engine.waitForCall('fetchAndLock');

      // when
      const began = Date.now();
      worker!.abort();
      await worker!.stop();

      // then
      expect(Date.now() - began).toBeLessThan(2_000);
    });

    it('stops an idle worker at once, cancelling its long poll, without a releasing warning', async () => {

      // given
      await start({ longPollMs: 20_000 });
      await engine.waitForCall('fetchAndLock');

      // when
      const began = Date.now();
      await worker!.stop();

      // then
      const events = lines.map(line => JSON.parse(line).event);
      expect(Date.now() - began).toBeLessThan(2_000);
      expect(events).toContain('worker.stopped');
      expect(events).not.toContain('worker.releasing');
    });

    it('releases what a fetch under way brings while a task still runs', async () => {

      // given
      model(delayed(800, json(200, completion('finished'))));
      await start({ longPollMs: 2_000 });
      const running = engine.addTask(catalystTask());
      await expect.poll(() => chatRequests().length).toBe(1);
      await expect.poll(() => engine.callsTo('fetchAndLock').length).toBeGreaterThanOrEqual(2);

      // when
      const stopped = worker!.stop();
      const arriving = engine.addTask(catalystTask());
      await stopped;

      // then
      expect(engine.callsTo('complete', running.id)).toHaveLength(1);
      expect(engine.callsTo('unlock', arriving.id)).toHaveLength(1);
      expect(chatRequests()).toHaveLength(1);
      expect(arriving.state).toBe('open');
    });
  });
});
