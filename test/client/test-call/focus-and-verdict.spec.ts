import { beforeAll, describe, expect, it } from 'vitest';

import { completion, json } from '../../support/fault-server';
import { typeAndLeave, undo } from '../panel-helpers';

import { catalystGroup, closeTestCall, testCallView, INPUTS, openTestCall, outcome, send, useTestCall } from './test-call-helpers';

describe('test call: keyboard focus and stale answers', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(() => setup.announce());

  function focusedLabel(): Promise<string | null> {
    return playground.page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;

      return focused?.getAttribute('aria-label') ?? (focused?.id ? document.querySelector(`label[for="${focused.id}"]`)?.textContent ?? null : null);
    });
  }

  it('opens the dialog with the focus in the first variable, ready to type', async () => {

    // given
    await setup.openTask('/focus/v1/chat/completions');

    // when
    await openTestCall(playground);

    // then
    await expect.poll(focusedLabel).toBe('customer');
    await closeTestCall(playground);
  });

  it('selects a value prefilled from the last run, so typing replaces it', async () => {

    // given a run with inputs, remembered for the task
    setup.llm.route('/again/v1/chat/completions', json(200, completion('Again.')));
    await setup.openTask('/again/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    await outcome(playground);
    await closeTestCall(playground);

    // when
    await openTestCall(playground);
    await playground.page.keyboard.type('{"name": "Grace"}');

    // then
    expect(await testCallView(playground).getByLabel('customer', { exact: true }).inputValue()).toBe('{"name": "Grace"}');
    await closeTestCall(playground);
  });

  it('puts the focus into the variable name when a body node is picked, so typing names it', async () => {

    // given
    setup.llm.route('/pick/v1/chat/completions', json(200, completion('Picked.')));
    await setup.openTask('/pick/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    await outcome(playground);
    const tree = testCallView(playground).getByRole('tree', { name: 'Response body' });

    // when picking a node and typing a name at once
    await tree.getByRole('button', { name: 'total_tokens', exact: true }).click();
    await playground.page.keyboard.type('usedTokens');
    await playground.page.keyboard.press('Enter');

    // then
    expect(await focusedLabel()).toBe('Variable for usage.total_tokens');
    await expect.poll(() => tree.getByRole('status').innerText()).toContain('Added usedTokens → usage.total_tokens');
    await closeTestCall(playground);
    await undo(playground);
  });

  it('drops a connection verdict once the endpoint it was about changes', async () => {

    // given a verdict about a URL without /v1
    setup.llm.route('/nov1/chat/completions', json(404, { error: 'not found' }));
    await setup.openTask('/nov1/chat/completions');
    const verdict = catalystGroup(playground).locator('.catalyst-connection');
    await catalystGroup(playground).getByRole('button', { name: 'Check connection' }).click();
    await expect.poll(() => verdict.innerText().catch(() => '')).toContain('/v1');

    // when
    await typeAndLeave(playground, 'Endpoint URL', `${setup.llm.origin}/ok/v1/chat/completions`);

    // then
    await expect.poll(() => verdict.count()).toBe(0);
  });
});
