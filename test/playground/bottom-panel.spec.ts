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

  it('shows the tab a plugin filled into the bottom-panel slot', async () => {
    expect(await tabNames()).toEqual([ 'Catalyst' ]);
  });

  it('places a host tab by its order and renders it into its body', async () => {

    // when: what the playground's Problems tab does
    await playground.page.evaluate(() => window.catalystPlayground.bottomPanel!.addTab({
      id: 'problems',
      label: 'Problems',
      order: -10,
      mount: container => {
        container.textContent = 'No problems found.';
      }
    }));
    await playground.page.evaluate(() => window.catalystPlayground.bottomPanel!.open('problems'));

    // then
    expect(await tabNames()).toEqual([ 'Problems', 'Catalyst' ]);
    expect(await playground.page.getByRole('tabpanel', { name: 'Problems' }).innerText()).toBe('No problems found.');
  });

  it('moves between tabs with the arrow keys and hides the panel with its button', async () => {

    // given
    await playground.page.getByRole('tab', { name: 'Problems' }).focus();

    // when
    await playground.page.keyboard.press('ArrowRight');

    // then
    expect(await playground.page.getByRole('tab', { name: 'Catalyst' }).getAttribute('aria-selected')).toBe('true');
    expect(await playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Catalyst');

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
