/**
 * Vitest global setup: one Chromium for the whole run. Starting a browser per spec file cost
 * every browser spec its launch; now each playground opens a context in this one
 * (test/support/playground-browser.ts connects through CATALYST_BROWSER_ENDPOINT, which
 * the spec processes inherit), and contexts keep the files apart: own storage, cookies,
 * permissions and viewport.
 *
 * When no browser can be found the run goes on without one: node specs do not need it, and
 * each browser spec then fails on its own with the message saying what to install.
 */
import { chromium, type BrowserServer } from 'playwright-core';

import { BROWSER_ENDPOINT_ENV, CHROMIUM_ARGS, findBrowser } from './browser';

export default async function setup(): Promise<() => Promise<void>> {
  let server: BrowserServer | null = null;

  if (!process.env[BROWSER_ENDPOINT_ENV]) {
    try {
      const executable = await findBrowser();

      server = await chromium.launchServer({
        executablePath: executable.executablePath,
        env: { ...process.env, ...executable.env },
        headless: true,
        args: CHROMIUM_ARGS
      });
      process.env[BROWSER_ENDPOINT_ENV] = server.wsEndpoint();
    } catch {

      // each browser spec reports the missing browser itself (launchPlayground)
    }
  }

  return async () => {
    await server?.close();
  };
}
