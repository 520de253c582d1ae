import { describe, expect, it, vi } from 'vitest';

import { EngineError, toRestVariables } from '../../worker/engine-client';
import { engineRetryTimeout, handleTask, nextRetries } from '../../worker/handler';
import type { TaskHandlerContext, TaskInput, TaskReporter } from '../../worker/handler';
import { createLogger, createSecretRedactor } from '../../worker/log';
import type { ExecutionResult, SecretStore } from '../../runtime/types';

const PROPERTIES = {
  'catalyst.provider': 'openai-compatible',
  'catalyst.url': 'http://127.0.0.1:9/v1/chat/completions',
  'catalyst.secretSource': 'env',
  'catalyst.secretName': 'test_api_key',
  'catalyst.payload': '{"model":"m","messages":[{"role":"user","content":"${userMessage}"}]}'
};

const NO_SECRETS: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async () => undefined
};

function task(overrides: Partial<TaskInput> = {}, typed: Record<string, unknown> = { userMessage: { type: 'string', value: 'Hi' } }): TaskInput {
  return {
    id: 'task-1',
    retries: null,
    processInstanceId: 'process-1',
    activityId: 'AskModel',
    extensionProperties: PROPERTIES,
    variables: { getAllTyped: () => typed } as TaskInput['variables'],
    ...overrides
  };
}

/** Records what the handler reports, with the variables as the engine client sends them. */
function fakeReporter() {
  const reports: Array<{ call: string; args: any[] }> = [];
  const record = (call: string, variablesAt = -1) => vi.fn(async (_task: any, ...args: any[]) => {
    reports.push({ call, args: args.map((arg, index) => index === variablesAt ? toRestVariables(arg) : arg) });
  });

  const reporter: TaskReporter = {
    complete: record('complete', 0),
    handleFailure: record('handleFailure'),
    handleBpmnError: record('handleBpmnError', 2),
    extendLock: record('extendLock'),
    unlock: record('unlock')
  };

  return { reporter, reports };
}

/** What the engine client throws for an engine's error answer. */
function engineError(status: number, body: { type?: string; message?: string; code?: number }): Error {
  return new EngineError(status, body);
}

function result(overrides: Partial<ExecutionResult>): ExecutionResult {
  return {
    outcome: 'complete',
    variables: {},
    bpmnError: null,
    error: null,
    statusCode: 200,
    attempts: [ { statusCode: 200, ms: 5, waitedMs: 0 } ],
    durationMs: 5,
    warnings: [],
    largeVariables: [],
    response: null,
    reasoning: null,
    finishReason: null,
    stream: null,
    retryTimeoutMs: null,
    ...overrides
  };
}

function context(execute: TaskHandlerContext['execute'], lines: string[] = []): TaskHandlerContext {
  const redactor = createSecretRedactor();

  return {
    secrets: NO_SECRETS,
    redactor,
    log: createLogger({ redactor, write: line => lines.push(line) }),
    lockDurationMs: 60_000,
    engineRetries: 3,
    execute
  };
}

describe('worker/handler', () => {

  it('completes with the mapped and standard variables, typed for the engine', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({ variables: { aiReply: 'Hello', catalyst_statusCode: 200, catalyst_success: true } });

    // when
    const disposition = await handleTask(task(), reporter, context(execute));

    // then
    expect(disposition).toBe('complete');
    expect(reports).toEqual([ { call: 'complete', args: [ {
      aiReply: { type: 'string', value: 'Hello' },
      catalyst_statusCode: { type: 'integer', value: 200 },
      catalyst_success: { type: 'boolean', value: true }
    } ] } ]);
  });

  it('logs each warning of the call, such as a mapping path that found nothing', async () => {

    // given
    const lines: string[] = [];
    const warning = 'response mapping: variable aiReply set to null, path `choices[0].message.content` matched nothing in the response';
    const execute = async () => result({ variables: { aiReply: null }, warnings: [ warning ] });

    // when
    await handleTask(task(), fakeReporter().reporter, context(execute, lines));

    // then
    expect(lines.map(line => JSON.parse(line)).filter(line => line.event === 'task.warning')).toEqual([
      expect.objectContaining({ level: 'warn', taskId: 'task-1', activityId: 'AskModel', warning })
    ]);
  });

  it('logs the payload lint of a task once per distinct configuration', async () => {

    // given a Groq task whose model Groq does not offer, run twice
    const lines: string[] = [];
    const properties = { ...PROPERTIES, 'catalyst.provider': 'groq', 'catalyst.payload': '{"model":"gpt-4o","messages":[{"role":"user","content":"${userMessage}"}]}' };
    const handler = { ...context(async () => result({}), lines), configs: new Map() };

    // when
    await handleTask(task({ extensionProperties: properties }), fakeReporter().reporter, handler);
    await handleTask(task({ id: 'task-2', extensionProperties: properties }), fakeReporter().reporter, handler);

    // then
    expect(lines.map(line => JSON.parse(line)).filter(line => line.event === 'task.lint' && line.code === 'chat/unknown-model')).toEqual([
      expect.objectContaining({ level: 'warn', taskId: 'task-1', activityId: 'AskModel', severity: 'warning', code: 'chat/unknown-model', from: 9, to: 17 })
    ]);
  });

  it('logs the task-level findings catalyst lint reports, such as an unknown property', async () => {

    // given a task with a misspelt property
    const lines: string[] = [];
    const properties = { ...PROPERTIES, 'catalyst.timout': 'PT5S' };

    // when
    await handleTask(task({ extensionProperties: properties }), fakeReporter().reporter, context(async () => result({}), lines));

    // then
    expect(lines.map(line => JSON.parse(line)).filter(line => line.event === 'task.lint')).toContainEqual(expect.objectContaining({
      level: 'warn',
      code: 'config/unknown-property',
      message: 'catalyst.timout is not a Catalyst property and is ignored; did you mean catalyst.timeout?'
    }));
  });

  it('hands the runtime the task\'s variables as plain values', async () => {

    // given
    const { reporter } = fakeReporter();
    const execute = vi.fn(async () => result({}));

    // when
    await handleTask(task({}, { userMessage: { type: 'string', value: 'Hi' }, order: { type: 'json', value: { id: 7 } } }), reporter, context(execute));

    // then
    expect(execute).toHaveBeenCalledWith(expect.objectContaining({ provider: 'openai-compatible' }), expect.objectContaining({
      variables: { userMessage: 'Hi', order: { id: 7 } }
    }));
  });

  it('throws a BPMN error with the mapped code, the message and the standard variables', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({
      outcome: 'bpmnError',
      statusCode: 429,
      bpmnError: { code: 'RATE_LIMITED', message: 'HTTP 429: slow down (4 attempts)' },
      variables: { catalyst_statusCode: 429, catalyst_success: false }
    });

    // when
    const disposition = await handleTask(task(), reporter, context(execute));

    // then
    expect(disposition).toBe('bpmnError');
    expect(reports).toEqual([ { call: 'handleBpmnError', args: [ 'RATE_LIMITED', 'HTTP 429: slow down (4 attempts)', {
      catalyst_statusCode: { type: 'integer', value: 429 },
      catalyst_success: { type: 'boolean', value: false }
    } ] } ]);
  });

  it('reports a failed call with the engine retries left and the runtime\'s backoff when it is longer', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({ outcome: 'failure', statusCode: 503, error: 'HTTP 503: overloaded (4 attempts)', retryTimeoutMs: 12_000 });

    // when
    const disposition = await handleTask(task({ retries: null }), reporter, { ...context(execute), retryTimeouts: { baseMs: 1_000, maxMs: 60_000 } });

    // then
    expect(disposition).toBe('failure');
    expect(reports).toEqual([ { call: 'handleFailure', args: [ expect.objectContaining({
      errorMessage: 'HTTP 503: overloaded (4 attempts)',
      retries: 3,
      retryTimeout: 12_000
    }) ] } ]);
  });

  it('waits longer than the runtime\'s short backoff as the engine counts failures, so its retries span an outage', async () => {

    // given a provider that is down, and a runtime that would retry after a second
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({ outcome: 'failure', statusCode: 503, error: 'HTTP 503', retryTimeoutMs: 789 });
    const handler = { ...context(execute), retryTimeouts: { baseMs: 30_000, maxMs: 600_000 } };

    // when the engine hands the task out with 3, 2 and 1 retries left
    for (const retries of [ null, 3, 2, 1 ]) {
      await handleTask(task({ retries }), reporter, handler);
    }

    // then
    expect(reports.map(report => report.args[0].retryTimeout)).toEqual([ 30_000, 60_000, 120_000, 240_000 ]);
    expect(reports.map(report => report.args[0].retries)).toEqual([ 3, 2, 1, 0 ]);
  });

  it('counts the engine retries down from what the task has left', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({ outcome: 'failure', statusCode: 500, error: 'HTTP 500', retryTimeoutMs: 1_000 });

    // when
    await handleTask(task({ retries: 1 }), reporter, context(execute));

    // then
    expect(reports[0].args[0]).toMatchObject({ retries: 0 });
  });

  it('leaves a failure before sending (template, variable or secret) to the engine\'s retries', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({ outcome: 'failure', statusCode: null, attempts: [], error: 'variable "userMessage" has no value' });

    // when
    await handleTask(task({ retries: null }), reporter, context(execute));

    // then
    expect(reports[0].args[0]).toMatchObject({ errorMessage: 'variable "userMessage" has no value', retries: 3, retryTimeout: 30_000 });
  });

  it('fails a task with broken properties naming each property, through the engine\'s retries, without calling the runtime', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = vi.fn(async () => result({}));
    const broken = { ...PROPERTIES, 'catalyst.timeout': 'soon', 'catalyst.errorMapping': '{"429":' };

    // when
    const disposition = await handleTask(task({ extensionProperties: broken }), reporter, context(execute));

    // then
    expect(disposition).toBe('failure');
    expect(execute).not.toHaveBeenCalled();
    expect(reports[0].args[0].errorMessage).toMatch(/catalyst\.timeout/);
    expect(reports[0].args[0].errorMessage).toMatch(/catalyst\.errorMapping/);
    expect(reports[0].args[0]).toMatchObject({ retries: 3 });
  });

  it('fails a task without any Catalyst properties naming the provider property', async () => {

    // given
    const { reporter, reports } = fakeReporter();

    // when
    await handleTask(task({ extensionProperties: undefined }), reporter, context(async () => result({})));

    // then
    expect(reports[0].args[0].errorMessage).toMatch(/catalyst\.provider/);
  });

  it('turns a runtime that throws into a failure instead of an exception', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = async (): Promise<ExecutionResult> => {
      throw new TypeError('boom');
    };

    // when
    const disposition = await handleTask(task(), reporter, context(execute));

    // then
    expect(disposition).toBe('failure');
    expect(reports[0]).toMatchObject({ call: 'handleFailure', args: [ { errorMessage: 'catalyst worker: boom', retries: 3 } ] });
  });

  it('reports nothing more when the engine says the task no longer exists, and logs it', async () => {

    // given
    const lines: string[] = [];
    const { reporter, reports } = fakeReporter();
    reporter.complete = async () => {
      throw engineError(404, { type: 'RestException', message: 'External task with id task-1 does not exist' });
    };

    // when
    const disposition = await handleTask(task(), reporter, context(async () => result({}), lines));

    // then
    expect(disposition).toBe('gone');
    expect(reports).toEqual([]);
    expect(lines.map(line => JSON.parse(line))).toContainEqual(expect.objectContaining({
      level: 'warn', event: 'task.gone', taskId: 'task-1', report: 'complete'
    }));
    expect(lines.map(line => JSON.parse(line))).toContainEqual(expect.objectContaining({ event: 'task.done', disposition: 'gone' }));
  });

  it('sends a complete again after a 500, and the provider is asked once', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const complete = reporter.complete;
    let refusals = 1;
    reporter.complete = async (...args) => {
      if (refusals-- > 0) {
        throw engineError(500, { type: 'ProcessEngineException', message: 'ENGINE-03005 Execution of UPDATE failed' });
      }

      return complete(...args);
    };
    const execute = vi.fn(async () => result({ variables: { aiReply: 'Hello' } }));

    // when
    const disposition = await handleTask(task(), reporter, { ...context(execute), reportTiming: { firstMs: 5 } });

    // then
    expect(disposition).toBe('complete');
    expect(reports.map(report => report.call)).toEqual([ 'complete' ]);
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('leaves a database refusal with nothing long in it to the engine\'s retries, as it may pass', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const complete = vi.fn(async () => {
      throw engineError(500, { type: 'ProcessEnginePersistenceException', message: 'An exception occurred in the persistence layer. Please check the server logs for a detailed message and the entire exception stack trace.' });
    });
    reporter.complete = complete;

    // when
    const disposition = await handleTask(task(), reporter, { ...context(async () => result({ variables: { aiReply: 'short' } })), reportTiming: { firstMs: 5, maxMs: 5, windowMs: 0 } });

    // then
    expect(disposition).toBe('failure');
    expect(complete).toHaveBeenCalledTimes(1);
    expect(reports[0].args[0]).toMatchObject({ retries: 3, errorMessage: expect.stringMatching(/the engine could not store the completion \(the engine answered HTTP 500: An exception occurred in the persistence layer/) });
  });

  it('turns any other lasting refusal into a failure with no retries carrying the engine\'s words', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    reporter.handleBpmnError = async () => {
      throw engineError(400, { type: 'InvalidRequestException', message: 'Cannot deserialize Json variable order' });
    };
    const execute = async () => result({ outcome: 'bpmnError', statusCode: 429, bpmnError: { code: 'RATE_LIMITED', message: 'slow down' } });

    // when
    const disposition = await handleTask(task(), reporter, context(execute));

    // then
    expect(disposition).toBe('failure');
    expect(reports).toEqual([ { call: 'handleFailure', args: [ expect.objectContaining({
      retries: 0,
      errorMessage: 'catalyst worker: the engine refused the BPMN error (the engine answered HTTP 400: Cannot deserialize Json variable order (InvalidRequestException))'
    }) ] } ]);
  });

  it('gives up sending after the report window while the engine stays unreachable, and says so', async () => {

    // given
    const lines: string[] = [];
    const { reporter, reports } = fakeReporter();
    reporter.complete = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' });
    };

    // when
    const disposition = await handleTask(task(), reporter, { ...context(async () => result({}), lines), reportTiming: { firstMs: 5, maxMs: 20, windowMs: 1_000 } });

    // then
    const logged = lines.map(line => JSON.parse(line));
    expect(disposition).toBe('unreported');
    expect(reports).toEqual([]);
    expect(logged.filter(line => line.event === 'task.report-retry').length).toBeGreaterThanOrEqual(2);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', event: 'task.report-failed', report: 'complete', error: expect.stringMatching(/did not answer.*ECONNREFUSED/) }));
    expect(logged).not.toContainEqual(expect.objectContaining({ event: 'task.done', disposition: 'complete' }));
  });

  it('raises an incident at once for a string over the limit under --long-values fail, sending no complete', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({ variables: { aiReply: 'x'.repeat(2_500) } });

    // when
    const disposition = await handleTask(task(), reporter, { ...context(execute), stringRule: { limit: 2_000, longValues: 'fail' } });

    // then
    expect(disposition).toBe('failure');
    expect(reports).toEqual([ { call: 'handleFailure', args: [ expect.objectContaining({
      errorMessage: expect.stringMatching(/^catalyst worker: value of aiReply is 2,500 characters, over the String limit of 2,000/),
      retries: 0
    }) ] } ]);
  });

  it('cuts a string over the limit under --long-values truncate, and logs which', async () => {

    // given
    const lines: string[] = [];
    const { reporter, reports } = fakeReporter();
    const execute = async () => result({ variables: { aiReply: 'y'.repeat(2_500) } });

    // when
    await handleTask(task(), reporter, { ...context(execute, lines), stringRule: { limit: 2_000, longValues: 'truncate' } });

    // then
    expect(reports[0].args[0].aiReply).toEqual({ type: 'string', value: 'y'.repeat(2_000) });
    expect(lines.map(line => JSON.parse(line))).toContainEqual(expect.objectContaining({ event: 'task.value-truncated', variable: 'aiReply', length: 2_500, limit: 2_000 }));
  });

  it('releases a task that arrives while the worker drains, without running it', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const execute = vi.fn(async () => result({}));
    const draining = new AbortController();
    draining.abort();

    // when
    const disposition = await handleTask(task(), reporter, { ...context(execute), draining: draining.signal });

    // then
    expect(disposition).toBe('released');
    expect(execute).not.toHaveBeenCalled();
    expect(reports).toEqual([ { call: 'unlock', args: [] } ]);
  });

  it('releases a running task when the worker stops waiting for it', async () => {

    // given
    const { reporter, reports } = fakeReporter();
    const shutdown = new AbortController();
    const execute = vi.fn((_config, options: { signal?: AbortSignal }) => new Promise<ExecutionResult>(resolve => {
      options.signal!.addEventListener('abort', () => resolve(result({ outcome: 'failure', error: 'cancelled' })));
    }));

    // when
    const handled = handleTask(task(), reporter, { ...context(execute), shutdown: shutdown.signal });
    await vi.waitFor(() => expect(execute).toHaveBeenCalled());
    shutdown.abort();

    // then
    expect(await handled).toBe('released');
    expect(reports).toEqual([ { call: 'unlock', args: [] } ]);
  });

  it('keeps a secret read from a process variable out of what it reports and logs', async () => {

    // given
    const lines: string[] = [];
    const { reporter, reports } = fakeReporter();
    const secret = 'sk-live-0123456789abcdef';
    const properties = { ...PROPERTIES, 'catalyst.secretSource': 'variable', 'catalyst.secretName': '${apiKey}' };
    const execute = async () => result({ outcome: 'failure', error: `HTTP 500: key ${secret} rejected` });

    // when
    await handleTask(task({ extensionProperties: properties }, { apiKey: { type: 'string', value: secret } }), reporter, context(execute, lines));

    // then
    expect(JSON.stringify(reports)).not.toContain(secret);
    expect(lines.join('\n')).not.toContain(secret);
    expect(reports[0].args[0].errorMessage).toBe('HTTP 500: key *** rejected');
  });

  describe('nextRetries', () => {

    it('starts from the worker\'s engine retries and counts down to 0', () => {

      // then
      expect(nextRetries(null, 3)).toBe(3);
      expect(nextRetries(3, 3)).toBe(2);
      expect(nextRetries(1, 3)).toBe(0);
      expect(nextRetries(0, 3)).toBe(0);
    });
  });

  describe('engineRetryTimeout', () => {

    it('doubles with each failure the engine has counted, up to ten minutes', () => {

      // then
      expect(engineRetryTimeout(null, 3)).toBe(30_000);
      expect(engineRetryTimeout(3, 3)).toBe(60_000);
      expect(engineRetryTimeout(2, 3)).toBe(120_000);
      expect(engineRetryTimeout(0, 100)).toBe(600_000);
    });

    it('follows a configured first wait and cap', () => {

      // then
      expect(engineRetryTimeout(2, 3, { baseMs: 1_000, maxMs: 3_000 })).toBe(3_000);
      expect(engineRetryTimeout(null, 3, { baseMs: 0, maxMs: 0 })).toBe(0);
    });
  });

  describe('with the trust allowlist on (--trust)', () => {
    const hostile = { ...PROPERTIES, 'catalyst.url': 'https://attacker.example/v1/chat/completions' };
    const keyStore: SecretStore = { ...NO_SECRETS, read: async () => 'sk-WORKERCANARY0123456789' };

    function trusting(trustedHosts: TaskHandlerContext['trustedHosts'], sent: string[]): TaskHandlerContext {
      return {
        ...context(undefined),
        execute: undefined,
        secrets: keyStore,
        trustedHosts,
        fetch: async input => {
          sent.push(String(input));

          return new Response(JSON.stringify({ choices: [ { message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' } ] }), { headers: { 'content-type': 'application/json' } });
        }
      };
    }

    it('fails a task whose key would go to a host not on the list, sending nothing', async () => {

      // given
      const sent: string[] = [];
      const { reporter, reports } = fakeReporter();

      // when
      const disposition = await handleTask(task({ extensionProperties: hostile }), reporter, trusting([ { secret: 'test_api_key', host: 'llm.internal' } ], sent));

      // then
      expect(disposition).toBe('failure');
      expect(sent).toEqual([]);
      expect(JSON.stringify(reports)).toContain('the key from test_api_key is not sent to attacker.example');
    });

    it('runs a task whose pair is on the list', async () => {

      // given
      const sent: string[] = [];

      // when
      const disposition = await handleTask(task({ extensionProperties: hostile }), fakeReporter().reporter, trusting([ { secret: 'test_api_key', host: 'attacker.example' } ], sent));

      // then
      expect(disposition).toBe('complete');
      expect(sent).toEqual([ 'https://attacker.example/v1/chat/completions' ]);
    });

    it('sends as the diagram says when the list is off (the default)', async () => {

      // given
      const sent: string[] = [];

      // when
      const disposition = await handleTask(task({ extensionProperties: hostile }), fakeReporter().reporter, trusting(undefined, sent));

      // then
      expect(disposition).toBe('complete');
      expect(sent).toHaveLength(1);
    });
  });
});
