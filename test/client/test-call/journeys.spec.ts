import { beforeAll, describe, expect, it } from 'vitest';

import { chunk, completion, delayed, json, sequence, sse } from '../../support/fault-server';
import { exportedTask, undo, undoSteps } from '../panel-helpers';

import { closeTestCall, testCallView, INPUTS, openTestCall, outcome, SECRET, send, shoot, useTestCall } from './test-call-helpers';

describe('test call (bridge)', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(() => setup.announce());

  it('completes a call and shows the mapped variables', async () => {

    // given
    setup.llm.route('/ok/v1/chat/completions', json(200, completion('Printer fire: evacuate and call facilities.')));
    await setup.openTask('/ok/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('The worker would complete the task with these variables.');
    const variables = testCallView(playground).getByRole('table', { name: 'Variables' });
    expect(await variables.innerText()).toContain('summary\tPrinter fire: evacuate and call facilities.');
    expect(await variables.innerText()).toContain('finishReason\tstop');

    const sent = JSON.parse(setup.llm.requestsTo('/ok/v1/chat/completions')[0].body);
    expect(sent.messages[0].content).toBe('Summarize for Ada: The printer is on fire.');
    expect(sent.max_tokens).toBe(64);
    await shoot(playground, 'success');
  });

  it('sends the call over the bridge\'s call socket, with no HTTP request for it', async () => {

    // given
    const callRequests: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (/\/calls(\/|$)/.test(new URL(request.url()).pathname)) {
        callRequests.push(`${request.method()} ${request.url()}`);
      }
    };

    setup.llm.route('/socket/v1/chat/completions', json(200, completion('Sent over the socket.')));
    await setup.openTask('/socket/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    playground.page.on('request', onRequest);

    try {

      // when
      await send(playground);

      // then
      expect(await outcome(playground)).toContain('The worker would complete the task with these variables.');
      expect(await testCallView(playground).getByRole('table', { name: 'Variables' }).innerText()).toContain('summary\tSent over the socket.');
      expect(callRequests).toEqual([]);
    } finally {
      playground.page.off('request', onRequest);
    }
  });

  it('prefills the inputs from the last run of the task', async () => {

    // given a run from the previous test; the dialog closed
    await closeTestCall(playground);

    // when
    await openTestCall(playground);

    // then
    expect(await testCallView(playground).getByLabel('ticketText', { exact: true }).inputValue()).toBe(INPUTS.ticketText);
    expect(await testCallView(playground).getByRole('table', { name: 'Earlier runs' }).innerText()).toContain('completes');
    await closeTestCall(playground);
  });

  it('says where the key comes from and that it was found, never the key', async () => {

    // given
    await setup.openTask('/ok/v1/chat/completions');

    // when
    await openTestCall(playground);

    // then
    const line = testCallView(playground).getByLabel('Key', { exact: true });
    await expect.poll(() => line.innerText()).toContain('from environment variable GROQ_API_KEY — found');
    expect(await playground.page.content()).not.toContain(SECRET);
    await closeTestCall(playground);
  });

  it('retries a 429 with Retry-After and then completes', async () => {

    // given
    setup.llm.route('/busy/v1/chat/completions', sequence(
      json(429, { error: { message: 'Rate limit reached', type: 'rate_limit' } }, { 'Retry-After': '1' }),
      json(200, completion('Done after a wait.'))
    ));
    await setup.openTask('/busy/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then while it waits, the status says so and names the next attempt, not the failed one as running
    const progress = testCallView(playground).getByRole('region', { name: 'Progress' });
    await expect.poll(() => progress.getByRole('status').innerText()).toBe('Waiting 1.0 s before attempt 2…');
    expect(await progress.getByRole('list', { name: 'Failed attempts' }).innerText()).toMatch(/^Attempt 1 failed: .*429/);
    await shoot(playground, 'retry-waiting');

    // and once it ended, the attempts are said once: in the result, with no progress line left above it
    expect(await outcome(playground)).toContain('complete the task');
    expect(await progress.count()).toBe(0);
    const attempts = await testCallView(playground).getByRole('list', { name: 'Attempts' }).locator('li').allInnerTexts();
    expect(attempts).toEqual([ expect.stringContaining('HTTP 429'), expect.stringMatching(/^waited 1\.0 s, then HTTP 200/) ]);
    await shoot(playground, 'retry');
    await closeTestCall(playground);
  });

  it('shows AUTH_FAILED for a 401', async () => {

    // given
    setup.llm.route('/denied/v1/chat/completions', json(401, { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    await setup.openTask('/denied/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('The worker would throw BPMN error AUTH_FAILED.');
    expect(setup.llm.requestsTo('/denied/v1/chat/completions')).toHaveLength(1);
    await shoot(playground, 'auth-failed');
    await closeTestCall(playground);
  });

  it('shows a streamed answer token by token', async () => {

    // given
    const tokens = [ 'The ', 'printer ', 'is ', 'on ', 'fire', '.' ];
    setup.llm.route('/stream/v1/chat/completions', sse([
      ...tokens.map(token => chunk({ content: token })),
      chunk({}, 'stop'),
      '[DONE]'
    ], { pauseMs: 250 }));
    await setup.openTask('/stream/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    await testCallView(playground).getByLabel('Stream the answer').check();

    // when
    await send(playground);

    // then the answer grows while the call runs
    const streamed = testCallView(playground).getByLabel('Streamed answer');
    const seen = new Set<string>();
    let shot = false;
    let rates = '';
    await expect.poll(async () => {

      // the streamed text goes once the run ended: read what is there, without waiting for it
      (await streamed.allInnerTexts()).forEach(text => seen.add(text));

      if (!shot && seen.size >= 3) {
        const [ line ] = await testCallView(playground).locator('.catalyst-test-call__rates').allInnerTexts();

        if (line) {
          shot = true;
          rates = line;
          await shoot(playground, 'stream');
        }
      }

      return testCallView(playground).locator('.catalyst-test-call__outcome').count();
    }, { timeout: 10_000, interval: 50 }).toBe(1);

    expect(rates).toMatch(/^First token after \d+ ms · ([\d.]+|—) tokens\/s · \d+ chunks?$/);
    const partials = [ ...seen ].filter(text => text && text !== tokens.join(''));
    expect(partials.length).toBeGreaterThanOrEqual(3);
    expect(partials.every(text => tokens.join('').startsWith(text))).toBe(true);
    expect(await outcome(playground)).toContain('complete the task');

    // one first-token time once it ended: the result's, not the live estimate beside it
    expect(await testCallView(playground).getByText(/First token/).count()).toBe(1);
    await closeTestCall(playground);
  });

  it('maps a node of the response body to a variable in one undo step', async () => {

    // given
    setup.llm.route('/map/v1/chat/completions', json(200, completion('Mapped answer.')));
    await setup.openTask('/map/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    await outcome(playground);
    const tree = testCallView(playground).getByRole('tree', { name: 'Response body' });
    const steps = await undoSteps(playground);

    // when
    await tree.getByRole('button', { name: 'total_tokens', exact: true }).click();
    const variable = tree.getByLabel('Variable for usage.total_tokens');
    expect(await variable.inputValue()).toBe('totalTokens');
    await tree.getByRole('button', { name: 'Map to variable' }).click();

    // then
    expect(await tree.getByRole('status').innerText()).toContain('Added totalTokens → usage.total_tokens');
    await shoot(playground, 'map-variable');
    const mapping = JSON.parse((await exportedTask(playground, 'Summarize')).properties['catalyst.responseMapping']);
    expect(mapping).toEqual({ summary: 'choices[0].message.content', finishReason: 'choices[0].finish_reason', totalTokens: 'usage.total_tokens' });
    expect(await undoSteps(playground)).toBe(steps + 1);

    await closeTestCall(playground);
    await undo(playground);
    expect(JSON.parse((await exportedTask(playground, 'Summarize')).properties['catalyst.responseMapping'])).not.toHaveProperty('totalTokens');
  });

  it('copies the request as curl with the key as $GROQ_API_KEY', async () => {

    // given
    await playground.page.context().grantPermissions([ 'clipboard-read', 'clipboard-write' ], { origin: new URL(playground.server.url).origin });
    await setup.openTask('/ok/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await testCallView(playground).getByRole('button', { name: 'Copy as curl' }).click();

    // then
    await expect.poll(() => testCallView(playground).locator('.catalyst-test-call__curl [role="status"]').innerText()).toContain('Copied to the clipboard');
    const copied = await playground.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`-X POST '${setup.llm.origin}/ok/v1/chat/completions'`);
    expect(copied).toContain('-H "Authorization: Bearer $GROQ_API_KEY"');
    expect(copied).toContain('Summarize for Ada: The printer is on fire.');
    expect(copied).not.toContain(SECRET);
    await shoot(playground, 'curl');
    await closeTestCall(playground);
  });

  it('flags long values, warns on finish reason length and splits out the reasoning', async () => {

    // given
    const long = 'x'.repeat(4500);
    const reasoning = 'Thinking about fire safety.';
    setup.llm.route('/long/v1/chat/completions', json(200, completion(long, { finishReason: 'length', message: { reasoning } })));
    await setup.openTask('/long/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    await outcome(playground);
    const summaryRow = testCallView(playground).getByRole('table', { name: 'Variables' }).locator('tr', { hasText: 'summary' });
    expect(await summaryRow.innerText()).toContain('over 4,000 characters: the worker stores it as Json, not String');
    expect(await testCallView(playground).locator('.catalyst-test-call__fact', { hasText: 'Finish reason' }).innerText()).toContain('length (cut off)');
    expect(await testCallView(playground).getByRole('list', { name: 'Warnings' }).innerText()).toContain('cut off at the token limit');
    expect(await testCallView(playground).locator('summary', { hasText: /^Reasoning/ }).innerText()).toBe(`Reasoning (${reasoning.length} characters, not mapped)`);
    await shoot(playground, 'length');
    await closeTestCall(playground);
  });

  it('cancels a running call', async () => {

    // given
    setup.llm.route('/slow/v1/chat/completions', delayed(5000, json(200, completion('too late'))));
    await setup.openTask('/slow/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    await expect.poll(() => setup.llm.requestsTo('/slow/v1/chat/completions').length).toBe(1);

    // when
    await testCallView(playground).getByRole('button', { name: 'Cancel' }).click();

    // then
    expect(await outcome(playground)).toMatch(/^Cancelled\./);
    expect(await testCallView(playground).getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
    await closeTestCall(playground);
  });

  it('opens for the selected task when the menu asks', async () => {

    // given
    await setup.openTask('/ok/v1/chat/completions');

    // when
    // (what Plugins → Catalyst → Test Selected Task… sends: menu/index.js emits the app event)
    await playground.page.evaluate(() => window.catalystPlayground.emitAppEvent('catalyst.testTask', {}));

    // then
    await expect.poll(() => testCallView(playground).count()).toBe(1);
    await closeTestCall(playground);
  });
});
