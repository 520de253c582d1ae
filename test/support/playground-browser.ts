/**
 * The playground in a browser, without vitest (bench/client.ts uses it too): the
 * playground server on 127.0.0.1:0 plus Chromium (./browser.ts says which) driven by playwright-core,
 * opened on a diagram with the built plugin loaded the way Camunda Modeler loads it.
 * Specs use test/support/playground.ts, which wraps this in beforeAll/afterAll.
 *
 * The plugin bundle (client/dist/client.js) is rebuilt first when a source under client/,
 * runtime/ or resources/ is newer than it (scripts/freshness.mjs).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { findBrowser } from './browser';
import { CLIENT_BUNDLE_INPUTS, isFresh } from '../../scripts/freshness.mjs';
import { startPlayground, type PlaygroundServer } from '../../playground/server.mjs';

export const ROOT_DIR = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS_DIR = path.join(ROOT_DIR, 'artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export interface PlaygroundOptions {

  /** A diagram name the server lists (`catalyst-example.bpmn`), or none for its default. */
  diagram?: string;
  viewport?: { width: number; height: number };

  /**
   * Options for the playground's bridge (attachBridge), e.g. `{ confirmKeySend: async () => true }`
   * to answer the question before a key goes to an untrusted host, `trustedHosts`, `secrets`.
   */
  bridge?: object;
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
 * Starts the playground server and Chromium and opens the page on a diagram.
 */
export async function launchPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const browser = await findBrowser();
  await ensurePluginBuilt();

  const server = await startPlayground(options.bridge ? { bridge: options.bridge } : {});
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-chromium-'));
  let context: BrowserContext | null = null;

  const close = async () => {
    await context?.close().catch(() => {});
    await server.close();

    // Chromium may still flush its profile for a moment after closing
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: browser.executablePath,
      env: { ...process.env, ...browser.env },
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport || { width: 1440, height: 900 }
    });

    const page = context.pages()[0] || await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', error => pageErrors.push(error.message));

    const playground: Playground = {
      page,
      server,
      pageErrors,
      close,

      async open(diagram) {
        await page.goto(diagram ? server.diagramUrl(diagram) : server.url);

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

// ---------------------------------------------------------------------------
// plugin bundle freshness

const BUNDLE = path.join(ROOT_DIR, 'client/dist/client.js');
const BUILD_LOCK = path.join(os.tmpdir(), 'catalyst-client-build.lock');
const STALE_LOCK_MS = 180_000;

function isBundleFresh(): boolean {
  return isFresh(ROOT_DIR, [ path.relative(ROOT_DIR, BUNDLE) ], CLIENT_BUNDLE_INPUTS);
}

/**
 * Rebuilds client/dist/client.js with webpack when a source is newer. Spec files run in
 * parallel processes; a lock directory makes one of them build while the others wait.
 */
export async function ensurePluginBuilt(): Promise<void> {
  if (isBundleFresh()) {
    return;
  }

  await acquireLock();

  try {
    if (!isBundleFresh()) {
      await runWebpack();
    }
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      return;
    } catch {
      const age = Date.now() - (existsSync(BUILD_LOCK) ? statSync(BUILD_LOCK).mtimeMs : Date.now());
      if (age > STALE_LOCK_MS) {
        rmSync(BUILD_LOCK, { recursive: true, force: true });
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
