/**
 * Regenerates the panel pictures the README shows (`npm run docs:screenshots`), from the
 * playground in headless Chromium, so they always show what the current build renders.
 * The test-call pictures in docs/screenshots/ are taken by the test/client/test-call/ specs
 * (into artifacts/); this script copies the latest ones over, so run `npm test` first.
 */
import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';

import { ROOT_DIR, launchPlayground } from '../test/support/playground-browser';
import { TYPO_PAYLOAD } from '../test/client/fixtures/payloads';

/** The example diagram with the Groq task selected: the README's first picture. */
async function exampleOverview(): Promise<void> {
  const playground = await launchPlayground({ diagram: 'catalyst-example.bpmn', viewport: { width: 1440, height: 900 } });

  try {
    await playground.selectElement('Ask_Groq');
    await playground.page.locator('[data-group-id="group-Catalyst__Task"]').waitFor();
    await playground.page.mouse.move(0, 0);

    const target = path.join(ROOT_DIR, 'docs/images/playground-example.png');
    await playground.page.screenshot({ path: target });
    console.log(`wrote ${ path.relative(ROOT_DIR, target) }`);
  } finally {
    await playground.close();
  }
}

/** The Catalyst group with a lint finding in the payload editor. */
async function panelLint(): Promise<void> {
  const playground = await launchPlayground({ diagram: 'catalyst-example.bpmn', viewport: { width: 1440, height: 1900 } });

  try {
    const group = playground.page.locator('[data-group-id="group-Catalyst__Task"]');

    await playground.selectElement('Ask_Compatible');
    await group.getByLabel('Provider', { exact: true }).selectOption('groq');
    await group.getByLabel('Model', { exact: true }).selectOption('llama-3.1-8b-instant');
    await group.locator('[data-entry-id="catalyst-payload"] .cm-content').click();
    await playground.page.keyboard.press('ControlOrMeta+A');
    await playground.page.keyboard.insertText(TYPO_PAYLOAD);
    await playground.page.locator('.catalyst-diagnostic').first().waitFor();

    // the mouse away from the canvas, so no hover outline shows
    await playground.page.mouse.move(0, 0);

    const target = path.join(ROOT_DIR, 'docs/images/panel-lint.png');
    await group.screenshot({ path: target });
    console.log(`wrote ${ path.relative(ROOT_DIR, target) }`);
  } finally {
    await playground.close();
  }
}

/**
 * The Catalyst group at the Modeler's default side panel width (280 px) and a wider one,
 * every section open, as docs/panel.md shows it (docs/screenshots/panel-<width>.png).
 */
export async function panelWidths(widths: readonly number[] = [ 280, 420 ]): Promise<string[]> {
  const playground = await launchPlayground({ diagram: 'catalyst-example.bpmn', viewport: { width: 1200, height: 2600 } });
  const written: string[] = [];

  try {
    for (const width of widths) {
      await playground.page.evaluate(panelWidth => {
        document.getElementById('properties')!.style.width = `${ panelWidth }px`;
      }, width);
      await playground.selectElement('Ask_Groq');

      const group = playground.page.locator('[data-group-id="group-Catalyst__Task"]');

      await group.locator('.catalyst-payload__editor .cm-content').waitFor();
      await playground.page.mouse.move(0, 0);

      const target = path.join(ROOT_DIR, `docs/screenshots/panel-${ width }.png`);
      await group.screenshot({ path: target });
      written.push(target);
      console.log(`wrote ${ path.relative(ROOT_DIR, target) }`);
    }
  } finally {
    await playground.close();
  }

  return written;
}

/** The states of the test dialog the README and docs/test-call.md show. */
async function testCallPictures(): Promise<void> {
  const shown = await readdir(path.join(ROOT_DIR, 'docs/screenshots'));

  for (const name of shown.filter(each => !each.startsWith('panel-'))) {
    const source = path.join(ROOT_DIR, 'artifacts', name);

    try {
      await copyFile(source, path.join(ROOT_DIR, 'docs/screenshots', name));
      console.log(`copied artifacts/${ name }`);
    } catch {
      console.log(`kept docs/screenshots/${ name }: no artifacts/${ name } (run npm test first)`);
    }
  }
}

async function main(): Promise<void> {
  await exampleOverview();
  await panelLint();
  await panelWidths();
  await testCallPictures();
}

const only = process.argv.slice(2);

(only.includes('--panel-widths') ? panelWidths() : main()).catch(error => {
  console.error(error);
  process.exitCode = 1;
});
