import { describe, expect, it } from 'vitest';

import { chunk, completion, json, sequence, sse } from '../../support/fault-server';

import { closeDialog, dialog, INPUTS, openDialog, outcome, SECRET, send, shoot, useTestCall } from './test-call-helpers';

describe('test call dialog (bridge)', () => {

  const setup = useTestCall();
  const { playground } = setup;

  it('completes a call and shows the mapped variables', async () => {

    // given
    await setup.announce();
    setup.llm.route('/ok/v1/chat/completions', json(200, completion('Printer fire: evacuate and call facilities.')));
    await setup.openTask('/ok/v1/chat/completions');
    await openDialog(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('The worker would complete the task with these variables.');
    const variables = dialog(playground).getByRole('table', { name: 'Variables' });
    expect(await variables.innerText()).toContain('summary\tPrinter fire: evacuate and call facilities.');
    expect(await variables.innerText()).toContain('finishReason\tstop');

    const sent = JSON.parse(setup.llm.requestsTo('/ok/v1/chat/completions')[0].body);
    expect(sent.messages[0].content).toBe('Summarize for Ada: The printer is on fire.');
    expect(sent.max_tokens).toBe(64);
    await shoot(playground, 'success');
  });

  it('prefills the inputs from the last run of the task', async () => {

    // given a run from the previous test; the dialog closed
    await closeDialog(playground);

    // when
    await openDialog(playground);

    // then
    expect(await dialog(playground).getByLabel('ticketText', { exact: true }).inputValue()).toBe(INPUTS.ticketText);
    expect(await dialog(playground).getByRole('table', { name: 'Earlier runs' }).innerText()).toContain('completes');
    await closeDialog(playground);
  });

  it('says where the key comes from and that it was found, never the key', async () => {

    // given
    await setup.openTask('/ok/v1/chat/completions');

    // when
    await openDialog(playground);

    // then
    const line = dialog(playground).getByLabel('Key', { exact: true });
    await expect.poll(() => line.innerText()).toContain('from env GROQ_API_KEY — found');
    expect(await playground.page.content()).not.toContain(SECRET);
    await closeDialog(playground);
  });

  it('retries a 429 with Retry-After and then completes', async () => {

    // given
    setup.llm.route('/busy/v1/chat/completions', sequence(
      json(429, { error: { message: 'Rate limit reached', type: 'rate_limit' } }, { 'Retry-After': '1' }),
      json(200, completion('Done after a wait.'))
    ));
    await setup.openTask('/busy/v1/chat/completions');
    await openDialog(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('complete the task');
    expect(await dialog(playground).getByRole('list', { name: 'Retries' }).innerText()).toMatch(/429.*waiting 1\.0 s before attempt 2/);
    const attempts = await dialog(playground).getByRole('list', { name: 'Attempts' }).locator('li').allInnerTexts();
    expect(attempts).toEqual([ expect.stringContaining('HTTP 429'), expect.stringMatching(/^waited 1\.0 s, then HTTP 200/) ]);
    await shoot(playground, 'retry');
    await closeDialog(playground);
  });

  it('shows AUTH_FAILED for a 401', async () => {

    // given
    setup.llm.route('/denied/v1/chat/completions', json(401, { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    await setup.openTask('/denied/v1/chat/completions');
    await openDialog(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('The worker would throw BPMN error AUTH_FAILED.');
    expect(setup.llm.requestsTo('/denied/v1/chat/completions')).toHaveLength(1);
    await shoot(playground, 'auth-failed');
    await closeDialog(playground);
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
    await openDialog(playground, INPUTS, [ 'limit' ]);
    await dialog(playground).getByLabel('Stream the answer').check();

    // when
    await send(playground);

    // then the answer grows while the call runs
    const streamed = dialog(playground).getByLabel('Streamed answer');
    const seen = new Set<string>();
    await expect.poll(async () => {
      if (await streamed.count()) {
        seen.add(await streamed.innerText());
      }

      return dialog(playground).locator('.catalyst-test-call__outcome').count();
    }, { timeout: 10_000, interval: 50 }).toBe(1);

    const partials = [ ...seen ].filter(text => text && text !== tokens.join(''));
    expect(partials.length).toBeGreaterThanOrEqual(3);
    expect(partials.every(text => tokens.join('').startsWith(text))).toBe(true);
    expect(await dialog(playground).locator('.catalyst-test-call__rates').innerText()).toMatch(/First token after \d+ ms · [\d.]+ tokens\/s/);
    expect(await outcome(playground)).toContain('complete the task');
    await shoot(playground, 'stream');
    await closeDialog(playground);
  });
});
