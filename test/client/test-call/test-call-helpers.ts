/**
 * Shared steps of the test-call journeys: the playground in Chromium, a loopback LLM
 * server (teammate B's fault server), a desktop bridge announced to the page the way the
 * Modeler announces it (the `catalyst.bridge` app event), and the fixture task pointed at the LLM server.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ConfirmKeySend } from '../../../menu/bridge/key-trust';
import { startBridge, type RunningBridge } from '../../../menu/bridge/server';
import { createNodeSecretStore } from '../../../runtime/node/secret-store';
import type { SecretStore } from '../../../runtime/types';
import { startFaultServer, type FaultServer } from '../../support/fault-server';
import { ARTIFACTS_DIR, usePlayground, type Playground } from '../../support/playground';

/** Looks like a real Groq key, so a leak into the page would be obvious. */
export const SECRET = 'gsk_TESTCALLSECRET0123456789abcdefXYZ';

const FIXTURE = readFileSync(path.join(import.meta.dirname, 'fixtures/test-call.bpmn'), 'utf8');

export interface TestCallSetup {
  playground: Playground;
  llm: FaultServer;
  bridge: RunningBridge;

  /** Announces the bridge to the page as the Modeler does: the `catalyst.bridge` app event. */
  announce(): Promise<void>;

  /** Imports the fixture with its task pointed at `route` on the LLM server and selects it. */
  openTask(route: string): Promise<void>;

  /** Imports the fixture with its task pointed at `url` (and `properties` changed) and selects it. */
  openTaskAt(url: string, properties?: Record<string, string>): Promise<void>;
}

export interface TestCallOptions {
  secrets?: Record<string, string>;

  /** The bridge's question "send the key from … to …?" (the Modeler's native dialog); none by default. */
  confirmKeySend?: ConfirmKeySend;

  /**
   * Host names the bridge reaches on the LLM server instead of the internet: a request to
   * `https://attacker.example/v1/models` arrives there as `/attacker.example/v1/models`.
   * The bridge judges the name as written, so these are hosts it does not trust by itself.
   */
  routedHosts?: string[];
}

/** Starts everything for a spec file (beforeAll) and stops it (afterAll). */
export function useTestCall(options: TestCallOptions = {}): TestCallSetup {
  const playground = usePlayground();
  const setup = { playground } as TestCallSetup;

  beforeAll(async () => {
    setup.llm = await startFaultServer();
    setup.bridge = await startBridge({
      secrets: memorySecrets(options.secrets ?? { groq_api_key: SECRET }),
      allowedOrigins: [ new URL(playground.server.url).origin ],
      confirmKeySend: options.confirmKeySend,
      fetch: routedFetch(options.routedHosts ?? [], () => setup.llm.origin)
    });

    // room for the results in the pictures: the bottom panel a little over half the window
    await playground.page.evaluate(() => window.catalystPlayground.bottomPanel?.setHeight(520));

    setup.announce = () => playground.page.evaluate(payload => {
      window.catalystPlayground.emitAppEvent('catalyst.bridge', payload);
    }, { version: 1, url: setup.bridge.url, token: setup.bridge.token });

    setup.openTask = route => setup.openTaskAt(`${setup.llm.origin}${route}`);

    setup.openTaskAt = async (url, properties = {}) => {
      let xml = FIXTURE.replace('{{LLM_URL}}', url);

      for (const [ name, value ] of Object.entries(properties)) {
        xml = xml.replace(new RegExp(`(name="${name.replace('.', '\\.')}" value=")[^"]*"`), `$1${value}"`);
      }

      expect(await playground.importXML(xml)).toEqual([]);
      await playground.selectElement('Summarize');
      await expect.poll(() => testCallButton(playground).count()).toBe(1);
    };
  });

  afterAll(async () => {
    await setup.bridge?.close();
    await setup.llm?.stop();
  });

  return setup;
}

/** The bridge's fetch, with `hosts` sent to the LLM server (their name as the first path step). */
function routedFetch(hosts: string[], origin: () => string): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

    return globalThis.fetch(hosts.includes(url.hostname) ? `${origin()}/${url.hostname}${url.pathname}${url.search}` : url, init);
  };
}

/** Keys from memory, described where the desktop's store would look (the pictures show those words). */
function memorySecrets(values: Record<string, string>): SecretStore {
  const desktop = createNodeSecretStore({ env: {} });

  return {
    locate: (source, name) => desktop.locate(source, name),
    read: async (_source, name) => values[name]
  };
}

function testCallButton(playground: Playground) {
  return catalystGroup(playground).getByRole('button', { name: 'Test call', exact: true });
}

/** The test call in the bottom panel's Catalyst tab: a region named after the task. */
export function testCallView(playground: Playground) {
  return playground.page.getByRole('region', { name: /^Test call/ });
}

/** The Catalyst tab of the playground's bottom panel. */
export function catalystTab(playground: Playground) {
  return playground.page.getByRole('tab', { name: 'Catalyst', exact: true });
}

/** Opens the test call from the panel and fills the payload's variables. */
export async function openTestCall(playground: Playground, values: Record<string, string> = {}, json: string[] = []): Promise<void> {
  await testCallButton(playground).click();
  await expect.poll(() => testCallView(playground).count()).toBe(1);

  for (const [ name, value ] of Object.entries(values)) {
    await testCallView(playground).getByLabel(name, { exact: true }).fill(value);
  }

  for (const name of json) {
    await testCallView(playground).getByLabel(`${name} is JSON`, { exact: true }).check();
  }
}

export async function send(playground: Playground): Promise<void> {
  await testCallView(playground).getByRole('button', { name: 'Send', exact: true }).click();
}

/** Waits for the run to end and returns the text of its outcome line. */
export async function outcome(playground: Playground): Promise<string> {
  const view = testCallView(playground);
  const line = view.locator('.catalyst-test-call__outcome');

  await expect.poll(() => view.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
  await line.first().waitFor({ timeout: 15_000 });

  return (await line.first().innerText()).trim();
}

/** Closes the test call with its × (the tab then invites to pick a task): the next test starts afresh. */
export async function closeTestCall(playground: Playground): Promise<void> {
  await testCallView(playground).getByRole('button', { name: 'Close the test call' }).click();
  await expect.poll(() => testCallView(playground).count()).toBe(0);
}

/** A payload variable's values for the fixture task. */
export const INPUTS = { ticketText: 'The printer is on fire.', customer: '{"name": "Ada"}', limit: '64' };

/** Saves a PNG of the test call (or of `target`) to artifacts/test-call-<name>.png. */
export async function shoot(playground: Playground, name: string, target = testCallView(playground)): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await target.screenshot({ path: path.join(ARTIFACTS_DIR, `test-call-${name}.png`) });
}

/** The Catalyst group of the properties panel. */
export function catalystGroup(playground: Playground) {
  return playground.page.locator('[data-group-id="group-Catalyst__Task"]');
}
