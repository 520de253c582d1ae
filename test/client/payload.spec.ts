import { beforeEach, describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import {
  catalystGroup,
  entry,
  expectProperty,
  expectUnchanged,
  exportedTask,
  field,
  openFixture,
  payloadEditor,
  payloadText,
  replacePayload,
  undo,
  undoSteps
} from './panel-helpers';

const STORED = '{\n  "model": "llama-3.3-70b-versatile",\n  "messages": [ { "role": "user", "content": "${ticketText}" } ]\n}';

describe('client/panel: Payload editor', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    await openFixture(playground);
    await playground.selectElement('Classify');
    await expect.poll(() => payloadEditor(playground).count()).toBe(1);
  });

  function problems() {
    return entry(playground, 'catalyst-payload').locator('.catalyst-diagnostic').allInnerTexts();
  }

  it('shows the stored payload', async () => {

    // then
    expect(await payloadText(playground)).toBe(STORED);
    expect(await problems()).toEqual([]);
  });

  it('highlights placeholders apart from the JSON around them', async () => {

    // then
    const editor = entry(playground, 'catalyst-payload');
    expect(await editor.locator('.catalyst-json-placeholder').allInnerTexts()).toEqual([ '${ticketText}' ]);
    expect(await editor.locator('.catalyst-json-key').allInnerTexts()).toEqual([ '"model"', '"messages"', '"role"', '"content"' ]);
  });

  it('writes what was typed, verbatim, as one undo step', async () => {

    // given
    const stepsBefore = await undoSteps(playground);
    const typed = '{"model": "llama-3.1-8b-instant",\n "messages": [{"role": "user", "content": "${customerName}: ${ticketText}"}]}';

    // when
    await replacePayload(playground, typed);
    await field(playground, 'Timeout').click();

    // then
    await expectProperty(playground, 'Classify', 'catalyst.payload', typed);
    expect(await undoSteps(playground)).toBe(stepsBefore + 1);
  });

  it('groups a burst of keystrokes into one write', async () => {

    // given
    const stepsBefore = await undoSteps(playground);
    await payloadEditor(playground).click();
    await playground.page.keyboard.press('ControlOrMeta+End');

    // when
    await playground.page.keyboard.type('\n', { delay: 20 });
    await playground.page.keyboard.type('   ', { delay: 20 });
    await field(playground, 'Timeout').click();

    // then
    await expectProperty(playground, 'Classify', 'catalyst.payload', STORED + '\n   ');
    expect(await undoSteps(playground)).toBe(stepsBefore + 1);
  });

  it('shows the previous text after undo', async () => {

    // given
    await replacePayload(playground, '{"model": "gemma2-9b-it", "messages": [{"role": "user", "content": "hi"}]}');
    await field(playground, 'Timeout').click();
    await expect.poll(async () => (await exportedTask(playground, 'Classify')).properties['catalyst.payload']).toContain('gemma2-9b-it');

    // when
    await undo(playground);

    // then
    await expect.poll(() => payloadText(playground)).toBe(STORED);
  });

  it('undoes and redoes with the keyboard in the editor as one diagram step, as in the Modeler', async () => {

    // given: Ctrl/Cmd+Z in the properties panel undoes on the command stack after the
    // editor's own history handled the key (the Modeler's PropertiesPanelKeyboardBindings;
    // in the playground, bpmn-js-properties-panel's own binding)
    const typed = '{"model": "gemma2-9b-it", "messages": [{"role": "user", "content": "hi"}]}';
    const stepsBefore = await undoSteps(playground);
    await replacePayload(playground, typed);
    await expectProperty(playground, 'Classify', 'catalyst.payload', typed);

    // when
    await playground.page.keyboard.press('ControlOrMeta+Z');

    // then
    await expectProperty(playground, 'Classify', 'catalyst.payload', STORED);
    await expect.poll(() => payloadText(playground)).toBe(STORED);
    expect(await undoSteps(playground)).toBe(stepsBefore);

    // when
    await playground.page.keyboard.press('ControlOrMeta+Shift+Z');

    // then
    await expectProperty(playground, 'Classify', 'catalyst.payload', typed);
    await expect.poll(() => payloadText(playground)).toBe(typed);
    expect(await undoSteps(playground)).toBe(stepsBefore + 1);
  });

  it('follows a model picked in the Model entry', async () => {

    // when
    await field(playground, 'Model').selectOption('gemma2-9b-it');

    // then
    await expect.poll(() => payloadText(playground)).toBe(STORED.replace('llama-3.3-70b-versatile', 'gemma2-9b-it'));
  });

  it('keeps invalid JSON as typed and shows the syntax error inline', async () => {

    // given
    const broken = '{"model": "llama-3.1-8b-instant", "messages": [ }';

    // when
    await replacePayload(playground, broken);
    await field(playground, 'Timeout').click();

    // then
    await expectProperty(playground, 'Classify', 'catalyst.payload', broken);
    await expect.poll(() => entry(playground, 'catalyst-payload').locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await entry(playground, 'catalyst-payload').locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
    expect((await problems()).length).toBeGreaterThan(0);
  });

  it('keeps a payload holding an API key out of the diagram, and writes it once the key is gone', async () => {

    // given
    const withKey = STORED.replace('"model"', `"api_key": "${'gsk_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6'}",\n  "model"`);
    const fixed = STORED.replace('"model"', '"user": "ada",\n  "model"');

    // when
    await replacePayload(playground, withKey);
    await field(playground, 'Timeout').click();

    // then
    await expect.poll(() => entry(playground, 'catalyst-payload').getByRole('alert').innerText()).toContain('Not saved');
    await expectUnchanged(playground, 'Classify', 'catalyst.payload', STORED);
    expect(await payloadText(playground)).toBe(withKey);

    // when
    await replacePayload(playground, fixed);

    // then
    await expectProperty(playground, 'Classify', 'catalyst.payload', fixed);
    expect(await entry(playground, 'catalyst-payload').getByRole('alert').count()).toBe(0);
  });

  it('names the line and column of a problem once in the list under the editor', async () => {

    // when the closing brace is missing: the object opened on line 1 is not closed
    await replacePayload(playground, '{"model": "llama-3.1-8b-instant", "messages": []');

    // then
    await expect.poll(() => problems()).toEqual([ expect.stringMatching(/^1:1 JSON syntax: .*not closed/) ]);
    expect((await problems())[0]).not.toContain('(line 1, column 1)');
  });

  it('warns about a variable the diagram does not know while typing', async () => {

    // when
    await replacePayload(playground, STORED.replace('${ticketText}', '${ticketTxt}'));

    // then
    await expect.poll(() => problems().then(texts => texts.join('\n'))).toContain('ticketTxt');
    expect(await entry(playground, 'catalyst-payload').locator('.cm-lintRange-warning').count()).toBeGreaterThan(0);
  });

  it('accepts the task\'s own input parameters as known variables', async () => {

    // when
    await replacePayload(playground, STORED.replace('${ticketText}', '${tone}: ${ticketText} ${notDeclared}'));

    // then
    await expect.poll(() => problems().then(texts => texts.join('\n'))).toContain('notDeclared');
    expect((await problems()).join('\n')).not.toContain('tone');
  });

  it('completes variable names after ${', async () => {

    // given
    await replacePayload(playground, '{"model": "llama-3.3-70b-versatile", "messages": [{"role": "user", "content": "');

    // when
    await playground.page.keyboard.type('${cus');

    // then
    const option = playground.page.locator('.cm-tooltip-autocomplete li', { hasText: 'customerName' });
    await expect.poll(() => option.count()).toBe(1);

    await option.click();
    await expect.poll(() => payloadText(playground)).toContain('"content": "${customerName}');
  });

  it('offers the diagram\'s variables and the task\'s inputs', async () => {

    // given
    await replacePayload(playground, '{"content": "');

    // when
    await playground.page.keyboard.type('${');

    // then
    const options = playground.page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    const labels = await options.allInnerTexts();
    expect(labels.join('\n')).toContain('customerName');
    expect(labels.join('\n')).toContain('ticketText');
    expect(labels.join('\n')).toContain('tone');
    await playground.screenshot('panel-completion');
  });

  it('shows the code in a problem as code, not as backticks', async () => {

    // when: Groq takes max_tokens
    await replacePayload(playground, '{"model": "llama-3.3-70b-versatile", "max_completion_tokens": 10, "messages": []}');

    // then
    const codes = entry(playground, 'catalyst-payload').locator('.catalyst-diagnostic code');
    await expect.poll(() => codes.allInnerTexts()).toContain('max_tokens');
    expect((await problems()).join('\n')).not.toContain('`');
  });

  it('says so after ${ when the diagram sets no variable, instead of showing nothing', async () => {

    // given
    await openFixture(playground, 'lone-task.bpmn');
    await playground.selectElement('Lone');
    await expect.poll(() => payloadEditor(playground).count()).toBe(1);
    await replacePayload(playground, '{"content": "');

    // when
    await playground.page.keyboard.type('${');

    // then
    const options = playground.page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allInnerTexts()).toEqual([ expect.stringContaining('No variables in this diagram yet') ]);
  });

  it('is labelled for assistive technology', async () => {

    // then
    expect(await catalystGroup(playground).getByRole('textbox', { name: 'Payload' }).count()).toBe(1);
  });
});
