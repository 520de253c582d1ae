/**
 * The code editors of the panel (payload, response schema) when CodeMirror's chunk does not
 * load the first time (a plugin folder being replaced while the Modeler runs, a network
 * hiccup in a web host): each keeps showing its text, nothing reaches the page as an
 * unhandled rejection, and reaching for the text (click, keyboard) loads the editor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { seriousAxeViolations } from '../support/axe';
import { ARTIFACTS_DIR, usePlayground, type Playground } from '../support/playground';
import { entry, exportedTask, field, openFixture, payloadEditor, payloadText, undo, undoSteps } from './panel-helpers';

const SCHEMA = '{"type": "object", "properties": {"category": {"type": "string"}}}';
const EDITED_SCHEMA = '{"type": "object", "properties": {"priority": {"type": "string"}}}';

const PAYLOAD = `{
  "model": "llama-3.3-70b-versatile",
  "messages": [ { "role": "user", "content": "\${ticketText}" } ],
  "response_format": { "type": "json_schema", "json_schema": { "name": "ticket", "strict": true, "schema": ${SCHEMA} } }
}`;

describe('client/panel: code editors whose chunk failed to load', () => {
  const playground = usePlayground({ viewport: { width: 1200, height: 900 } });
  const chunk = failingChunk(playground);

  function schemaPreview() {
    return entry(playground, 'catalyst-responseFormat').getByRole('button', { name: `Schema ${SCHEMA}`, exact: true });
  }

  function payloadPreview() {
    return entry(playground, 'catalyst-payload').getByRole('button', { name: /^Payload \{/ });
  }

  function rejections(): Promise<string[]> {
    return pageRejections(playground);
  }

  function schemaText(): Promise<string> {
    return schemaEditorText(playground);
  }

  async function storedSchema(): Promise<unknown> {
    const payload = (await exportedTask(playground, 'Classify')).properties['catalyst.payload'];

    return JSON.parse(payload.replace('${ticketText}', 'x')).response_format.json_schema.schema;
  }

  it('shows the schema and the payload as text, and no unhandled rejection reaches the page', async () => {

    // when: the panel tried to build both editors once the browser was idle
    await chunkSettled(playground);

    // then
    expect(chunk.requests).toBeGreaterThan(0);
    expect(await schemaPreview().innerText()).toBe(SCHEMA);
    expect(await payloadPreview().innerText()).toBe(PAYLOAD);
    expect(await field(playground, 'Schema').count()).toBe(0);
    expect(await rejections()).toEqual([]);
    expect(playground.pageErrors).toEqual([]);
    await entry(playground, 'catalyst-payload').screenshot({ path: artifact('editor-chunk-failed-payload-280') });
    await entry(playground, 'catalyst-responseFormat').screenshot({ path: artifact('editor-chunk-failed-schema-280') });
  });

  it('has no serious accessibility violations while the previews show', async () => {

    // then
    expect(await schemaPreview().count()).toBe(1);
    expect(await seriousAxeViolations(playground.page, '[data-group-id="group-Catalyst__Task"]')).toEqual([]);
  });

  it('loads the schema editor when the keyboard reaches the preview, with the focus in it', async () => {

    // given
    chunk.failing = false;

    // when
    await field(playground, 'Start from').focus();
    await playground.page.keyboard.press('Tab');

    // then
    await expect.poll(() => field(playground, 'Schema').count()).toBe(1);
    expect(await field(playground, 'Schema').evaluate(content => content === document.activeElement)).toBe(true);
    expect(await schemaText()).toBe(SCHEMA);
    expect(await schemaPreview().count()).toBe(0);
  });

  it('writes an edit of the schema into the payload in one undo step, and undo shows the schema from before', async () => {

    // given
    const steps = await undoSteps(playground);

    // when
    await playground.page.keyboard.press('ControlOrMeta+A');
    await playground.page.keyboard.insertText(EDITED_SCHEMA);
    await playground.page.keyboard.press('Tab');

    // then
    await expect.poll(storedSchema).toEqual(JSON.parse(EDITED_SCHEMA));
    expect(await undoSteps(playground)).toBe(steps + 1);

    // and when
    await undo(playground);

    // then
    await expect.poll(schemaText).toBe(SCHEMA);
    expect(await storedSchema()).toEqual(JSON.parse(SCHEMA));
  });

  it('loads the payload editor when the user clicks its preview', async () => {

    // when
    await payloadPreview().click();

    // then
    await expect.poll(() => payloadEditor(playground).count()).toBe(1);
    expect(await payloadEditor(playground).evaluate(content => content === document.activeElement)).toBe(true);
    expect(await payloadText(playground)).toBe(PAYLOAD);
    expect(await rejections()).toEqual([]);
    expect(playground.pageErrors).toEqual([]);
  });
});

describe('client/panel: a code editor whose chunk failed to load again when the keyboard reached it', () => {
  const playground = usePlayground({ viewport: { width: 1200, height: 900 } });
  const chunk = failingChunk(playground);

  it('loads the editor when the user presses Enter on the preview', async () => {

    // given: the load on reaching the preview failed as well, and the focus stayed on it
    const preview = entry(playground, 'catalyst-responseFormat').getByRole('button', { name: `Schema ${SCHEMA}`, exact: true });
    await chunkSettled(playground);
    const before = chunk.requests;
    await field(playground, 'Start from').focus();
    await playground.page.keyboard.press('Tab');
    await expect.poll(() => chunk.requests).toBe(before + 1);
    await chunkSettled(playground);
    expect(await preview.evaluate(node => node === document.activeElement)).toBe(true);
    await entry(playground, 'catalyst-responseFormat').screenshot({ path: artifact('editor-chunk-preview-focused-280') });
    chunk.failing = false;

    // when
    await playground.page.keyboard.press('Enter');

    // then
    await expect.poll(() => field(playground, 'Schema').count()).toBe(1);
    expect(await field(playground, 'Schema').evaluate(content => content === document.activeElement)).toBe(true);
    expect(await schemaEditorText(playground)).toBe(SCHEMA);
    expect(await pageRejections(playground)).toEqual([]);
    expect(playground.pageErrors).toEqual([]);
  });
});

/**
 * Given: requests for CodeMirror's chunk fail while `failing` is set (at first); the page
 * records unhandled rejections; a task whose payload asks for JSON with a schema is selected.
 */
function failingChunk(playground: Playground): { failing: boolean; readonly requests: number } {
  const chunk = { failing: true, requests: 0 };

  beforeAll(async () => {
    await playground.page.route('**/client.payload-editor.js', route => {
      chunk.requests++;

      return chunk.failing ? route.abort() : route.continue();
    });
    await playground.page.evaluate(() => {
      const page = window as unknown as { rejections: string[] };
      page.rejections = [];
      window.addEventListener('unhandledrejection', event => page.rejections.push(String(event.reason)));
    });

    await openFixture(playground);
    await playground.page.evaluate(payload => {
      const { catalystPlayground } = window;
      catalystPlayground.get('catalystTasks').setProperty(catalystPlayground.get('elementRegistry').get('Classify'), 'catalyst.payload', payload);
    }, PAYLOAD);
    await playground.selectElement('Classify');
  });

  return chunk;
}

/**
 * Waits until every load of the chunk asked for so far has ended: the schema entry shows,
 * the idle callbacks the panel registered have run (they run in order), and webpack removed
 * its script tag (it does once the load succeeded or failed).
 */
async function chunkSettled(playground: Playground): Promise<void> {
  await entry(playground, 'catalyst-responseFormat').locator('.catalyst-schema').waitFor();
  await playground.page.evaluate(() => new Promise(resolve => requestIdleCallback(resolve)));
  await expect.poll(() => playground.page.evaluate(() => document.querySelectorAll('script[src$="client.payload-editor.js"]').length)).toBe(0);
}

function pageRejections(playground: Playground): Promise<string[]> {
  return playground.page.evaluate(() => (window as unknown as { rejections: string[] }).rejections);
}

/** The schema editor's text (its lines; CodeMirror renders each as a `.cm-line`). */
function schemaEditorText(playground: Playground): Promise<string> {
  return field(playground, 'Schema').evaluate(content => Array.from(content.querySelectorAll('.cm-line'))
    .map(line => line.textContent)
    .join('\n'));
}

function artifact(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });

  return path.join(ARTIFACTS_DIR, `${ name }.png`);
}
