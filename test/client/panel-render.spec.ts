/**
 * What selecting a task renders: the task's properties are read once per rendering (and
 * read afresh after every change), and a section below the visible part of the panel fills
 * in once the browser is idle (bench/client.ts measures the render).
 */
import { describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import { entry } from './panel-helpers';

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
});
