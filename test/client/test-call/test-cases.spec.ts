import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { completion, json } from '../../support/fault-server';

import { testCallView, INPUTS, openTestCall, outcome, SECRET, send, shoot, useTestCall } from './test-call-helpers';

const ROUTE = '/cases/v1/chat/completions';

describe('test call dialog: saved test cases', () => {

  const setup = useTestCall();
  const { playground } = setup;
  let folder: string;
  let diagram: string;
  let answer = json(200, completion('Printer fire: evacuate and call facilities.'));

  const testCases = () => testCallView(playground).getByRole('region', { name: 'Test cases' });
  const savedFile = async () => JSON.parse(await readFile(diagram.replace(/\.bpmn$/, '.catalyst-tests.json'), 'utf8'));

  beforeAll(async () => {
    setup.llm.route(ROUTE, (request, response, index) => answer(request, response, index));

    // the diagram the Modeler has open, saved on disk: its cases go beside it
    folder = await mkdtemp(path.join(tmpdir(), 'catalyst-cases-ui-'));
    diagram = path.join(folder, 'tickets.bpmn');
    await writeFile(diagram, (await readFile(path.join(import.meta.dirname, 'fixtures/test-call.bpmn'), 'utf8')).replace('{{LLM_URL}}', `${setup.llm.origin}${ROUTE}`));

    await setup.announce();
    await playground.page.evaluate(file => window.catalystPlayground.emitAppEvent('app.activeTabChanged', { activeTab: { file: { path: file } } }), diagram);
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('saves the result on screen as a case: its inputs and expectations prefilled from what was seen', async () => {

    // given a completed test call
    await setup.openTask(ROUTE);
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    expect(await outcome(playground)).toContain('complete the task');

    // when
    await testCases().getByRole('button', { name: 'Save as test case' }).click();
    const form = testCases().getByRole('group', { name: 'New test case' });
    const prefilled = JSON.parse(await form.getByLabel(/^Expectations/).inputValue());
    await form.scrollIntoViewIfNeeded();
    await shoot(playground, 'save-case', testCases());
    await form.getByRole('button', { name: 'Save case' }).click();

    // then
    expect(prefilled).toMatchObject({ outcome: 'complete', variables: { summary: { matches: '\\S' }, finishReason: { matches: '\\S' } }, maxTokens: 29 });
    await expect.poll(() => testCases().getByRole('list', { name: 'Saved test cases' }).innerText()).toContain('The printer is on fire.');

    const saved = await savedFile();
    expect(saved.cases).toEqual([ {
      name: 'The printer is on fire.',
      task: 'Summarize',
      variables: { ticketText: 'The printer is on fire.', customer: { name: 'Ada' }, limit: 64 },
      expect: prefilled
    } ]);
    expect(JSON.stringify(saved)).not.toContain(SECRET);
  });

  it('runs a saved case and shows each expectation passing', async () => {

    // given the case saved above

    // when
    await testCases().getByRole('button', { name: 'Run The printer is on fire.' }).click();

    // then
    const row = testCases().getByRole('listitem', { name: 'The printer is on fire.' });
    await expect.poll(() => row.getByRole('status').innerText(), { timeout: 15_000 }).toBe('passed');
    const checks = await row.getByRole('list', { name: 'Expectations of The printer is on fire.' }).locator('li').allTextContents();
    expect(checks).toContain('✓ outcome is complete (passed)');
    expect(checks).toContain('✓ summary matches /\\S/ (passed)');
    await shoot(playground, 'case-passed', testCases());
  });

  it('runs all cases and names the expectation that fails, with what was seen', async () => {

    // given the provider now refuses the request
    answer = json(400, { error: { message: 'model decommissioned', type: 'invalid_request_error' } });

    // when
    await testCases().getByRole('button', { name: 'Run all' }).click();

    // then
    const row = testCases().getByRole('listitem', { name: 'The printer is on fire.' });
    await expect.poll(() => row.getByRole('status').innerText(), { timeout: 15_000 }).toBe('failed');
    expect(await row.getByRole('list').locator('li').allTextContents()).toContain('✗ outcome is complete — it was BPMN error INVALID_REQUEST (failed)');
    await shoot(playground, 'case-failed', testCases());
  });

  it('records a case, then replays it without the provider', async () => {

    // given a recording made while the provider answers
    answer = json(200, completion('Printer fire: evacuate and call facilities.'));
    await testCases().getByRole('combobox').selectOption('record');
    await testCases().getByRole('button', { name: 'Run The printer is on fire.' }).click();
    const row = testCases().getByRole('listitem', { name: 'The printer is on fire.' });
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('recorded');
    const requests = setup.llm.requestsTo(ROUTE).length;

    // when
    await testCases().getByRole('combobox').selectOption('replay');
    await testCases().getByRole('button', { name: 'Run The printer is on fire.' }).click();

    // then
    await expect.poll(() => row.getByRole('status').innerText(), { timeout: 15_000 }).toBe('passed');
    expect(setup.llm.requestsTo(ROUTE)).toHaveLength(requests);
  });

  it('fits a 280 px wide window', async () => {

    // given
    const viewport = playground.page.viewportSize()!;

    // when
    await playground.page.setViewportSize({ width: 280, height: 800 });

    try {

      // then: nothing in the cases section is wider than the dialog
      await testCases().scrollIntoViewIfNeeded();
      await shoot(playground, 'cases-280');
      const overflow = await testCases().evaluate(section => section.scrollWidth - section.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await playground.page.setViewportSize(viewport);
    }
  });
});
