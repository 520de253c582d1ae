import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completion, delayed, hugeBody, json, sequence, startFaultServer, text, type FaultServer } from '../../support/fault-server';
import { makeTask, memorySecrets, run, SECRET } from './task';

describe('executeTask: failures and mapped errors', () => {
  let server: FaultServer;

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('maps a 401 to its BPMN error at once, with the echoed key hidden', async () => {

    // given
    const url = server.route('/401', (request, response) => {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `Invalid API Key: ${request.headers.authorization}`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
    });

    // when
    const { result, sleeps } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/401')).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.outcome).toBe('bpmnError');
    expect(result.bpmnError).toEqual({
      code: 'AUTH_FAILED',
      message: 'HTTP 401: Invalid API Key: Bearer *** (type invalid_request_error, code invalid_api_key) (1 attempt)'
    });
    expect(result.variables.catalyst_responseBody).toContain('Bearer ***');
  });

  it('maps a 400 to its BPMN error without retrying', async () => {

    // given
    const url = server.route('/400', json(400, { error: { message: 'model `nope` does not exist', type: 'invalid_request_error', code: 'model_not_found' } }));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/400')).toHaveLength(1);
    expect(result.bpmnError?.code).toBe('INVALID_REQUEST');
    expect(result.variables.catalyst_statusCode).toBe(400);
  });

  it('fails a 413 that is not mapped, without retrying and without an engine retry wait', async () => {

    // given
    const url = server.route('/413', json(413, { error: { message: 'Request too large for model', type: 'invalid_request_error' } }));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/413')).toHaveLength(1);
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('HTTP 413: Request too large for model (type invalid_request_error) (1 attempt)');
    expect(result.retryTimeoutMs).toBeNull();
  });

  it('explains a FastAPI 422 by field', async () => {

    // given
    const url = server.route('/422', json(422, { detail: [ { loc: [ 'body', 'messages' ], msg: 'field required', type: 'value_error.missing' } ] }));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/422')).toHaveLength(1);
    expect(result.error).toBe('HTTP 422: body.messages: field required (1 attempt)');
  });

  it('fails a 200 whose body is not JSON, naming it', async () => {

    // given
    const url = server.route('/not-json', text(200, '{"choices": [ oops', 'application/json'));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/not-json')).toHaveLength(1);
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('HTTP 200 but the body is not valid JSON (application/json); a chat-completions answer was expected (1 attempt)');
    expect(result.variables.catalyst_responseBody).toBe('{"choices": [ oops');
  });

  it('fails a 200 that carries an error body', async () => {

    // given
    const url = server.route('/200-error', json(200, { error: { message: 'Prompt violates policy', code: 'invalid_prompt' } }));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/200-error')).toHaveLength(1);
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('HTTP 200 carrying an error: Prompt violates policy (code invalid_prompt) (1 attempt)');
    expect(result.variables.catalyst_success).toBe(false);
  });

  it('treats an HTTP-like code in a 200 error body as that status (retries, then the mapping)', async () => {

    // given
    const url = server.route('/200-429', sequence(
      json(200, { error: { message: 'Rate limit exceeded: free-models-per-min', code: 429 } }),
      json(200, { error: { message: 'Rate limit exceeded: free-models-per-min', code: 429 } })
    ));

    // when
    const { result } = await run(makeTask(url, { retries: 1 }));

    // then
    expect(server.requestsTo('/200-429')).toHaveLength(2);
    expect(result.outcome).toBe('bpmnError');
    expect(result.bpmnError?.code).toBe('RATE_LIMITED');
    expect(result.statusCode).toBe(200);
  });

  it('refuses a 20 MB body after the 10 MB cap without reading the rest', async () => {

    // given
    const url = server.route('/huge', hugeBody(20 * 1024 * 1024));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/huge')).toHaveLength(1);
    expect(result.outcome).toBe('failure');
    expect(result.error).toMatch(/^the response is too large: more than 10 MB/);
    expect(result.response?.sizeBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(result.response?.sizeBytes).toBeLessThan(11 * 1024 * 1024);
    expect(result.variables.catalyst_responseBody).toBe('');
  });

  it('honours a smaller response cap', async () => {

    // given
    const url = server.route('/capped', json(200, completion('y'.repeat(5_000))));

    // when
    const { result } = await run(makeTask(url), { maxResponseBytes: 1_000 });

    // then
    expect(result.error).toMatch(/^the response is too large: more than 1000 bytes/);
  });

  it('fails before any request when the payload does not render', async () => {

    // given
    const url = server.route('/never', json(200, completion('unused')));

    // when
    const { result } = await run(makeTask(url), { variables: {} });

    // then
    expect(server.requestsTo('/never')).toHaveLength(0);
    expect(result.outcome).toBe('failure');
    expect(result.error).toContain('userMessage');
    expect(result.attempts).toEqual([]);
  });

  it('fails before any request when the secret is missing, saying where it looked', async () => {

    // given
    const url = server.route('/never-secret', json(200, completion('unused')));

    // when
    const { result } = await run(makeTask(url), { secrets: memorySecrets({}) });

    // then
    expect(server.requestsTo('/never-secret')).toHaveLength(0);
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('env groq_api_key is not set');
  });

  it('stops at once when cancelled, without retrying', async () => {

    // given
    const url = server.route('/cancel', delayed(2_000, json(200, completion('late'))));
    const controller = new AbortController();

    setTimeout(() => controller.abort(), 50);

    // when
    const { result, sleeps } = await run(makeTask(url), { signal: controller.signal });

    // then
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('cancelled');
    expect(result.attempts).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it('stops when cancelled during the wait between attempts', async () => {

    // given
    const url = server.route('/cancel-wait', json(503, { error: { message: 'busy' } }));
    const controller = new AbortController();

    // when
    const { result } = await run(makeTask(url), {
      signal: controller.signal,
      sleep: async () => controller.abort()
    });

    // then
    expect(server.requestsTo('/cancel-wait')).toHaveLength(1);
    expect(result.error).toBe('cancelled');
  });

  it('never puts a literal secret taken from a variable into the result', async () => {

    // given
    const url = server.route('/variable-secret', (request, response) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`bad key ${request.headers.authorization}`);
    });

    // when
    const { result } = await run(makeTask(url, { secretSource: 'variable', secretName: '${apiKey}', retries: 0 }), {
      variables: { userMessage: 'hi', apiKey: SECRET }
    });

    // then
    expect(result.error).toBe('HTTP 500: bad key Bearer *** (1 attempt)');
  });
});
