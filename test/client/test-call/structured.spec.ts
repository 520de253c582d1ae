/**
 * Structured answers in the page, end to end: a plain task becomes a schema task through the
 * panel (Response format, schema editor), the test call runs it against the fault server
 * through the bridge, shows the parsed answer and the schema verdict, and a click maps a
 * field of the answer to a variable.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { completion, json } from '../../support/fault-server';
import { structuredAnswers, TICKET_SCHEMA } from '../../support/structured-answers';
import { entry, exportedTask, field, undo, undoSteps } from '../panel-helpers';

import { closeTestCall, testCallView, INPUTS, openTestCall, outcome, send, shoot, useTestCall } from './test-call-helpers';

const ROUTE = '/structured/v1/chat/completions';

describe('structured answers in the panel and the test call', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(async () => {
    await setup.announce();
    setup.llm.route(ROUTE, structuredAnswers(setup.llm));
  });

  async function payload(): Promise<any> {
    const text = (await exportedTask(playground, 'Summarize')).properties['catalyst.payload'];

    return JSON.parse(text.replace('${limit}', '1').replace(/\$\{[^}]*\}/g, 'x'));
  }

  it('writes JSON with schema into the payload as the provider expects, in one undo step', async () => {

    // given
    await setup.openTask(ROUTE);
    const steps = await undoSteps(playground);

    // when
    await field(playground, 'Response format').selectOption({ label: 'JSON with schema' });

    // then
    await expect.poll(async () => (await payload()).response_format?.type).toBe('json_schema');
    expect((await payload()).response_format.json_schema).toMatchObject({ name: 'classification', strict: true, schema: { type: 'object' } });
    expect(await undoSteps(playground)).toBe(steps + 1);
    expect(await entry(playground, 'catalyst-responseFormat').innerText()).toContain('not known to follow a schema');

    // and undo takes it back
    await undo(playground);
    await expect.poll(async () => (await payload()).response_format).toBeUndefined();
    await field(playground, 'Response format').selectOption({ label: 'JSON with schema' });
    await expect.poll(async () => (await payload()).response_format?.type).toBe('json_schema');
  });

  it('lints the schema as typed and writes it into the payload once it is valid', async () => {

    // given
    const schema = field(playground, 'Schema');
    await schema.click();
    await playground.page.keyboard.press('ControlOrMeta+A');

    // when: a typo first
    await playground.page.keyboard.insertText('{"type": "objekt"}');

    // then
    const problems = entry(playground, 'catalyst-responseFormat').getByRole('list', { name: 'Schema problems' });
    await expect.poll(() => problems.innerText()).toContain('did you mean "object"');

    // when: the real schema
    await playground.page.keyboard.press('ControlOrMeta+A');
    await playground.page.keyboard.insertText(JSON.stringify(TICKET_SCHEMA, null, 2));
    await field(playground, 'Timeout').click();

    // then
    await expect.poll(async () => (await payload()).response_format.json_schema.schema).toEqual(TICKET_SCHEMA);
    await shoot(playground, 'structured-panel', entry(playground, 'catalyst-responseFormat'));
  });

  it('shows the parsed answer and maps a field with a click', async () => {

    // given
    await openTestCall(playground, { ...INPUTS, ticketText: 'Refund my order [valid]' }, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('complete the task');
    const section = testCallView(playground).getByRole('region', { name: 'Structured answer' });
    expect(await section.getByRole('status').innerText()).toContain('The answer matches the schema.');
    const tree = section.getByRole('tree', { name: 'Parsed answer' });
    const steps = await undoSteps(playground);

    // when
    await tree.getByRole('button', { name: 'priority', exact: true }).click();
    expect(await tree.getByLabel('Variable for choices[0].message.content#priority').inputValue()).toBe('priority');
    await tree.getByRole('button', { name: 'Map to variable' }).click();

    // then
    expect(await tree.getByRole('status').innerText()).toContain('priority → choices[0].message.content#priority');
    const mapping = JSON.parse((await exportedTask(playground, 'Summarize')).properties['catalyst.responseMapping']);
    expect(mapping).toMatchObject({ priority: 'choices[0].message.content#priority' });
    expect(await undoSteps(playground)).toBe(steps + 1);
    await shoot(playground, 'structured-valid');
    await closeTestCall(playground);
  });

  it('shows the failing paths of a schema-violating answer and the BPMN error the worker would throw', async () => {

    // given
    await openTestCall(playground, { ...INPUTS, ticketText: 'Refund my order [schema-violating]' }, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('BPMN error INVALID_RESPONSE');
    const section = testCallView(playground).getByRole('region', { name: 'Structured answer' });
    expect(await section.getByRole('status').innerText()).toContain('breaks the schema in 2 places');
    const problems = await section.getByRole('list', { name: 'Schema problems' }).innerText();
    expect(problems).toContain('choices[0].message.content#priority: must be one of "low", "medium", "high"');
    expect(problems).toContain('choices[0].message.content#amount: must be number');
    await shoot(playground, 'structured-invalid');
    await closeTestCall(playground);
  });

  it('shows an answer that is not JSON as such', async () => {

    // given
    await openTestCall(playground, { ...INPUTS, ticketText: '[invalid-json]' }, [ 'limit' ]);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('BPMN error INVALID_RESPONSE');
    const section = testCallView(playground).getByRole('region', { name: 'Structured answer' });
    expect(await section.getByRole('status').innerText()).toContain('The answer is not valid JSON.');
    await closeTestCall(playground);
  });

  it('offers the schema\'s fields as response mapping paths', async () => {

    // then
    const options = await entry(playground, 'catalyst-responseMapping').locator('datalist option').evaluateAll(nodes => nodes.map(node => (node as HTMLOptionElement).value));
    expect(options).toContain('choices[0].message.content#priority');
    expect(options).toContain('choices[0].message.content#customer.name');
  });

  it('completes JSON Schema keywords and types in the schema editor', async () => {

    // given: the cursor after the last property of the schema's root object
    const schema = field(playground, 'Schema');
    await schema.click();
    await playground.page.keyboard.press('ControlOrMeta+End');
    await playground.page.keyboard.press('ArrowLeft');

    // when
    await playground.page.keyboard.type(', "additionalProp', { delay: 10 });

    // then
    const options = playground.page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allInnerTexts()).toContain('additionalProperties');

    // and nothing is written while the schema does not parse (Ctrl+Z here would undo on
    // the diagram's command stack, as in the Modeler: the text is typed back instead)
    await playground.page.keyboard.press('Escape');
    await playground.page.keyboard.press('ControlOrMeta+A');
    await playground.page.keyboard.insertText(JSON.stringify(TICKET_SCHEMA, null, 2));
    await field(playground, 'Timeout').click();
    await expect.poll(async () => (await payload()).response_format.json_schema.schema).toEqual(TICKET_SCHEMA);
  });

  it('sets what an invalid answer ends as: another BPMN error code, or a failure', async () => {

    // given
    const outcomeSelect = field(playground, 'Invalid answer');
    expect(await outcomeSelect.inputValue()).toBe('bpmnError');
    expect(await field(playground, 'Error code').inputValue()).toBe('INVALID_RESPONSE');

    // when
    await field(playground, 'Error code').fill('NEEDS_HUMAN');
    await field(playground, 'Timeout').click();

    // then
    await expect.poll(async () => (await exportedTask(playground, 'Summarize')).properties['catalyst.invalidResponse']).toBe('NEEDS_HUMAN');

    // when
    const steps = await undoSteps(playground);
    await outcomeSelect.selectOption('failure');

    // then
    await expect.poll(async () => (await exportedTask(playground, 'Summarize')).properties['catalyst.invalidResponse']).toBe('failure');
    expect(await field(playground, 'Error code').count()).toBe(0);
    expect(await undoSteps(playground)).toBe(steps + 1);

    // and undo brings the code back
    await undo(playground);
    await expect.poll(async () => (await exportedTask(playground, 'Summarize')).properties['catalyst.invalidResponse']).toBe('NEEDS_HUMAN');
  });

  it('warns under the response mapping when a # path reads a text answer as JSON', async () => {

    // given: priority → choices[0].message.content#priority is mapped (click-to-map above)
    const warnings = entry(playground, 'catalyst-responseMapping').getByRole('list', { name: 'Response mapping warnings' });
    expect(await warnings.count()).toBe(0);

    // when
    await field(playground, 'Response format').selectOption({ label: 'Text' });

    // then
    await expect.poll(async () => (await warnings.allInnerTexts()).join('\n')).toContain('priority reads the answer as JSON (`#`), but the payload asks for text');

    // and undo takes the format back, and the warning away
    await undo(playground);
    await expect.poll(() => warnings.count()).toBe(0);
  });

  it('replaces the schema with a starter in one undo step, and warns about fields it lacks', async () => {

    // given
    const steps = await undoSteps(playground);

    // when
    await field(playground, 'Start from').selectOption({ label: 'Yes / no with reason' });

    // then
    await expect.poll(async () => Object.keys((await payload()).response_format.json_schema.schema.properties)).toEqual([ 'approved', 'reason' ]);
    expect((await payload()).response_format.json_schema.name).toBe('decision');
    expect(await undoSteps(playground)).toBe(steps + 1);
    const warnings = entry(playground, 'catalyst-responseMapping').getByRole('list', { name: 'Response mapping warnings' });
    await expect.poll(async () => (await warnings.allInnerTexts()).join('\n')).toContain('priority: the task\'s schema has no `priority`');

    // and undo brings the ticket schema back
    await undo(playground);
    await expect.poll(async () => (await payload()).response_format.json_schema.schema).toEqual(TICKET_SCHEMA);
  });

  it('shows finish reason tool_calls as such', async () => {

    // given
    setup.llm.route('/tools/v1/chat/completions', json(200, completion(null as unknown as string, {
      finishReason: 'tool_calls',
      message: { tool_calls: [ { id: 'call_1', type: 'function', function: { name: 'lookup_order', arguments: '{"orderId": 42}' } } ] }
    })));
    await setup.openTask('/tools/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    await outcome(playground);
    expect(await testCallView(playground).locator('.catalyst-test-call__facts').innerText()).toContain('tool_calls (the model asks for a tool call)');
    await closeTestCall(playground);
  });
});
