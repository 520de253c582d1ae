/**
 * `npm start` opens resources/examples/catalyst-example.bpmn: the playground's default
 * diagram, with the plugin, its style and the element templates loaded.
 */
import { describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';

describe('playground on the example diagram', () => {

  const playground = usePlayground();


  it('should open the example diagram by default', async () => {

    // when
    const catalystTasks = await playground.page.evaluate(() => {
      const { get } = window.catalystPlayground;
      return get('elementRegistry').filter((element: any) => get('catalystTasks').isCatalystTask(element))
        .map((element: { id: string }) => element.id);
    });

    // then
    expect(catalystTasks).toEqual(expect.arrayContaining([ 'Ask_Groq', 'Ask_Together', 'Ask_Fireworks' ]));
  });


  it('should load the plugin style from the manifest', async () => {

    // when
    const styles = await playground.page.evaluate(() =>
      [ ...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]') ].map(link => new URL(link.href).pathname));

    // then
    expect(styles).toContain('/plugins/catalyst/style/catalyst.css');
    expect(playground.pageErrors).toEqual([]);
  });


  it('should show the Catalyst group of a selected Catalyst task', async () => {

    // when
    await playground.selectElement('Ask_Groq');

    // then
    await expect.poll(() => playground.page.locator('[data-group-id^="group-Catalyst"]').count()).toBe(1);
    await playground.screenshot('playground-example-groq');
  });

});
