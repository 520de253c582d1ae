import { beforeAll, describe, expect, it } from 'vitest';

import { chunk, completion, delayed, json, sequence, sse } from '../../support/fault-server';
import { exportedTask, undo, undoSteps } from '../panel-helpers';

import { closeDialog, dialog, INPUTS, openDialog, outcome, SECRET, send, shoot, useTestCall } from './test-call-helpers';

describe('test call dialog (bridge)', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(() => setup.announce());

  it('completes a call and shows the mapped variables', async () => {

    // given
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
    let shot = false;
    await expect.poll(async () => {
      if (await streamed.count()) {
        seen.add(await streamed.innerText());
      }

      if (!shot && seen.size >= 3) {
        shot = true;
        await shoot(playground, 'stream');
      }

      return dialog(playground).locator('.catalyst-test-call__outcome').count();
    }, { timeout: 10_000, interval: 50 }).toBe(1);

    const partials = [ ...seen ].filter(text => text && text !== tokens.join(''));
    expect(partials.length).toBeGreaterThanOrEqual(3);
    expect(partials.every(text => tokens.join('').startsWith(text))).toBe(true);
    expect(await dialog(playground).locator('.catalyst-test-call__rates').innerText()).toMatch(/First token after \d+ ms · [\d.]+ tokens\/s/);
    expect(await outcome(playground)).toContain('complete the task');
    await closeDialog(playground);
  });

  it('maps a node of the response body to a variable in one undo step', async () => {

    // given
    setup.llm.route('/map/v1/chat/completions', json(200, completion('Mapped answer.')));
    await setup.openTask('/map/v1/chat/completions');
    await openDialog(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    await outcome(playground);
    const tree = dialog(playground).getByRole('tree', { name: 'Response body' });
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

    await closeDialog(playground);
    await undo(playground);
    expect(JSON.parse((await exportedTask(playground, 'Summarize')).properties['catalyst.responseMapping'])).not.toHaveProperty('totalTokens');
  });

  it('copies the request as curl with the key as $GROQ_API_KEY', async () => {

    // given
    await playground.page.context().grantPermissions([ 'clipboard-read', 'clipboard-write' ], { origin: new URL(playground.server.url).origin });
    await setup.openTask('/ok/v1/chat/completions');
    await openDialog(playground, INPUTS, [ 'limit' ]);

    // when
    await dialog(playground).getByRole('button', { name: 'Copy as curl' }).click();

    // then
    await expect.poll(() => dialog(playground).locator('.catalyst-test-call__curl [role="status"]').innerText()).toContain('Copied to the clipboard');
    const copied = await playground.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`-X POST '${setup.llm.origin}/ok/v1/chat/completions'`);
    expect(copied).toContain('-H "Authorization: Bearer $GROQ_API_KEY"');
    expect(copied).toContain('Summarize for Ada: The printer is on fire.');
    expect(copied).not.toContain(SECRET);
    await shoot(playground, 'curl');
    await closeDialog(playground);
  });

  it('flags long values, warns on finish reason length and splits out the reasoning', async () => {

    // given
    const long = 'x'.repeat(4500);
    const reasoning = 'Thinking about fire safety.';
    setup.llm.route('/long/v1/chat/completions', json(200, completion(long, { finishReason: 'length', message: { reasoning } })));
    await setup.openTask('/long/v1/chat/completions');
    await openDialog(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    await outcome(playground);
    const summaryRow = dialog(playground).getByRole('table', { name: 'Variables' }).locator('tr', { hasText: 'summary' });
    expect(await summaryRow.innerText()).toContain('over 4,000 characters: the worker stores it as Json, not String');
    expect(await dialog(playground).locator('.catalyst-test-call__fact', { hasText: 'Finish reason' }).innerText()).toContain('length (cut off)');
    expect(await dialog(playground).getByRole('list', { name: 'Warnings' }).innerText()).toContain('cut off at the token limit');
    expect(await dialog(playground).locator('summary', { hasText: /^Reasoning/ }).innerText()).toBe(`Reasoning (${reasoning.length} characters, not mapped)`);
    await shoot(playground, 'length');
    await closeDialog(playground);
  });

  it('cancels a running call', async () => {

    // given
    setup.llm.route('/slow/v1/chat/completions', delayed(5000, json(200, completion('too late'))));
    await setup.openTask('/slow/v1/chat/completions');
    await openDialog(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    await expect.poll(() => setup.llm.requestsTo('/slow/v1/chat/completions').length).toBe(1);

    // when
    await dialog(playground).getByRole('button', { name: 'Cancel' }).click();

    // then
    expect(await outcome(playground)).toMatch(/^Cancelled\./);
    expect(await dialog(playground).getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
    await closeDialog(playground);
  });

  it('opens for the selected task when the menu asks', async () => {

    // given
    await setup.openTask('/ok/v1/chat/completions');

    // when
    // (what Plugins → Catalyst → Test Selected Task… sends: menu/index.js emits the app event)
    await playground.page.evaluate(() => window.catalystPlayground.emitAppEvent('catalyst.testTask', {}));

    // then
    await expect.poll(() => dialog(playground).count()).toBe(1);
    await closeDialog(playground);
  });

  it('keeps keyboard focus inside the dialog', async () => {

    // given
    await openDialog(playground);
    const focusables = dialog(playground).locator('button:not([disabled]), input, textarea, summary');
    const count = await focusables.count();

    // when tabbing once more than there are controls
    for (let i = 0; i < count + 1; i++) {
      await playground.page.keyboard.press('Tab');
    }

    // then
    expect(await playground.page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await closeDialog(playground);
    expect(await playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Test call');
  });
});
