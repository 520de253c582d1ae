import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completion, delayed, json, refusedUrl, resetMidBody, sequence, startFaultServer, text, type FaultServer } from '../../support/fault-server';
import { makeTask, run } from './task';

const RATE_LIMITED = { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } };
const SERVER_ERROR = { error: { message: 'The server had an error while processing your request', type: 'server_error', code: null } };

describe('executeTask: retries', () => {
  let server: FaultServer;

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('waits as long as Retry-After says in seconds, then succeeds', async () => {

    // given
    const url = server.route('/429-seconds', sequence(json(429, RATE_LIMITED, { 'Retry-After': '7' }), json(200, completion('ok'))));

    // when
    const { result, sleeps, events } = await run(makeTask(url));

    // then
    expect(result.outcome).toBe('complete');
    expect(sleeps).toEqual([ 7_000 ]);
    expect(result.attempts.map(attempt => [ attempt.statusCode, attempt.waitedMs ])).toEqual([ [ 429, 0 ], [ 200, 7_000 ] ]);
    expect(events.map(event => event.type)).toEqual([ 'attempt', 'retry', 'attempt', 'result' ]);
    expect(events[1]).toMatchObject({ type: 'retry', attempt: 2, waitMs: 7_000, reason: expect.stringContaining('HTTP 429: Rate limit reached') });
  });

  it('waits until the HTTP date Retry-After names', async () => {

    // given
    const url = server.route('/429-date', sequence(
      (request, response, index) => json(429, RATE_LIMITED, { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() })(request, response, index),
      json(200, completion('ok'))
    ));

    // when
    const { result, sleeps } = await run(makeTask(url));

    // then
    expect(result.outcome).toBe('complete');
    expect(sleeps).toHaveLength(1);

    // HTTP dates have whole seconds, so the wait is up to a second short of 30 s.
    expect(sleeps[0]).toBeGreaterThan(28_000);
    expect(sleeps[0]).toBeLessThanOrEqual(30_000);
  });

  it('backs off exponentially without Retry-After and maps the final 429 to its BPMN error', async () => {

    // given
    const url = server.route('/429-plain', json(429, RATE_LIMITED));

    // when
    const { result, sleeps } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/429-plain')).toHaveLength(4);
    expect(sleeps).toEqual([ 750, 1_500, 3_000 ]);
    expect(result.outcome).toBe('bpmnError');
    expect(result.bpmnError).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/HTTP 429: Rate limit reached.*after 4 attempts/) });
    expect(result.variables).toMatchObject({ catalyst_statusCode: 429, catalyst_success: false, catalyst_error: result.bpmnError?.message });
  });

  it('honours x-ratelimit-reset durations', async () => {

    // given
    const url = server.route('/429-reset', sequence(
      json(429, RATE_LIMITED, { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1.5s' }),
      json(200, completion('ok'))
    ));

    // when
    const { sleeps } = await run(makeTask(url));

    // then
    expect(sleeps).toEqual([ 1_500 ]);
  });

  it('caps a long server-advised wait at maxRetryWaitMs', async () => {

    // given
    const url = server.route('/429-long', sequence(json(429, RATE_LIMITED, { 'Retry-After': '3600' }), json(200, completion('ok'))));

    // when
    const { sleeps } = await run(makeTask(url), { maxRetryWaitMs: 10_000 });

    // then
    expect(sleeps).toEqual([ 10_000 ]);
  });

  it('does not retry a 429 whose quota is exhausted', async () => {

    // given
    const quota = { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } };
    const url = server.route('/quota', json(429, quota));

    // when
    const { result, sleeps } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/quota')).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.outcome).toBe('bpmnError');
    expect(result.bpmnError?.message).toContain('You exceeded your current quota');
  });

  it('retries a 500, then fails with the provider message, the attempts and the next backoff', async () => {

    // given
    const url = server.route('/500', json(500, SERVER_ERROR));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(server.requestsTo('/500')).toHaveLength(4);
    expect(result.outcome).toBe('failure');
    expect(result.error).toBe('HTTP 500: The server had an error while processing your request (type server_error) (after 4 attempts)');
    expect(result.statusCode).toBe(500);
    expect(result.retryTimeoutMs).toBe(6_000);
  });

  it('retries a 502 HTML page and reports its title, not its markup', async () => {

    // given
    const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const url = server.route('/502', text(502, page, 'text/html'));

    // when
    const { result } = await run(makeTask(url, { retries: 1 }));

    // then
    expect(server.requestsTo('/502')).toHaveLength(2);
    expect(result.error).toBe('HTTP 502: HTML error page: 502 Bad Gateway (after 2 attempts)');
  });

  it('recovers from a 503', async () => {

    // given
    const url = server.route('/503', sequence(json(503, { error: { message: 'Service Unavailable' } }), json(200, completion('back'))));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.outcome).toBe('complete');
    expect(result.variables.aiReply).toBe('back');
    expect(result.attempts.map(attempt => attempt.statusCode)).toEqual([ 503, 200 ]);
  });

  it('retries 529 overloaded answers', async () => {

    // given
    const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const url = server.route('/529', sequence(json(529, overloaded), json(529, overloaded), json(200, completion('ok'))));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.outcome).toBe('complete');
    expect(result.attempts).toHaveLength(3);
    expect(result.attempts[0].error).toContain('Overloaded');
  });

  it('times out a slow answer per attempt and retries it', async () => {

    // given
    const url = server.route('/slow', delayed(3_000, json(200, completion('too late'))));

    // when
    const { result } = await run(makeTask(url, { timeoutMs: 150, timeout: 'PT0.15S', retries: 1 }));

    // then
    expect(server.requestsTo('/slow')).toHaveLength(2);
    expect(result.outcome).toBe('failure');
    expect(result.error).toMatch(/^timeout: no complete answer within 150 ms/);
    expect(result.attempts.map(attempt => attempt.statusCode)).toEqual([ null, null ]);
    expect(result.attempts[0].ms).toBeLessThan(2_000);
  });

  it('retries a refused connection and names the cause', async () => {

    // given
    const url = await refusedUrl();

    // when
    const { result, sleeps } = await run(makeTask(url, { retries: 2 }));

    // then
    expect(sleeps).toHaveLength(2);
    expect(result.outcome).toBe('failure');
    expect(result.error).toMatch(/network error: cannot reach http:\/\/127\.0\.0\.1:\d+ \(connection refused: no server listens at that address, ECONNREFUSED\) \(after 3 attempts\)/);
    expect(result.statusCode).toBeNull();
    expect(result.retryTimeoutMs).toBeGreaterThan(0);
  });

  it('retries a connection that breaks mid-body', async () => {

    // given
    const url = server.route('/reset', sequence(resetMidBody(), json(200, completion('whole'))));

    // when
    const { result } = await run(makeTask(url));

    // then
    expect(result.outcome).toBe('complete');
    expect(result.attempts[0].error).toMatch(/^network error: the connection broke while reading the answer/);
    expect(result.variables.aiReply).toBe('whole');
  });

  it('does not retry at all when retries is overridden to 0', async () => {

    // given
    const url = server.route('/no-retries', json(503, { error: { message: 'busy' } }));

    // when
    const { result } = await run(makeTask(url), { retries: 0 });

    // then
    expect(server.requestsTo('/no-retries')).toHaveLength(1);
    expect(result.error).toBe('HTTP 503: busy (1 attempt)');
  });
});
