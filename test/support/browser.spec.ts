import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { BrowserNotFoundError, findBundledBrowser, locateBrowser } from './browser';

describe('browser for the UI specs', () => {

  it('given CHROMIUM_PATH naming a missing file, when the browser is looked up, then the error names the path and the fix', async () => {
    const lookup = locateBrowser({ CHROMIUM_PATH: '/nowhere/chromium' });

    await expect(lookup).rejects.toThrow(BrowserNotFoundError);
    await expect(lookup).rejects.toThrow(/CHROMIUM_PATH is \/nowhere\/chromium, which does not exist: run `npm install`/);
  });

  it('given CHROMIUM_PATH naming a file, when the browser is looked up, then that file is used before any other', async () => {
    const browser = await locateBrowser({ CHROMIUM_PATH: process.execPath });

    expect(browser).toEqual({ executablePath: process.execPath, env: {}, source: 'CHROMIUM_PATH' });
  });

  it('given no system browser, when the npm-bundled Chromium is unpacked, then it renders a page with text', async () => {
    const bundled = await findBundledBrowser();
    const browser = await chromium.launch({
      executablePath: bundled.executablePath,
      env: { ...process.env, ...bundled.env },
      args: [ '--headless', '--no-sandbox', '--disable-gpu' ]
    });

    try {
      const page = await browser.newPage();
      const inkedPixels = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 200;
        canvas.height = 40;
        const context = canvas.getContext('2d')!;
        context.font = '24px sans-serif';
        context.fillText('Catalyst', 4, 30);
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let inked = 0;
        for (let alpha = 3; alpha < data.length; alpha += 4) {
          inked += data[alpha] > 0 ? 1 : 0;
        }
        return inked;
      });

      // without a font Chromium draws nothing at all
      expect(inkedPixels).toBeGreaterThan(100);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
