/**
 * The test call beside the diagram: the Catalyst tab of the bottom panel (the Modeler's
 * Problems/Output panel; the playground has the same slot). The user edits the task,
 * sends again with Ctrl+Enter and compares the runs, without closing anything.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { completion, delayed, json, sequence } from '../../support/fault-server';
import { seriousAxeViolations } from '../../support/axe';

import { catalystGroup, catalystTab, closeTestCall, INPUTS, openTestCall, outcome, shoot, testCallView, useTestCall } from './test-call-helpers';

const ROUTE = '/tab/v1/chat/completions';
const KEYBOARD_ROUTE = '/keyboard/v1/chat/completions';
const FIRST_ANSWER = 'The printer is on fire. Evacuate.';
const SECOND_ANSWER = 'The printer is on fire. Evacuate and call facilities.';

describe('test call in the bottom panel', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(() => setup.announce());

  /** What the keyboard is on: never the page itself. */
  function focusedTag(): Promise<string> {
    return playground.page.evaluate(() => document.activeElement?.tagName ?? 'none');
  }

  /** Types `text` over the whole payload in the panel's payload editor, which keeps the focus. */
  async function editPayload(text: string): Promise<void> {
    const content = catalystGroup(playground).locator('[data-entry-id="catalyst-payload"] .cm-content');

    await content.click();
    await playground.page.keyboard.press('ControlOrMeta+A');
    await playground.page.keyboard.insertText(text);
  }

  async function payloadText(): Promise<string> {
    return playground.page.evaluate(() => {
      const element = window.catalystPlayground.get('elementRegistry').get('Summarize');

      return window.catalystPlayground.get('catalystTasks').getProperties(element)['catalyst.payload'] as string;
    });
  }

  it('sends the edited payload with Ctrl+Enter from the payload editor and shows the result in the Catalyst tab', async () => {

    // given the test call open with its inputs filled
    setup.llm.route(ROUTE, sequence(
      json(200, completion(FIRST_ANSWER)),
      json(200, { ...completion(SECOND_ANSWER), usage: { prompt_tokens: 14, completion_tokens: 11, total_tokens: 25 } })
    ));
    await setup.openTask(ROUTE);
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    const prompt = (await payloadText()).replace('Summarize for', 'Summarize briefly for');

    // when
    await editPayload(prompt);
    await playground.page.keyboard.press('ControlOrMeta+Enter');

    // then the tab is open with the result, and the keyboard is still in the payload editor
    expect(await outcome(playground)).toContain('The worker would complete the task');
    expect(await catalystTab(playground).getAttribute('aria-selected')).toBe('true');
    expect(JSON.parse(setup.llm.requestsTo(ROUTE)[0].body).messages[0].content).toBe('Summarize briefly for Ada: The printer is on fire.');
    expect(await playground.page.evaluate(() => !!document.activeElement?.closest('.cm-content'))).toBe(true);
    await shoot(playground, 'tab', playground.page.locator('body'));
  });

  it('keeps the last result in view while the next run goes', async () => {

    // given the result of the previous test; a slow answer next
    setup.llm.route(ROUTE, delayed(600, json(200, completion(SECOND_ANSWER))));

    // when
    await editPayload((await payloadText()).replace('Summarize briefly for', 'Summarize in one line for'));
    await playground.page.keyboard.press('ControlOrMeta+Enter');

    // then
    await expect.poll(() => testCallView(playground).getAttribute('aria-busy')).toBe('true');
    expect(await testCallView(playground).getByRole('heading', { name: 'Previous result (run 1)' }).count()).toBe(1);
    expect(await testCallView(playground).getByRole('table', { name: 'Variables' }).innerText()).toContain(FIRST_ANSWER);
    await outcome(playground);
  });

  it('compares the last two runs: the answer word by word, the variables, status, tokens and time', async () => {

    // given the two runs of the previous tests (answers differ in their last words)
    const compare = testCallView(playground).getByRole('region', { name: 'Compare runs' });

    // then
    await expect.poll(() => compare.count()).toBe(1);
    const differences = compare.getByRole('table', { name: 'Differences between the runs' });
    const header = await differences.locator('thead').innerText();
    expect(header).toMatch(/Run 1\s+Run 2/);
    expect(await differences.getByRole('row', { name: /^Status/ }).innerText()).toMatch(/Status\s+200\s+200/);
    expect(await differences.getByRole('row', { name: /^Tokens/ }).innerText()).toMatch(/Tokens\s+19\s+19/);
    expect(await differences.getByRole('row', { name: /^Time/ }).count()).toBe(1);
    expect(await differences.getByRole('row', { name: /^summary/ }).innerText()).toContain('(changed)');
    const diff = compare.getByLabel('Answer diff');
    expect(await diff.locator('ins').allTextContents()).toEqual([ '[added:  and call facilities]' ]);
    expect(await diff.locator('del').count()).toBe(0);
    await compare.scrollIntoViewIfNeeded();
    await shoot(playground, 'compare', testCallView(playground));
  });

  it('follows the diagram in front: out of view while another diagram shows, back with its runs', async () => {

    // given the test call with the two runs of the previous tests
    const compare = testCallView(playground).getByRole('region', { name: 'Compare runs' });
    await expect.poll(() => compare.count()).toBe(1);

    // when the editor is detached, as the Modeler does when the user picks another diagram's tab
    await playground.page.evaluate(() => {
      const modeler = window.catalystPlayground.modeler as unknown as { _container: HTMLElement; detach(): void };

      (window as unknown as { catalystParent: Node }).catalystParent = modeler._container.parentNode!;
      modeler.detach();
    });

    // then the tab no longer shows a task of a diagram out of view
    await expect.poll(() => testCallView(playground).count()).toBe(0);
    expect(await playground.page.locator('#bottom-panel .catalyst-tab__empty').innerText()).toContain('Select a Catalyst task');

    // when the diagram comes back
    await playground.page.evaluate(() => {
      const modeler = window.catalystPlayground.modeler as unknown as { attachTo(parent: Node): void };

      modeler.attachTo((window as unknown as { catalystParent: Node }).catalystParent);
    });

    // then its test call is there again, runs and comparison kept
    await expect.poll(() => compare.count()).toBe(1);
    expect(await compare.getByLabel('Answer diff').locator('ins').allTextContents()).toEqual([ '[added:  and call facilities]' ]);
  });

  it('has no serious accessibility violations in the tab', async () => {
    expect(await seriousAxeViolations(playground.page, '#bottom-panel')).toEqual([]);
  });

  it('is used by keyboard alone, and the focus never lands on the page', async () => {

    // given
    setup.llm.route(KEYBOARD_ROUTE, delayed(400, json(200, completion(FIRST_ANSWER))));
    await setup.openTask(KEYBOARD_ROUTE);
    await closeTestCall(playground);
    expect(await focusedTag()).not.toBe('BODY');
    await catalystGroup(playground).getByRole('button', { name: 'Test call', exact: true }).focus();

    // when the panel's Test call is pressed with Enter
    await playground.page.keyboard.press('Enter');

    // then the keyboard is in the tab's first field
    await expect.poll(() => playground.page.evaluate(() => document.activeElement?.id)).toBe('catalyst-test-call-var-customer');

    // when Tab reaches Send and Enter sends
    const send = testCallView(playground).getByRole('button', { name: 'Send', exact: true });

    for (let presses = 0; presses < 20 && !(await send.evaluate(button => button === document.activeElement)); presses++) {
      await playground.page.keyboard.press('Tab');
      expect(await focusedTag()).not.toBe('BODY');
    }

    await playground.page.keyboard.press('Enter');

    // then Send says it is busy, and keeps the focus while the run goes and after
    await expect.poll(() => send.getAttribute('aria-disabled')).toBe('true');
    expect(await send.evaluate(button => button === document.activeElement)).toBe(true);
    await outcome(playground);
    expect(await send.evaluate(button => button === document.activeElement)).toBe(true);

    // when Ctrl+Enter is pressed in a field of the tab
    await playground.page.keyboard.press('Shift+Tab');
    await playground.page.keyboard.press('ControlOrMeta+Enter');

    // then it sent once more, and the focus stayed put
    await expect.poll(() => setup.llm.requestsTo(KEYBOARD_ROUTE).length).toBe(2);
    await outcome(playground);
    expect(await focusedTag()).not.toBe('BODY');

    // when the × closes the test call
    await testCallView(playground).getByRole('button', { name: 'Close the test call' }).focus();
    await playground.page.keyboard.press('Enter');

    // then the keyboard stays in the tab
    await expect.poll(() => testCallView(playground).count()).toBe(0);
    expect(await playground.page.evaluate(() => document.activeElement?.className)).toBe('catalyst-tab__empty');
  });

  it('says how to give the desktop a missing key', async () => {

    // given a task whose key is an environment variable nobody set
    await setup.openTaskAt(`${setup.llm.origin}${ROUTE}`, { 'catalyst.secretName': 'nowhere_key' });

    // when
    await openTestCall(playground);

    // then
    const line = testCallView(playground).getByLabel('Key', { exact: true });
    await expect.poll(() => line.innerText()).toContain('environment variable NOWHERE_KEY is not set');
    expect(await line.innerText()).toContain('Export it in the shell that starts the Modeler and restart the Modeler, or keep it in the secrets file (Catalyst → Open Secrets File). A local server (Ollama, LM Studio) needs no key: set Auth to None.');
    await closeTestCall(playground);
  });

  it('reaches the panel tabs and the playground\'s Open with Tab', async () => {

    // given
    await playground.page.getByRole('toolbar', { name: 'Playground' }).getByRole('button', { name: 'Export XML' }).focus();

    // when
    await playground.page.keyboard.press('Shift+Tab');

    // then
    expect(await playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Open');
    await catalystTab(playground).focus();
    expect(await playground.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
  });
});

describe('test call where the host has no bottom panel', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(async () => {
    await playground.page.goto(`${playground.server.url}?bottomPanel=none`);
    await playground.page.waitForFunction(() => window.catalystPlayground?.status === 'ready');
    await setup.announce();
  });

  const modal = () => playground.page.getByRole('dialog', { name: /^Test call/ });

  it('opens a modal dialog instead, with the focus in its first field', async () => {

    // given
    setup.llm.route(ROUTE, json(200, completion(FIRST_ANSWER)));
    await setup.openTask(ROUTE);

    // when
    await catalystGroup(playground).getByRole('button', { name: 'Test call', exact: true }).click();

    // then
    await expect.poll(() => modal().count()).toBe(1);
    expect(await playground.page.evaluate(() => document.activeElement?.closest('dialog')?.open)).toBe(true);
    expect(await playground.page.getByRole('region', { name: /^Test call/ }).count()).toBe(0);
  });

  it('keeps the keyboard inside while it runs and has no serious accessibility violations', async () => {

    // given the dialog of the previous test
    const send = modal().getByRole('button', { name: 'Send', exact: true });

    for (const [ name, value ] of Object.entries(INPUTS)) {
      await modal().getByLabel(name, { exact: true }).fill(value);
    }

    await modal().getByLabel('limit is JSON', { exact: true }).check();

    // when
    await send.click();
    await expect.poll(() => modal().locator('.catalyst-test-call__outcome').count()).toBe(1);

    // then
    expect(await playground.page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    expect(await seriousAxeViolations(playground.page, 'dialog.catalyst-test-call__dialog')).toEqual([]);
    await shoot(playground, 'modal', modal());
  });

  it('closes with Escape and gives the focus back to Test call', async () => {

    // when
    await playground.page.keyboard.press('Escape');

    // then
    await expect.poll(() => modal().count()).toBe(0);
    expect(await playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Test call');
  });
});
