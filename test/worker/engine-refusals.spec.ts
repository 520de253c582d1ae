import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Worker } from '../../worker/worker';
import type { WorkerOptions } from '../../worker/options';

import { startEngineServer } from './support/engine-server';
import { startTestWorker } from './support/test-worker';
import type { EngineServer, EngineServerOptions, EngineTask } from './support/engine-server';
import { completion, delayed, json, startFaultServer } from '../support/fault-server';
import type { Behaviour, FaultServer } from '../support/fault-server';

// The worker against an engine that refuses what it reports, as real engines do: databases
// with narrower String columns, engines without Spin, 500s, outages longer than the lock,
// and tasks another worker took. Each task must end in exactly one of complete, BPMN error
// or failure-with-incident, and the model must be asked no more often than retries allow.

const CHAT_PATH = '/v1/chat/completions';

let engine: EngineServer;
let llm: FaultServer;
let chatUrl: string;
let worker: Worker | null = null;
let lines: string[] = [];

beforeAll(async () => {
  llm = await startFaultServer();
});

afterAll(async () => {
  await llm.stop();
});

afterEach(async () => {
  await worker?.stop();
  worker = null;
  await engine?.close();
  llm.requests.length = 0;
});

function model(behaviour: Behaviour): void {
  chatUrl = llm.route(CHAT_PATH, behaviour);
}

function answer(text: string): Behaviour {
  return json(200, completion(text));
}

function chatRequests() {
  return llm.requestsTo(CHAT_PATH);
}

async function start(engineOptions: EngineServerOptions = {}, options: Partial<WorkerOptions> = {}): Promise<void> {
  engine = await startEngineServer(engineOptions);
  ({ worker, lines } = startTestWorker(engine.url, {
    maxTasks: 2,
    lockDurationMs: 10_000,
    engineRetries: 2,
    retryTimeouts: { baseMs: 50, maxMs: 200 },
    ...options,
    apiKey: 'sk-test-0123456789abcdefghij'
  }));
}

function addTask(): EngineTask {
  return engine.addTask({
    variables: { userMessage: { type: 'String', value: 'Write a long text' } },
    extensionProperties: {
      'catalyst.provider': 'openai-compatible',
      'catalyst.url': chatUrl,
      'catalyst.secretSource': 'env',
      'catalyst.secretName': 'test_api_key',
      'catalyst.payload': '{"model":"test-model","messages":[{"role":"user","content":"${userMessage}"}]}',
      'catalyst.responseMapping': '{"aiReply":"choices[0].message.content"}',
      'catalyst.retries': '0'
    }
  });
}

/** Waits until the task has ended and the worker has logged what it did with it. */
async function ended(task: EngineTask): Promise<string> {
  await expect.poll(() => task.state, { timeout: 10_000 }).toMatch(/^(completed|bpmnError|incident)$/);
  await expect.poll(() => logged('task.done').find(line => line.taskId === task.id), { timeout: 10_000 }).toBeTruthy();

  return task.state;
}

function logged(event: string): any[] {
  return lines.map(line => JSON.parse(line)).filter(line => line.event === event);
}

/** Every report the worker sent for the task, with what the engine answered. */
function reports(task: EngineTask) {
  return engine.calls
    .filter(call => call.taskId === task.id && [ 'complete', 'bpmnError', 'failure' ].includes(call.endpoint))
    .map(call => ({ endpoint: call.endpoint, status: call.status }));
}

describe('worker against engine refusals (loopback engine behaving as Camunda 7 does)', () => {

  describe('an Oracle database (String column of 2,000 characters; 7.20+ hides why it refuses)', () => {

    it('sends an answer of 2,500 characters again as Json and completes, asking the model once', async () => {

      // given
      const long = 'a'.repeat(2_500);
      model(answer(long));
      await start({ database: 'oracle' });

      // when
      const task = addTask();

      // then
      expect(await ended(task)).toBe('completed');
      expect(reports(task)).toEqual([ { endpoint: 'complete', status: 500 }, { endpoint: 'complete', status: 204 } ]);
      const sent = engine.callsTo('complete', task.id)[1].body.variables.aiReply;
      expect(sent.type).toBe('json');
      expect(JSON.parse(sent.value)).toBe(long);
      expect(chatRequests()).toHaveLength(1);
      expect(logged('task.value-refused')).toEqual([ expect.objectContaining({ taskId: task.id, variables: expect.stringContaining('aiReply') }) ]);
    });

    it('sends it as Json at once under --string-limit 2000', async () => {

      // given
      model(answer('a'.repeat(2_500)));
      await start({ database: 'oracle' }, { stringRule: { limit: 2_000, longValues: 'json' } });

      // when
      const task = addTask();

      // then
      expect(await ended(task)).toBe('completed');
      expect(reports(task)).toEqual([ { endpoint: 'complete', status: 204 } ]);
    });

    it('raises an incident at once under --long-values fail, saying what to set', async () => {

      // given
      model(answer('a'.repeat(2_500)));
      await start({ database: 'oracle' }, { stringRule: { limit: 4_000, longValues: 'fail' } });

      // when
      const task = addTask();

      // then
      expect(await ended(task)).toBe('incident');
      const [ failure ] = engine.callsTo('failure', task.id);
      expect(failure.body.retries).toBe(0);
      expect(failure.body.errorMessage).toMatch(/value of aiReply is 2,500 characters, catalyst_responseBody [\d,]+; this engine's database refused them as a String \(ProcessEnginePersistenceException, code 10002\)/);
      expect(failure.body.errorMessage).toMatch(/set --string-limit 2000/);
      expect(chatRequests()).toHaveLength(1);
      expect(logged('task.done')).toEqual([ expect.objectContaining({ taskId: task.id, disposition: 'failure' }) ]);
    });

    it('cuts the answer to what every database takes under --long-values truncate, on an engine without Spin', async () => {

      // given
      model(answer('a'.repeat(2_500)));
      await start({ database: 'oracle', spin: false }, { stringRule: { limit: 4_000, longValues: 'truncate' } });

      // when
      const task = addTask();

      // then
      expect(await ended(task)).toBe('completed');
      expect(engine.callsTo('complete', task.id).at(-1)!.body.variables.aiReply).toEqual({ type: 'string', value: 'a'.repeat(2_000) });
    });
  });

  describe('an engine without the Spin plugin', () => {

    it('raises an incident at once for an answer over the String limit, naming Spin', async () => {

      // given
      model(answer('b'.repeat(6_000)));
      await start({ spin: false });

      // when
      const task = addTask();

      // then
      expect(await ended(task)).toBe('incident');
      expect(reports(task)).toEqual([ { endpoint: 'complete', status: 400 }, { endpoint: 'failure', status: 204 } ]);
      const [ failure ] = engine.callsTo('failure', task.id);
      expect(failure.body.retries).toBe(0);
      expect(failure.body.errorMessage).toMatch(/the engine has no Spin plugin for Json values \(it answered: Unsupported value type 'json'\)/);
      expect(failure.body.errorMessage).toMatch(/aiReply/);
      expect(failure.body.errorMessage).toMatch(/--long-values truncate/);
      expect(chatRequests()).toHaveLength(1);
    });

    it('says both causes when the database refused the String and the engine the Json', async () => {

      // given
      model(answer('c'.repeat(2_500)));
      await start({ database: 'oracle', spin: false });

      // when
      const task = addTask();

      // then
      expect(await ended(task)).toBe('incident');
      const [ failure ] = engine.callsTo('failure', task.id);
      expect(failure.body.errorMessage).toMatch(/value of aiReply is 2,500 characters.*\(ProcessEnginePersistenceException, code 10002\).*set --string-limit 2000\. The worker then sent them as Json, but the engine has no Spin plugin/);
    });
  });

  it('sends a complete the engine answered 500 again, and the model is asked once', async () => {

    // given
    model(answer('fine'));
    await start();
    engine.fail({ endpoint: 'complete', status: 500, body: { type: 'ProcessEngineException', message: 'ENGINE-03005 Execution of \'UPDATE ExecutionEntity\' failed' } });

    // when
    const task = addTask();

    // then
    expect(await ended(task)).toBe('completed');
    expect(reports(task)).toEqual([ { endpoint: 'complete', status: 500 }, { endpoint: 'complete', status: 204 } ]);
    expect(chatRequests()).toHaveLength(1);
    expect(logged('task.report-retry')).toEqual([ expect.objectContaining({ report: 'complete', error: expect.stringMatching(/HTTP 500: ENGINE-03005/) }) ]);
  });

  it('completes after an engine outage longer than the lock, without asking the model again', async () => {

    // given a slow model, a short lock, and an engine that goes away while the model thinks
    model(delayed(2_500, answer('worth keeping')));
    await start({}, { lockDurationMs: 600 });
    const task = addTask();
    await expect.poll(() => chatRequests().length).toBe(1);

    // when
    engine.unavailable = true;
    await expect.poll(() => task.lockExpiresAt < Date.now(), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => engine.callsTo('extendLock', task.id).some(call => call.status === 503)).toBe(true);
    engine.unavailable = false;

    // then
    expect(await ended(task)).toBe('completed');
    expect(engine.callsTo('complete', task.id).at(-1)!.body.variables.aiReply.value).toBe('worth keeping');
    expect(engine.callsTo('failure', task.id)).toHaveLength(0);
    expect(chatRequests()).toHaveLength(1);
  });

  it('does not run a task twice when its lock ran out and the engine hands it to the same worker again', async () => {

    // given
    model(delayed(1_500, answer('once')));
    await start({}, { lockDurationMs: 5_000 });
    const task = addTask();
    await expect.poll(() => chatRequests().length).toBe(1);

    // when the lock runs out while the model thinks, and the next fetch locks the task again
    task.lockExpiresAt = Date.now() - 1;
    await expect.poll(() => logged('task.already-running').length).toBe(1);

    // then
    expect(await ended(task)).toBe('completed');
    expect(chatRequests()).toHaveLength(1);
    expect(reports(task)).toEqual([ { endpoint: 'complete', status: 204 } ]);
  });

  it('keeps the call when an extension finds the lock expired, and completes', async () => {

    // given
    model(delayed(1_500, answer('still mine')));
    await start({}, { lockDurationMs: 1_000 });
    const task = addTask();
    await expect.poll(() => chatRequests().length).toBe(1);

    // when the lock runs out before the first extension arrives (and no fetch takes the task meanwhile)
    Object.assign(task, { lockExpiresAt: Date.now() - 1, availableAt: Date.now() + 60_000 });

    // then
    expect(await ended(task)).toBe('completed');
    const refused = engine.callsTo('extendLock', task.id).filter(call => call.status === 400);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(logged('task.lock-extension-failed')[0]).toMatchObject({ lost: false, error: expect.stringMatching(/Cannot extend a lock that expired/) });
    expect(chatRequests()).toHaveLength(1);
  });

  it('stops the call and reports nothing when another worker has taken the task', async () => {

    // given
    model(delayed(3_000, answer('nobody wants this')));
    await start({}, { lockDurationMs: 600 });
    const task = addTask();
    await expect.poll(() => chatRequests().length).toBe(1);

    // when another worker locks the task
    Object.assign(task, { workerId: 'other-worker', lockExpiresAt: Date.now() + 60_000 });

    // then
    await expect.poll(() => logged('task.done').find(line => line.taskId === task.id)).toMatchObject({ disposition: 'gone' });
    expect(reports(task)).toEqual([]);
    expect(logged('task.lock-extension-failed')[0]).toMatchObject({ lost: true, error: expect.stringMatching(/cannot be extended by worker 'worker-under-test'/) });
  });

  it('reports no failure when the engine says the task is locked by another worker at complete', async () => {

    // given
    model(answer('late'));
    await start();
    engine.fail({ endpoint: 'complete', status: 400, body: { type: 'RestException', message: 'External Task x cannot be completed by worker \'worker-under-test\'. It is locked by worker \'other-worker\'.' } });

    // when
    const task = addTask();

    // then
    await expect.poll(() => logged('task.done').find(line => line.taskId === task.id)).toMatchObject({ disposition: 'gone' });
    expect(reports(task)).toEqual([ { endpoint: 'complete', status: 400 } ]);
    expect(logged('task.gone')).toEqual([ expect.objectContaining({ taskId: task.id, report: 'complete' }) ]);
  });

  it('asks the model no more often than the engine retries allow, each wait longer than the last', async () => {

    // given
    model(json(503, { error: { message: 'overloaded' } }, { 'Retry-After': '0' }));
    await start({}, { engineRetries: 2 });

    // when
    const task = addTask();

    // then
    expect(await ended(task)).toBe('incident');
    expect(engine.callsTo('failure', task.id).map(call => call.body.retryTimeout)).toEqual([ 50, 100, 200 ]);
    expect(chatRequests()).toHaveLength(3);
  });

  it('logs a wrong engine password in words', async () => {

    // given
    model(answer('unused'));
    await start({ basicAuth: { username: 'demo', password: 'right' } }, { auth: { type: 'basic', username: 'demo', password: 'wrong' } });

    // when
    await expect.poll(() => logged('engine.fetch-failed').length).toBe(1);

    // then
    const [ failed ] = logged('engine.fetch-failed');
    expect(failed.error).toMatch(/refused the worker's credentials \(HTTP 401\)/);
    expect(failed.error).not.toMatch(/Type: undefined/);
  });
});
