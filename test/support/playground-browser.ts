/**
 * The playground in a browser, without vitest (bench/client.ts uses it too): the
 * playground server on 127.0.0.1:0 plus Chromium (./browser.ts says which) driven by playwright-core,
 * opened on a diagram with the built plugin loaded the way Camunda Modeler loads it.
 * Specs use test/support/playground.ts, which wraps this in beforeAll/afterAll.
 *
 * The plugin bundle (client/dist/client.js) and the playground host bundle
 * (playground/dist/host.{js,css}) are rebuilt first when one of their sources is newer
 * (scripts/freshness.mjs), once for all spec files, not per file.
 *
 * Under vitest, test/support/global-setup.ts launches one Chromium for the whole run and
 * names it in CATALYST_BROWSER_ENDPOINT; each playground then gets its own browser context
 * (own storage, own viewport) in it instead of starting a browser of its own.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BROWSER_ENDPOINT_ENV, CHROMIUM_ARGS, findBrowser } from './browser';
import { CLIENT_BUNDLE_INPUTS, PLAYGROUND_HOST_INPUTS, isFresh } from '../../scripts/freshness.mjs';
import { buildHost } from '../../playground/build.mjs';
import { startPlayground, type PlaygroundServer } from '../../playground/server.mjs';

export const ROOT_DIR = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS_DIR = path.join(ROOT_DIR, 'artifacts');

export interface PlaygroundOptions {

  /** A diagram name the server lists (`catalyst-example.bpmn`), or none for its default. */
  diagram?: string;
  viewport?: { width: number; height: number };

  /**
   * Options for the playground's bridge (attachBridge), e.g. `{ confirmKeySend: async () => true }`
   * to answer the question before a key goes to an untrusted host, `trustedHosts`, `secrets`.
   */
  bridge?: object;

  /**
   * The properties panel's input debounce; `false` writes every input at once (the way
   * bpmn-io tests its panel), so a spec that does not test the debounce itself waits for
   * nothing. Unset: the panel's default delay, as in the Modeler (what a spec about typing
   * being one undo step needs).
   */
  debounceInput?: false | number;
}

export interface Playground {
  page: Page;
  server: PlaygroundServer;

  /** Loads the page on a diagram (by listed name) and waits until the editor is ready. */
  open(diagram?: string): Promise<void>;

  /** Imports XML into the running editor; resolves to the import warnings. */
  importXML(xml: string): Promise<string[]>;

  /** Selects an element by id and waits for the properties panel to show it. */
  selectElement(id: string): Promise<void>;
  getXML(): Promise<string>;

  /** Saves a PNG of the page to artifacts/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;

  /** Errors of the page: uncaught exceptions and plugin load failures. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts the playground server and a browser context and opens the page on a diagram.
 */
export async function launchPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  await Promise.all([ ensurePluginBuilt(), ensureHostBuilt() ]);

  const server = await startPlayground({ build: false, ...(options.bridge ? { bridge: options.bridge } : {}) });
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;

  const close = async () => {
    await context?.close().catch(() => {});

    // a shared browser is only disconnected from; one of our own is closed
    await browser?.close().catch(() => {});
    await server.close();
  };

  try {
    browser = await connectBrowser();
    context = await browser.newContext({ viewport: options.viewport || { width: 1440, height: 900 } });

    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', error => pageErrors.push(error.message));

    const playground: Playground = {
      page,
      server,
      pageErrors,
      close,

      async open(diagram) {
        const url = new URL(diagram ? server.diagramUrl(diagram) : server.url);

        if (options.debounceInput !== undefined) {
          url.searchParams.set('debounceInput', String(options.debounceInput));
        }

        await page.goto(url.href);

        // tsx (bench scripts) compiles with keepNames: functions passed to page.evaluate
        // then call esbuild's __name helper, which the page lacks
        await page.evaluate('globalThis.__name = globalThis.__name || (target => target)');
        await page.waitForFunction(() => window.catalystPlayground?.status !== 'loading');

        const { status, error, pluginErrors } = await page.evaluate(() => {
          const { status, error, pluginErrors } = window.catalystPlayground;
          return { status, error, pluginErrors };
        });

        pageErrors.push(...pluginErrors.map(failure => `${ failure.plugin }: ${ failure.message }`));

        if (status !== 'ready') {
          throw new Error(`playground failed to open ${ diagram || 'its default diagram' }: ${ error }`);
        }
      },

      importXML(xml) {
        return page.evaluate(text => window.catalystPlayground.importXML(text), xml);
      },

      async selectElement(id) {
        await page.evaluate(elementId => window.catalystPlayground.selectElement(elementId), id);
        await page.waitForFunction(elementId => {
          const label = document.querySelector('.bio-properties-panel-header-label');
          const element = window.catalystPlayground.get('elementRegistry').get(elementId);
          const name = element?.businessObject?.name;
          return label !== null && (!name || label.textContent === name);
        }, id);
      },

      getXML() {
        return page.evaluate(() => window.catalystPlayground.exportXML());
      },

      async screenshot(name) {
        mkdirSync(ARTIFACTS_DIR, { recursive: true });
        const file = path.join(ARTIFACTS_DIR, `${ name }.png`);
        await page.screenshot({ path: file });
        return file;
      }
    };

    await playground.open(options.diagram);
    return playground;
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The Chromium the run shares (CATALYST_BROWSER_ENDPOINT), or one of our own when there is
 * none (a bench, or vitest without the global setup).
 */
async function connectBrowser(): Promise<Browser> {
  const endpoint = process.env[BROWSER_ENDPOINT_ENV];

  if (endpoint) {
    return chromium.connect(endpoint);
  }

  const executable = await findBrowser();

  return chromium.launch({
    executablePath: executable.executablePath,
    env: { ...process.env, ...executable.env },
    headless: true,
    args: CHROMIUM_ARGS
  });
}

// ---------------------------------------------------------------------------
// bundle freshness

const BUNDLE = path.join(ROOT_DIR, 'client/dist/client.js');
const HOST_BUNDLE = [ 'playground/dist/host.js', 'playground/dist/host.css' ];
const STALE_LOCK_MS = 180_000;

/**
 * Rebuilds client/dist/client.js with webpack when a source is newer. Spec files run in
 * parallel processes; a lock directory makes one of them build while the others wait.
 */
export function ensurePluginBuilt(): Promise<void> {
  return buildOnce(
    'catalyst-client-build.lock',
    () => isFresh(ROOT_DIR, [ path.relative(ROOT_DIR, BUNDLE) ], CLIENT_BUNDLE_INPUTS),
    runWebpack
  );
}

/**
 * Rebuilds the playground host bundle (playground/dist/host.{js,css}: bpmn-js, the
 * properties panel, element templates) when one of its sources is newer, so that every
 * playground the specs start serves it as built instead of bundling it again.
 */
export function ensureHostBuilt(): Promise<void> {
  return buildOnce(
    'catalyst-playground-host-build.lock',
    () => isFresh(ROOT_DIR, HOST_BUNDLE, PLAYGROUND_HOST_INPUTS),
    async () => { await buildHost(); }
  );
}

async function buildOnce(lockName: string, fresh: () => boolean, build: () => Promise<void>): Promise<void> {
  if (fresh()) {
    return;
  }

  // per checkout: two worktrees building at once must not wait for each other
  const lock = path.join(os.tmpdir(), `${ lockName }-${ Buffer.from(ROOT_DIR).toString('base64url') }`);

  await acquireLock(lock);

  try {
    if (!fresh()) {
      await build();
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function acquireLock(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > STALE_LOCK_MS) {
        rmSync(lock, { recursive: true, force: true });
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

function runWebpack(): Promise<void> {
  return new Promise((resolve, reject) => {
    const webpack = spawn(process.execPath, [
      path.join(ROOT_DIR, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'
    ], { cwd: ROOT_DIR, stdio: [ 'ignore', 'pipe', 'pipe' ] });

    let output = '';
    webpack.stdout.on('data', chunk => { output += chunk; });
    webpack.stderr.on('data', chunk => { output += chunk; });
    webpack.on('error', reject);
    webpack.on('close', code => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`webpack failed (exit ${ code }):\n${ output.slice(-4000) }`));
      }
    });
  });
}
