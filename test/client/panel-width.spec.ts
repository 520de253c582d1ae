/**
 * The Catalyst group in Camunda Modeler's side panel, which opens 280 px wide: every
 * label, option, mapping path and the endpoint must be readable there, and the group must
 * pass axe-core's serious checks.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { seriousAxeViolations } from '../support/axe';
import { usePlayground } from '../support/playground';
import { catalystGroup, entry, field } from './panel-helpers';

const MODELER_PANEL_WIDTH = 280;

/**
 * The playground's CSP ('script-src self') refuses the script tag test/support/axe.ts adds;
 * evaluated over the debugging protocol it is not a page script, and axe.ts then finds it.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('client/panel: the Catalyst group at the Modeler\'s 280 px side panel', () => {
  const playground = usePlayground({ diagram: 'catalyst-example.bpmn', viewport: { width: 1200, height: 900 } });

  async function selectGroqTask() {
    await playground.selectElement('Ask_Groq');
    await expect.poll(() => field(playground, 'Provider').count()).toBe(1);
  }

  it('opens the playground panel as wide as the Modeler does', async () => {

    // when
    await selectGroqTask();

    // then
    expect(await playground.page.locator('#properties').evaluate(panel => panel.clientWidth)).toBe(MODELER_PANEL_WIDTH);
  });

  it('cuts no label, endpoint or mapping path', async () => {

    // when
    await selectGroqTask();

    // then: nothing scrolls inside its own box
    const cut = await catalystGroup(playground).evaluate(group => [
      ...group.querySelectorAll<HTMLElement>('.bio-properties-panel-label, .catalyst-section__toggle, textarea, .catalyst-mapping input, .catalyst-button')
    ].filter(node => node.scrollWidth > node.clientWidth + 1).map(node => node.getAttribute('aria-label') ?? node.textContent ?? node.id));
    expect(cut).toEqual([]);
    expect(await field(playground, 'Endpoint URL').inputValue()).toBe('https://api.groq.com/openai/v1/chat/completions');
  });

  it('shows each choice of the Catalyst selects in full when chosen', async () => {

    // given
    await selectGroqTask();

    // when: the text of every option, measured in the select's own font
    const cut = await catalystGroup(playground).evaluate(group => {
      const context = document.createElement('canvas').getContext('2d')!;

      return [ ...group.querySelectorAll<HTMLSelectElement>('select') ]
        .flatMap(select => {
          const style = getComputedStyle(select);
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
          context.font = `${ style.fontSize } ${ style.fontFamily }`;

          return [ ...select.options ].filter(option => context.measureText(option.text).width > room).map(option => option.text);
        });
    });

    // then
    expect(cut).toEqual([]);
  });

  it('shows the chosen model\'s description in full under the Model select', async () => {

    // when
    await selectGroqTask();

    // then
    const description = entry(playground, 'catalyst-model').locator('.bio-properties-panel-description').first();
    await expect.poll(() => description.evaluate(node => node.scrollWidth <= node.clientWidth)).toBe(true);
    expect(await description.innerText()).toMatch(/^Llama 3\.3 70B/);
  });

  it('has no serious accessibility violations', async () => {

    // given
    await selectGroqTask();
    await catalystGroup(playground).locator('.catalyst-payload__editor .cm-content').waitFor();

    // when
    await playground.page.evaluate(AXE_SOURCE);
    const violations = await seriousAxeViolations(playground.page, '[data-group-id="group-Catalyst__Task"]');

    // then
    expect(violations).toEqual([]);
  });

  it('closes and opens a section from the keyboard, and keeps it closed for the next task', async () => {

    // given
    await selectGroqTask();
    const errorsHeader = catalystGroup(playground).getByRole('button', { name: 'Errors & retries' });

    // when
    await errorsHeader.focus();
    await playground.page.keyboard.press('Enter');

    // then
    await expect.poll(() => errorsHeader.getAttribute('aria-expanded')).toBe('false');
    expect(await field(playground, 'Timeout').count()).toBe(0);

    // and when
    await playground.selectElement('Ask_Compatible');
    await expect.poll(() => field(playground, 'Provider').inputValue()).toBe('openai-compatible');

    // then
    expect(await field(playground, 'Timeout').count()).toBe(0);
    await catalystGroup(playground).getByRole('button', { name: 'Errors & retries' }).press('Enter');
    await expect.poll(() => field(playground, 'Timeout').count()).toBe(1);
  });
});
