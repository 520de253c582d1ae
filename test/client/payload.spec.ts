import { beforeEach, describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import {
  catalystGroup,
  entry,
  expectProperty,
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

  it('is labelled for assistive technology', async () => {

    // then
    expect(await catalystGroup(playground).getByRole('textbox', { name: 'Payload' }).count()).toBe(1);
  });
});
