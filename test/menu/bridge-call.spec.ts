import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningBridge } from '../../menu/bridge/server';
import { chunk, completion, json, sequence, sse, type FaultServer } from '../support/fault-server';

import { SECRET, groqTask, memorySecrets, parseEvents, post, raw, runtimeWithoutWaits, seenAnswers, startBridge, startBridgeAndModel } from './bridge-harness';

describe('bridge: POST /calls', () => {
  let llm: FaultServer;
  let bridge: RunningBridge;
  const sleeps: number[] = [];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ llm, bridge, stop } = await startBridgeAndModel({ sleeps, keepAliveMs: 50 }));
  });

  afterAll(async () => {
    await stop();

    // then, over every answer of this file
    expect(seenAnswers.join('\n')).not.toContain(SECRET);
  });

  function call(body: Record<string, unknown>) {
    return raw(bridge, { method: 'POST', path: '/calls', body: JSON.stringify(body) });
  }

  it('streams attempt, then chunks, then the result, in that order', async () => {

    // given
    const url = llm.route('/stream/v1/chat/completions', sse([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      '[DONE]'
    ]));

    // when
    const answer = await call({ properties: groqTask(url), variables: { userMessage: 'hi' }, stream: true });

    // then
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);

    const events = parseEvents(answer.text);

    expect(events.map(event => event.event)).toEqual([ 'started', 'attempt', 'chunk', 'chunk', 'result' ]);
    expect(events.filter(event => event.event === 'chunk').map(event => event.data.text)).toEqual([ 'Hel', 'lo' ]);
    expect(events.at(-1)!.data.result).toMatchObject({ outcome: 'complete', variables: { aiReply: 'Hello' } });
  });

  it('sends each event as it happens, not at the end', async () => {

    // given: the model pauses between chunks
    const url = llm.route('/slow/v1/chat/completions', sse([ chunk({ content: 'a' }), chunk({ content: 'b' }, 'stop'), '[DONE]' ], { pauseMs: 300 }));
    const arrivals: Array<{ event: string; at: number }> = [];
    const started = performance.now();

    // when
    const response = await fetch(`${bridge.url}/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: groqTask(url), variables: { userMessage: 'hi' }, stream: true })
    });

    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();

    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      for (const event of parseEvents(read.value)) {
        arrivals.push({ event: event.event, at: performance.now() - started });
      }
    }

    // then: the first chunk arrived well before the result
    const firstChunk = arrivals.find(arrival => arrival.event === 'chunk')!;
    const result = arrivals.find(arrival => arrival.event === 'result')!;

    expect(result.at - firstChunk.at).toBeGreaterThan(200);
  });

  it('reports a retry with the wait the server asked for, then the successful attempt', async () => {

    // given
    const url = llm.route('/retry/v1/chat/completions', sequence(
      json(429, { error: { message: 'Rate limit reached', type: 'rate_limit' } }, { 'Retry-After': '2' }),
      json(200, completion('after the wait'))
    ));

    // when
    const events = parseEvents((await call({ properties: groqTask(url), variables: { userMessage: 'hi' } })).text);

    // then
    expect(events.map(event => event.event)).toEqual([ 'started', 'attempt', 'retry', 'attempt', 'result' ]);
    expect(events[2].data).toMatchObject({ attempt: 2, waitMs: 2000, reason: expect.stringContaining('429') });
    expect(sleeps).toContain(2000);
    expect(events[4].data.result).toMatchObject({ outcome: 'complete', attempts: [ { statusCode: 429 }, { statusCode: 200, waitedMs: 2000 } ] });
  });

  it('runs no retries when the request says retries: 0', async () => {

    // given
    const url = llm.route('/no-retry/v1/chat/completions', json(429, { error: { message: 'slow down' } }, { 'Retry-After': '1' }));

    // when
    const events = parseEvents((await call({ properties: groqTask(url), variables: { userMessage: 'hi' }, retries: 0 })).text);

    // then
    expect(events.map(event => event.event)).toEqual([ 'started', 'attempt', 'result' ]);
    expect(events.at(-1)!.data.result).toMatchObject({ outcome: 'bpmnError', bpmnError: { code: 'RATE_LIMITED' } });
  });

  it('cancels a running call by id; its stream ends with cancelled', async () => {

    // given: a model that takes 10 s to answer
    const url = llm.route('/hang/v1/chat/completions', async (_req, res) => {
      await new Promise(resolve => setTimeout(resolve, 10_000));
      res.end();
    });

    // when
    const running = call({ callId: 'cancel-me', properties: groqTask(url), variables: { userMessage: 'hi' } });

    await waitFor(() => llm.requestsTo('/hang/v1/chat/completions').length === 1);

    const cancel = await raw(bridge, { method: 'DELETE', path: '/calls/cancel-me' });
    const events = parseEvents((await running).text);

    // then
    expect(cancel.status).toBe(200);
    expect(events.map(event => event.event)).toEqual([ 'started', 'attempt', 'cancelled' ]);
    expect(events.at(-1)!.data).toMatchObject({ callId: 'cancel-me' });
  });

  it('answers 404 CALL_NOT_FOUND to cancelling a call that is not running', async () => {

    // when
    const answer = await raw(bridge, { method: 'DELETE', path: '/calls/never-started' });

    // then
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text).error.code).toBe('CALL_NOT_FOUND');
  });

  it('stops the run when the client goes away', async () => {

    // given: the model fails once, then the bridge would retry at once (its waits are
    // skipped), so a run that kept going would reach the model again before it ends
    const path = '/gone/v1/chat/completions';
    const url = llm.route(path, async (_req, res) => {
      await new Promise(resolve => setTimeout(resolve, 300));
      res.writeHead(503).end();
    });
    const runs: Array<Promise<unknown>> = [];
    const runtime = runtimeWithoutWaits();
    const watched = await startBridge({
      secrets: memorySecrets(),
      runtime: { ...runtime, executeTask: (config, options) => {
        const run = runtime.executeTask(config, options);

        runs.push(run);
        return run;
      } }
    });
    const controller = new AbortController();

    try {

      // when: the client aborts during the first attempt
      const response = fetch(`${watched.url}/calls`, {
        method: 'POST',
        signal: controller.signal,
        headers: { authorization: `Bearer ${watched.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ properties: groqTask(url, { 'catalyst.retries': '3' }), variables: { userMessage: 'hi' } })
      });

      await waitFor(() => llm.requestsTo(path).length === 1);
      controller.abort();
      await response.catch(() => undefined);
      await Promise.allSettled(runs);

      // then: the run ended without a second attempt
      expect(runs).toHaveLength(1);
      expect(llm.requestsTo(path)).toHaveLength(1);
    } finally {
      await watched.close();
    }
  });

  it('refuses a second running call with the same id with 409', async () => {

    // given
    const url = llm.route('/busy/v1/chat/completions', async (_req, res) => {
      await new Promise(resolve => setTimeout(resolve, 500));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion('done')));
    });
    const first = call({ callId: 'twice', properties: groqTask(url), variables: { userMessage: 'hi' } });

    await waitFor(() => llm.requestsTo('/busy/v1/chat/completions').length === 1);

    // when
    const second = await post(bridge, '/calls', { callId: 'twice', properties: groqTask(url), variables: { userMessage: 'hi' } });

    // then
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('CALL_ID_IN_USE');
    expect(parseEvents((await first).text).at(-1)!.event).toBe('result');
  });

  it('refuses a task whose properties cannot be read with 422 naming the property', async () => {

    // when
    const answer = await post(bridge, '/calls', { properties: groqTask('http://127.0.0.1:1/v1/chat/completions', { 'catalyst.timeout': 'soon' }) });

    // then
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: 'CONFIG_INVALID', property: 'catalyst.timeout' });
  });

  it('ends the stream with a failure result, not an error, when the secret is missing', async () => {

    // given
    const url = llm.route('/nokey/v1/chat/completions', json(200, completion('unused')));

    // when
    const events = parseEvents((await call({ properties: groqTask(url, { 'catalyst.secretName': 'other_key' }), variables: { userMessage: 'hi' } })).text);

    // then
    expect(events.at(-1)!.event).toBe('result');
    expect(events.at(-1)!.data.result).toMatchObject({ outcome: 'failure', error: expect.stringContaining('other_key') });
    expect(llm.requestsTo('/nokey/v1/chat/completions')).toHaveLength(0);
  });

  it('ends with a generic INTERNAL error when the run fails unexpectedly, and tells the host', async () => {

    // given: a runtime bug whose message carries the key
    const failures: unknown[] = [];
    const broken = await startBridge({
      secrets: memorySecrets(),
      runtime: { ...runtimeWithoutWaits(), executeTask: async () => {
        throw new TypeError(`cannot read ${SECRET}`);
      } },
      onInternalError: error => failures.push(error)
    });

    try {

      // when
      const answer = await raw(broken, { method: 'POST', path: '/calls', body: JSON.stringify({ properties: groqTask('http://127.0.0.1:1/v1/chat/completions') }) });
      const events = parseEvents(answer.text);

      // then
      expect(events.at(-1)).toEqual({ event: 'error', data: { error: { code: 'INTERNAL', message: expect.stringContaining('unexpectedly') } } });
      expect(failures).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });

  it('removes the key from everything it streams, even when the runtime let it through', async () => {

    // given: a runtime that echoes the key it read into a chunk
    const leaky = await startBridge({
      secrets: memorySecrets(),
      runtime: { ...runtimeWithoutWaits(), executeTask: async (_config, options) => {
        const key = await options.secrets.read('env', 'groq_api_key');
        options.onEvent?.({ type: 'chunk', text: `the key is ${key}` });
        throw new TypeError('stop');
      } }
    });

    try {

      // when
      const answer = await raw(leaky, { method: 'POST', path: '/calls', body: JSON.stringify({ properties: groqTask('http://127.0.0.1:1/v1/chat/completions') }) });

      // then
      expect(parseEvents(answer.text).find(event => event.event === 'chunk')!.data.text).toMatch(/^the key is \S+$/);
      expect(answer.text).not.toContain(SECRET);
    } finally {
      await leaky.close();
    }
  });

  it('writes keep-alive comments while a call is quiet', async () => {

    // given: keep-alive every 50 ms in this bridge, a model that takes 300 ms
    const url = llm.route('/quiet/v1/chat/completions', async (_req, res) => {
      await new Promise(resolve => setTimeout(resolve, 300));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion('done')));
    });

    // when
    const answer = await call({ properties: groqTask(url), variables: { userMessage: 'hi' } });

    // then
    expect(answer.text).toContain(': keep-alive\n\n');
    expect(parseEvents(answer.text).at(-1)!.event).toBe('result');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;

  while (!condition()) {
    if (Date.now() > until) {
      throw new Error('condition not met in time');
    }

    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
