/**
 * What selecting a task renders: the task's properties are read once per rendering (and
 * read afresh after every change), and a section below the visible part of the panel fills
 * in once the browser is idle, and the stock Extension properties group of a Catalyst task
 * renders its fields once it is opened (bench/client.ts measures the render).
 */
import { describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import { entry, expectProperty, exportedTask, undo } from './panel-helpers';

describe('client/panel: rendering on selection', () => {
  const playground = usePlayground({ diagram: 'catalyst-example.bpmn', viewport: { width: 1200, height: 900 } });

  async function select(id: string) {
    await playground.selectElement(id);
    await expect.poll(() => entry(playground, 'catalyst-payload').count()).toBe(1);
  }

  it('fills in a section below the visible part once the panel has painted', async () => {

    // given: one task shown, so the panel knows where its sections end up
    await select('Ask_Groq');
    await expect.poll(() => entry(playground, 'catalyst-retries').count()).toBe(1);

    // when
    await select('Ask_Together');

    // then
    await expect.poll(() => entry(playground, 'catalyst-retries').count()).toBe(1);
    expect(await playground.page.locator('.catalyst-section__body[aria-busy]').count()).toBe(0);
  });

  it('holds back a section below the visible part in the first paint after the panel was empty, then fills it in', async () => {

    // given: a task shown once, so the panel has learnt where its sections end up
    await select('Ask_Groq');
    await playground.page.evaluate(() => new Promise(resolve => requestIdleCallback(resolve)));

    // when: the canvas clicked, then the task again
    const heldBack = await playground.page.evaluate(async () => {
      const { get } = window.catalystPlayground;
      const nextTask = () => new Promise(resolve => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(null);
      });

      get('selection').select(null);
      await new Promise(resolve => requestAnimationFrame(resolve));
      get('selection').select(get('elementRegistry').get('Ask_Groq'));

      while (!document.querySelector('[data-entry-id="catalyst-payload"]')) {
        await nextTask();
      }

      return [ ...document.querySelectorAll('.catalyst-section__body[aria-busy]') ].map(body => body.closest('[data-entry-id]')!.getAttribute('data-entry-id'));
    });

    // then: the Errors section waits, keeping its place, and then fills in
    expect(heldBack).toContain('catalyst-section-errors');
    await expect.poll(() => entry(playground, 'catalyst-retries').count()).toBe(1);
    expect(await playground.page.locator('.catalyst-section__body[aria-busy]').count()).toBe(0);
  });

  it('reads a property written in the same moment it is read again', async () => {

    // given
    await select('Ask_Groq');

    // when: read, written through the command stack and read again without a pause
    const [ before, after ] = await playground.page.evaluate(() => {
      const { get } = window.catalystPlayground;
      const catalystTasks = get('catalystTasks');
      const task = get('elementRegistry').get('Ask_Groq');
      const read = catalystTasks.getProperty(task, 'catalyst.timeout');

      catalystTasks.setProperty(task, 'catalyst.timeout', '45000');

      return [ read, catalystTasks.getProperty(task, 'catalyst.timeout') ];
    });

    // then
    expect(before).not.toBe('45000');
    expect(after).toBe('45000');
  });

  it('reads a property changed without a command once the current script has run', async () => {

    // given
    await select('Ask_Groq');

    // when: a script changes the XML's model directly, outside the command stack
    const after = await playground.page.evaluate(async () => {
      const { get } = window.catalystPlayground;
      const catalystTasks = get('catalystTasks');
      const task = get('elementRegistry').get('Ask_Groq');

      catalystTasks.getProperty(task, 'catalyst.secretName');

      const property = task.businessObject.get('extensionElements').get('values')
        .flatMap((container: any) => container.get('values') ?? [])
        .find((each: any) => each.get('name') === 'catalyst.secretName');

      property.set('value', 'other_key');
      await Promise.resolve();

      return catalystTasks.getProperty(task, 'catalyst.secretName');
    });

    // then
    expect(after).toBe('other_key');
  });

  describe('the Extension properties group of a Catalyst task', () => {
    const GROUP = '[data-group-id="group-CamundaPlatform__ExtensionProperties"]';

    // catalyst.timeout is the twelfth property of Ask_Groq
    const TIMEOUT_ITEM = 'Ask_Groq-extensionProperty-11';

    async function selectWithGroupClosed() {
      await select('Ask_Groq');

      if (await playground.page.locator(`${ GROUP } .bio-properties-panel-list.open`).count()) {
        await playground.page.locator(`${ GROUP } .bio-properties-panel-group-header`).click();
      }

      // the given state: a closed group with no fields, every section of the panel filled in
      await expect.poll(() => playground.page.locator(`${ GROUP } .bio-properties-panel-list.open, ${ GROUP } input, .catalyst-section__body[aria-busy]`).count()).toBe(0);
    }

    it('lists the task\'s properties and edits one once opened, in one undo step', async () => {

      // given
      await selectWithGroupClosed();
      const group = playground.page.locator(GROUP);
      const before = (await exportedTask(playground, 'Ask_Groq')).properties['catalyst.timeout'];

      // when
      await group.locator('.bio-properties-panel-group-header').click();
      await group.locator(`[data-entry-id="${ TIMEOUT_ITEM }"] .bio-properties-panel-collapsible-entry-header`).click();
      const value = group.locator(`[data-entry-id="${ TIMEOUT_ITEM }-value"] input`);
      await expect.poll(() => value.inputValue()).toBe(before);
      await value.fill('PT90S');
      await value.press('Tab');

      // then
      expect(await group.locator('.bio-properties-panel-collapsible-entry-header-title').allTextContents()).toContain('catalyst.timeout');
      await expectProperty(playground, 'Ask_Groq', 'catalyst.timeout', 'PT90S');
      await undo(playground);
      await expectProperty(playground, 'Ask_Groq', 'catalyst.timeout', before);
    });

    it('opens at a field that is asked to be shown, with the keyboard focus in it', async () => {

      // given
      await selectWithGroupClosed();

      // when: what the Modeler's problems list does for a problem found on the field
      await playground.page.evaluate(id => window.catalystPlayground.get('eventBus').fire('propertiesPanel.showEntry', { id }), `${ TIMEOUT_ITEM }-value`);

      // then
      await expect.poll(() => playground.page.evaluate(() => document.activeElement?.id)).toBe(`bio-properties-panel-${ TIMEOUT_ITEM }-value`);
      expect(await playground.page.locator(`${ GROUP } .bio-properties-panel-list.open`).count()).toBe(1);
    });
  });
});
