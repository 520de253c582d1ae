/**
 * Catalyst tasks recognisable on the canvas: the provider's icon where a service task's
 * gear is, in the editor and in the SVG export, with labels and markers as bpmn-js draws
 * them on any task.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { usePlayground, type Playground } from '../support/playground';
import { openFixture } from './panel-helpers';

/** The provider icon drawn in the element's graphics, `null` when there is none. */
function drawnIcon(playground: Playground, id: string) {
  return playground.page.evaluate(elementId => {
    const gfx = window.catalystPlayground.get('elementRegistry').getGraphics(elementId);
    const image = gfx?.querySelector('image.catalyst-task-icon');

    return image && { provider: image.getAttribute('data-catalyst-provider'), href: image.getAttribute('href') };
  }, id);
}

function visibleText(playground: Playground, id: string) {
  return playground.page.evaluate(elementId => window.catalystPlayground.get('elementRegistry').getGraphics(elementId).textContent, id);
}

function saveSvg(playground: Playground): Promise<string> {
  return playground.page.evaluate(async () => (await window.catalystPlayground.get('bpmnjs').saveSVG()).svg);
}

describe('client/canvas: provider icon on Catalyst tasks', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    await openFixture(playground);
  });

  it('draws the provider icon on a Catalyst task, keeping its label', async () => {

    // then
    const icon = await drawnIcon(playground, 'Classify');
    expect(icon?.provider).toBeTruthy();
    expect(icon?.href).toMatch(/^data:image\/svg\+xml,/);
    expect(await visibleText(playground, 'Classify')).toContain(await playground.page.evaluate(() => window.catalystPlayground.get('elementRegistry').get('Classify').businessObject.name));
    await playground.screenshot('canvas-provider-icons');
  });

  it('draws no icon on a service task that is not a Catalyst task', async () => {

    // then
    expect(await drawnIcon(playground, 'PlainService')).toBeNull();
  });

  it('shows the new provider\'s icon after a provider switch', async () => {

    // given
    const before = await drawnIcon(playground, 'Classify');

    // when
    await playground.page.evaluate(() => {
      const get = window.catalystPlayground.get;
      get('catalystTasks').switchProvider(get('elementRegistry').get('Classify'), 'ollama');
    });

    // then
    await expect.poll(async () => (await drawnIcon(playground, 'Classify'))?.provider).toBe('ollama');
    expect((await drawnIcon(playground, 'Classify'))?.href).not.toBe(before?.href);
  });

  it('draws the icon when "Make Catalyst task" turns a service task into one', async () => {

    // when
    await playground.page.evaluate(() => {
      const get = window.catalystPlayground.get;
      get('catalystTasks').makeCatalystTask(get('elementRegistry').get('PlainService'), 'groq');
    });

    // then
    await expect.poll(async () => (await drawnIcon(playground, 'PlainService'))?.provider).toBe('groq');
  });

  it('keeps the multi-instance marker of a Catalyst task', async () => {

    // when
    await playground.page.evaluate(() => {
      const get = window.catalystPlayground.get;
      const element = get('elementRegistry').get('Classify');
      const loopCharacteristics = get('bpmnFactory').create('bpmn:MultiInstanceLoopCharacteristics');

      get('modeling').updateProperties(element, { loopCharacteristics });
    });

    // then
    const markers = await playground.page.evaluate(() => Array.from(
      window.catalystPlayground.get('elementRegistry').getGraphics('Classify').querySelectorAll('[data-marker]') as NodeListOf<Element>
    ).map(marker => marker.getAttribute('data-marker')));
    expect(markers).toContain('parallel');
    expect(await drawnIcon(playground, 'Classify')).not.toBeNull();
  });

  it('carries the icon and the label into the SVG export', async () => {

    // when
    const svg = await saveSvg(playground);

    // then
    const name = await playground.page.evaluate(() => window.catalystPlayground.get('elementRegistry').get('Classify').businessObject.name as string);
    expect(svg).toMatch(/<image(?=[^>]*class="catalyst-task-icon")(?=[^>]*href="data:image\/svg\+xml,)/);
    for (const word of name.split(/\s+/)) {
      expect(svg).toContain(word);
    }
  });

  it('shows the icon in a picture rendered from the SVG export, as the Modeler\'s PNG export makes it', async () => {

    // given: Classify is a Groq task; Groq's icon is a red (#f55036) tile
    const svg = await saveSvg(playground);

    // when: the export drawn into a canvas, the way an SVG becomes a PNG
    const pixel = await playground.page.evaluate(async text => {
      const get = window.catalystPlayground.get;
      const task = get('elementRegistry').get('Classify');
      const [ minX, minY ] = new DOMParser().parseFromString(text, 'image/svg+xml')
        .documentElement.getAttribute('viewBox')!.split(' ').map(Number);
      const image = new Image();
      image.src = `data:image/svg+xml,${ encodeURIComponent(text) }`;
      await image.decode();

      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);

      // left middle of the 20 px icon at (5, 5) of the task: tile colour, not its text
      return Array.from(context.getImageData(task.x - minX + 8, task.y - minY + 15, 1, 1).data);
    }, svg);

    // then
    expect(pixel[0]).toBeGreaterThan(200);
    expect(pixel[1]).toBeLessThan(120);
    expect(pixel[2]).toBeLessThan(100);
  });
});
