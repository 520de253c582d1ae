import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../../runtime/types';
import { chunk, completion, json, sequence, sse, startFaultServer, type FaultServer } from '../../support/fault-server';
import { makeTask, run, SECRET } from './task';

const STREAM_PAYLOAD = '{"model": "fault-model", "stream": true, "messages": [{"role": "user", "content": "${userMessage}"}]}';

const GOOD_STREAM = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hel' }),
  chunk({ content: 'lo, ' }),
  chunk({ content: 'world' }),
  chunk({}, 'stop'),
  chunk({}, null, { choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } }),
  '[DONE]'
];

function chunkTexts(events: ExecutionEvent[]): Array<[string, boolean]> {
  return events.flatMap(event => (event.type === 'chunk' ? [ [ event.text, event.reasoning === true ] as [string, boolean] ] : []));
}

describe('executeTask: streaming', () => {
  let server: FaultServer;

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('emits chunks as they arrive and maps the assembled answer like a plain one', async () => {

    // given
    const url = server.route('/stream', sse(GOOD_STREAM));

    // when
    const { result, events } = await run(makeTask(url, { payload: STREAM_PAYLOAD }));

    // then
    expect(chunkTexts(events)).toEqual([ [ 'Hel', false ], [ 'lo, ', false ], [ 'world', false ] ]);
    expect(result.outcome).toBe('complete');
    expect(result.variables).toMatchObject({ aiReply: 'Hello, world', modelUsed: 'fault-model', completionTokens: 3, finishReason: 'stop', catalyst_statusCode: 200 });
    expect(JSON.parse(result.variables.catalyst_responseBody as string)).toMatchObject({
      object: 'chat.completion',
      choices: [ { message: { role: 'assistant', content: 'Hello, world' }, finish_reason: 'stop' } ]
    });
    expect(result.finishReason).toBe('stop');
  });

  it('reports stream statistics with the result', async () => {

    // given
    const url = server.route('/stream-stats', sse(GOOD_STREAM));

    // when
    const { result } = await run(makeTask(url, { payload: STREAM_PAYLOAD }));

    // then
    expect(result.stream).toEqual({ chunks: 3, timeToFirstTokenMs: expect.any(Number), tokensPerSecond: expect.any(Number) });
  });

  it('asks for a stream with --stream even when the payload does not', async () => {

    // given
    const url = server.route('/forced', sse(GOOD_STREAM));

    // when
    const { result } = await run(makeTask(url), { stream: true });

    // then
    const [ request ] = server.requestsTo('/forced');

    expect(JSON.parse(request.body).stream).toBe(true);
    expect(request.headers.accept).toBe('text/event-stream');
    expect(result.variables.aiReply).toBe('Hello, world');
  });

  it('labels reasoning deltas and <think> content as reasoning', async () => {

    // given
    const url = server.route('/stream-reasoning', sse([
      chunk({ reasoning_content: 'Two plus ' }),
      chunk({ reasoning_content: 'two.' }),
      chunk({ content: '<think>check</think>' }),
      chunk({ content: 'Four.' }, 'stop'),
      '[DONE]'
    ]));

    // when
    const { result, events } = await run(makeTask(url, { payload: STREAM_PAYLOAD }));

    // then
    expect(chunkTexts(events)).toEqual([ [ 'Two plus ', true ], [ 'two.', true ], [ 'check', true ], [ 'Four.', false ] ]);
    expect(result.reasoning).toBe('Two plus two.\ncheck');
    expect(result.variables.aiReply).toBe('Four.');
  });

  it('retries a stream cut short and fails when it never finishes', async () => {

    // given
    const url = server.route('/cut', sse([ chunk({ content: 'Half an ans' }) ], { cut: true }));

    // when
    const { result, events } = await run(makeTask(url, { payload: STREAM_PAYLOAD, retries: 1 }));

    // then
    expect(server.requestsTo('/cut')).toHaveLength(2);
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('network error: the stream was cut off before the answer finished (other side closed) (after 2 attempts)');
    expect(events.filter(event => event.type === 'retry')).toHaveLength(1);
  });

  it('fails a stream that ends cleanly but unfinished (no [DONE], no finish_reason)', async () => {

    // given
    const url = server.route('/unfinished', sse([ chunk({ content: 'Half an ans' }) ]));

    // when
    const { result } = await run(makeTask(url, { payload: STREAM_PAYLOAD, retries: 0 }));

    // then
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('the stream ended before the answer finished (no [DONE] and no finish_reason) (1 attempt)');
  });

  it('fails on an error event in the middle of the stream', async () => {

    // given
    const url = server.route('/mid-error', sse([
      chunk({ content: 'Starting' }),
      chunk({ content: '' }, 'error', { error: { code: 'server_error', message: 'Provider disconnected unexpectedly' } })
    ]));

    // when
    const { result } = await run(makeTask(url, { payload: STREAM_PAYLOAD }));

    // then
    expect(server.requestsTo('/mid-error')).toHaveLength(1);
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('the provider reported an error mid-stream: Provider disconnected unexpectedly (code server_error) (1 attempt)');
  });

  it('maps a mid-stream error whose code is a mapped status', async () => {

    // given
    const url = server.route('/mid-401', sse([ chunk({}, null, { error: { code: 401, message: 'key revoked' } }) ]));

    // when
    const { result } = await run(makeTask(url, { payload: STREAM_PAYLOAD }));

    // then
    expect(result.outcome).toBe('bpmnError');
    expect(result.bpmnError?.code).toBe('AUTH_FAILED');
  });

  it('hides the key in streamed chunks', async () => {

    // given
    const url = server.route('/stream-echo', sse([ chunk({ content: `key is ${SECRET}` }, 'stop'), '[DONE]' ]));

    // when
    const { result, events } = await run(makeTask(url, { payload: STREAM_PAYLOAD }));

    // then
    expect(chunkTexts(events)).toEqual([ [ 'key is ***', false ] ]);
    expect(result.variables.aiReply).toBe('key is ***');
  });

  it('reads a plain JSON answer when the server ignores the stream request', async () => {

    // given
    const url = server.route('/ignores-stream', sequence(json(200, completion('not streamed'))));

    // when
    const { result } = await run(makeTask(url, { payload: STREAM_PAYLOAD }));

    // then
    expect(result.outcome).toBe('complete');
    expect(result.variables.aiReply).toBe('not streamed');
    expect(result.stream).toBeNull();
  });
});
