import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCase, type Recording, type TestCase } from '../../../runtime/testing';
import type { SecretStore, TaskProperties } from '../../../runtime/types';
import { completion, json, startFaultServer, type FaultServer } from '../../support/fault-server';

const KEY = 'gsk_RECORDSECRET0123456789abcdefXYZ';
const PAYLOAD = '{"model": "fault-model", "messages": [{"role": "user", "content": "${userMessage}"}]}';

const secrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async name => name === 'env' ? KEY : undefined
};

const noSecrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async () => undefined
};

/** Fails the test if the runtime touches the network during a replay. */
const noNetwork = (() => { throw new Error('replay used the network'); }) as unknown as typeof fetch;

function task(url: string, payload = PAYLOAD): TaskProperties {
  return {
    'catalyst.provider': 'openai-compatible',
    'catalyst.url': url,
    'catalyst.secretName': 'groq_api_key',
    'catalyst.payload': payload,
    'catalyst.responseMapping': '{"aiReply": "choices[0].message.content"}',
    'catalyst.errorMapping': '{"429": "RATE_LIMITED"}',
    'catalyst.retries': '1'
  };
}

const capital: TestCase = {
  name: 'capital',
  task: 'Ask',
  variables: { userMessage: 'What is the capital of France?' },
  expect: { outcome: 'complete', variables: { aiReply: { contains: 'Paris' } }, maxTokens: 50 }
};

describe('running a saved case', () => {

  let server: FaultServer;
  let url: string;

  beforeAll(async () => {
    server = await startFaultServer();
    url = server.route('/v1/chat/completions', json(200, completion(`Paris. (your key was ${KEY})`), { 'Set-Cookie': 'session=abc', 'x-request-id': 'req-1' }));
  });

  afterAll(() => server.stop());

  async function record(properties = task(url)): Promise<Recording> {
    const run = await runCase(properties, capital, { mode: 'record', secrets, now: () => new Date('2026-12-02T04:00:00Z') });

    expect(run.passed).toBe(true);

    return run.recording!;
  }

  it('live: passes and reports every expectation', async () => {
    const run = await runCase(task(url), capital, { mode: 'live', secrets });

    expect(run.checks).toEqual([
      { label: 'outcome is complete', passed: true },
      { label: 'aiReply contains "Paris"', passed: true },
      { label: 'at most 50 tokens', passed: true }
    ]);
    expect(run.tokens).toBe(19);
  });

  it('record: keeps request and response, never the key or headers that may carry one', async () => {
    const recording = await record();
    const text = JSON.stringify(recording);

    expect(text).not.toContain(KEY);
    expect(recording.exchanges).toHaveLength(1);
    expect(recording.exchanges[0].request.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
    expect(recording.exchanges[0].request.body).toContain('What is the capital of France?');
    expect(recording.exchanges[0].response.headers).toEqual({ 'content-type': 'application/json' });
    expect(recording.exchanges[0].response.body).toContain('your key was ***');
  });

  it('replay: passes without key and without network', async () => {
    const recording = await record();

    const run = await runCase(task(url), capital, { mode: 'replay', recording, secrets: noSecrets, fetch: noNetwork });

    expect(run.error).toBeNull();
    expect(run.passed).toBe(true);
    expect(run.result?.variables.aiReply).toBe('Paris. (your key was ***)');
  });

  it('replay: a key passed as a process variable is not needed either', async () => {
    const properties = { ...task(url), 'catalyst.secretSource': 'variable', 'catalyst.secretName': '${apiKey}' };
    const live = await runCase(properties, capital, { mode: 'record', secrets: noSecrets, variables: { apiKey: KEY } });

    expect(JSON.stringify(live.recording)).not.toContain(KEY);

    const run = await runCase(properties, capital, { mode: 'replay', recording: live.recording, secrets: noSecrets, fetch: noNetwork });

    expect(run.passed).toBe(true);
  });

  it('replay: an edited prompt is reported as changed, not as a network error', async () => {
    const recording = await record();
    const edited = task(url, PAYLOAD.replace('"content": "${userMessage}"', '"content": "Answer briefly: ${userMessage}"'));

    const run = await runCase(edited, capital, { mode: 'replay', recording, secrets: noSecrets, fetch: noNetwork });

    expect(run.passed).toBe(false);
    expect(run.error).toMatch(/^the prompt changed: the rendered request no longer matches the recording \(at character \d+: recorded ".*", now ".*Answer briefly.*"\); re-record with --record$/);
    expect(run.checks).toEqual([ { label: 'the case runs', passed: false, detail: run.error } ]);
  });

  it('replay: changed variables of the case are a changed prompt too', async () => {
    const recording = await record();

    const run = await runCase(task(url), { ...capital, variables: { userMessage: 'And of Spain?' } }, { mode: 'replay', recording, secrets: noSecrets, fetch: noNetwork });

    expect(run.error).toMatch(/^the prompt changed/);
  });

  it('replay: a case without a recording says how to make one', async () => {
    const run = await runCase(task(url), capital, { mode: 'replay', secrets: noSecrets, fetch: noNetwork });

    expect(run.error).toBe('no recording for this case: run it once with --record (it needs the key and the provider)');
  });

  it('replay: judges time on the recorded run', async () => {
    const recording = { ...await record(), durationMs: 9000 };

    const run = await runCase(task(url), { ...capital, expect: { maxMs: 5000 } }, { mode: 'replay', recording, secrets: noSecrets, fetch: noNetwork });

    expect(run.checks).toEqual([ { label: 'at most 5000 ms', passed: false, detail: 'it took 9000 ms' } ]);
  });

  it('replays retries in order without waiting again', async () => {
    let calls = 0;
    const retried = server.route('/retry/chat/completions', (request, response, index) => {
      calls++;
      (index === 0 ? json(429, { error: { message: 'slow down' } }, { 'Retry-After': '1' }) : json(200, completion('Paris')))(request, response, index);
    });
    const live = await runCase(task(retried), capital, { mode: 'record', secrets });

    expect(live.recording?.exchanges.map(exchange => exchange.response.status)).toEqual([ 429, 200 ]);
    expect(live.recording?.exchanges[0].response.headers['retry-after']).toBe('1');

    const started = performance.now();
    const run = await runCase(task(retried), capital, { mode: 'replay', recording: live.recording, secrets: noSecrets, fetch: noNetwork });

    expect(run.passed).toBe(true);
    expect(performance.now() - started).toBeLessThan(900);
    expect(calls).toBe(2);
  });

  it('an endpoint override sends every case to that server', async () => {
    const other = server.route('/local/v1/chat/completions', json(200, completion('Paris from the local server')));

    const run = await runCase(task('https://api.example.invalid/v1/chat/completions'), capital, { mode: 'live', secrets, endpoint: other });

    expect(run.result?.variables.aiReply).toBe('Paris from the local server');
  });

  it('a task whose properties cannot be read fails the case naming the property', async () => {
    const run = await runCase({ ...task(url), 'catalyst.timeout': '60' }, capital, { mode: 'live', secrets });

    expect(run.error).toMatch(/^the task cannot run: catalyst\.timeout: /);
  });
});
