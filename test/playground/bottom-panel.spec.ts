/**
 * The playground's bottom panel, the Modeler's Problems/Output panel stand-in: host tabs
 * added with `addTab` and plugin tabs from `<Fill slot="bottom-panel">` share it.
 */
import { describe, expect, it } from 'vitest';

import { seriousAxeViolations } from '../support/axe';
import { usePlayground } from '../support/playground';

describe('playground bottom panel', () => {

  const playground = usePlayground({ diagram: 'catalyst-demo.bpmn' });

  const tabNames = () => playground.page.getByRole('tablist', { name: 'Panel' }).getByRole('tab').allInnerTexts();

  it('shows the host\'s Problems tab first, then the tab a plugin filled into the bottom-panel slot', async () => {
    expect(await tabNames()).toEqual([ 'Problems', 'Catalyst' ]);
  });

  it('places a host tab by its order and renders it into its body', async () => {

    // when
    await playground.page.evaluate(() => window.catalystPlayground.bottomPanel!.addTab({
      id: 'output',
      label: 'Output',
      order: 10,
      mount: container => {
        container.textContent = 'Nothing written yet.';
      }
    }));
    await playground.page.evaluate(() => window.catalystPlayground.bottomPanel!.open('output'));

    // then
    expect(await tabNames()).toEqual([ 'Problems', 'Catalyst', 'Output' ]);
    expect(await playground.page.getByRole('tabpanel', { name: 'Output' }).innerText()).toBe('Nothing written yet.');
  });

  it('moves between tabs with the arrow keys and hides the panel with its button', async () => {

    // given
    await playground.page.getByRole('tab', { name: 'Catalyst' }).focus();

    // when
    await playground.page.keyboard.press('ArrowRight');

    // then
    expect(await playground.page.getByRole('tab', { name: 'Output' }).getAttribute('aria-selected')).toBe('true');
    expect(await playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Output');

    // when
    await playground.page.getByRole('button', { name: 'Hide panel' }).click();

    // then
    expect(await playground.page.getByRole('tabpanel').count()).toBe(0);
    expect(await playground.page.getByRole('button', { name: 'Show panel' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('has no serious accessibility violations', async () => {

    // given
    await playground.page.getByRole('button', { name: 'Show panel' }).click();

    // then
    expect(await seriousAxeViolations(playground.page, '#bottom-panel')).toEqual([]);
  });
});
