import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completion, json, startFaultServer, type FaultServer } from '../../support/fault-server';
import { makeTask, run, SECRET } from './task';

describe('executeTask: successful calls', () => {
  let server: FaultServer;

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('completes with the mapped variables and the four standard variables', async () => {

    // given
    const url = server.route('/ok', json(200, completion('Hi there!')));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.outcome).toBe('complete');
    expect(result.variables).toMatchObject({
      aiReply: 'Hi there!',
      modelUsed: 'fault-model',
      completionTokens: 7,
      finishReason: 'stop',
      catalyst_statusCode: 200,
      catalyst_success: true,
      catalyst_error: null
    });
    expect(JSON.parse(result.variables.catalyst_responseBody as string)).toEqual(completion('Hi there!'));
    expect(result.attempts).toEqual([ expect.objectContaining({ statusCode: 200, waitedMs: 0 }) ]);
  });

  it('sends the rendered payload with the bearer key and JSON content type', async () => {

    // given
    const url = server.route('/sent', json(200, completion('ok')));

    // when
    await run(makeTask(url), { variables: { userMessage: 'He said "hi"\nthen left' } });

    // then
    const [ request ] = server.requestsTo('/sent');

    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body).messages[0].content).toBe('He said "hi"\nthen left');
  });

  it('hides the key when the provider echoes it back', async () => {

    // given
    const url = server.route('/echo', (request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(completion(`your header was ${request.headers.authorization}`)));
    });

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.variables.aiReply).toBe('your header was Bearer ***');
  });

  it('reports a variable whose path finds nothing as null with a warning', async () => {

    // given
    const url = server.route('/no-usage', json(200, { ...completion('ok'), usage: undefined }));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.outcome).toBe('complete');
    expect(result.variables.completionTokens).toBeNull();
    expect(result.warnings.join('\n')).toContain('completionTokens');
  });

  it('warns when the answer was cut off at the token limit', async () => {

    // given
    const url = server.route('/length', json(200, completion('Once upon a', { finishReason: 'length' })));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.finishReason).toBe('length');
    expect(result.warnings.join('\n')).toMatch(/cut off.*max_tokens/);
  });

  it('splits a reasoning field out of the answer', async () => {

    // given
    const url = server.route('/reasoning-field', json(200, completion('42', { message: { reasoning_content: 'six times seven' } })));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.reasoning).toBe('six times seven');
    expect(result.variables.aiReply).toBe('42');
  });

  it('splits a <think> prefix out of the mapped answer', async () => {

    // given
    const url = server.route('/think', json(200, completion('<think>\nsix times seven\n</think>\n\n42')));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.reasoning).toBe('six times seven');
    expect(result.variables.aiReply).toBe('42');
    expect(result.variables.catalyst_responseBody).toContain('<think>');
  });

  it('lists variables over 4,000 characters as large', async () => {

    // given
    const url = server.route('/long', json(200, completion('x'.repeat(4_001))));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.largeVariables).toEqual(expect.arrayContaining([ 'aiReply', 'catalyst_responseBody' ]));
    expect(result.largeVariables).not.toContain('modelUsed');
  });

  it('sends an API-key header without prefix when the task says so', async () => {

    // given
    const url = server.route('/api-key', json(200, completion('ok')));

    // when
    await run(makeTask(url, { authType: 'apiKeyHeader', authHeader: 'x-api-key', authPrefix: '' }));

    // then
    const [ request ] = server.requestsTo('/api-key');

    expect(request.headers['x-api-key']).toBe(SECRET);
    expect(request.headers.authorization).toBeUndefined();
  });

  it('emits an attempt event and then the result', async () => {

    // given
    const url = server.route('/events', json(200, completion('ok')));

    // when
    const { result, events } = await run(makeTask(url));

    // then
    expect(events).toEqual([ { type: 'attempt', attempt: 1 }, { type: 'result', result } ]);
  });
});
