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

function memorySecrets(values: Record<string, string>): SecretStore {
  return {
    locate: (source, name) => ({ source, name, description: source === 'env' ? `env ${name.toUpperCase()}` : `${source} ${name}` }),
    read: async (_source, name) => values[name]
  };
}

function testCallButton(playground: Playground) {
  return catalystGroup(playground).getByRole('button', { name: 'Test call', exact: true });
}

export function dialog(playground: Playground) {
  return playground.page.getByRole('dialog', { name: /^Test call/ });
}

/** Opens the dialog from the panel and fills the payload's variables. */
export async function openDialog(playground: Playground, values: Record<string, string> = {}, json: string[] = []): Promise<void> {
  await testCallButton(playground).click();
  await expect.poll(() => dialog(playground).count()).toBe(1);

  for (const [ name, value ] of Object.entries(values)) {
    await dialog(playground).getByLabel(name, { exact: true }).fill(value);
  }

  for (const name of json) {
    await dialog(playground).getByLabel(`${name} is JSON`, { exact: true }).check();
  }
}

export async function send(playground: Playground): Promise<void> {
  await dialog(playground).getByRole('button', { name: 'Send', exact: true }).click();
}

/** Waits for the result's outcome line and returns its text. */
export async function outcome(playground: Playground): Promise<string> {
  const line = dialog(playground).locator('.catalyst-test-call__outcome');

  await line.first().waitFor({ timeout: 15_000 });

  return (await line.first().innerText()).trim();
}

export async function closeDialog(playground: Playground): Promise<void> {
  await playground.page.keyboard.press('Escape');
  await expect.poll(() => dialog(playground).count()).toBe(0);
}

/** A payload variable's values for the fixture task. */
export const INPUTS = { ticketText: 'The printer is on fire.', customer: '{"name": "Ada"}', limit: '64' };

/** Saves a PNG of the dialog (or of `target`) to artifacts/test-call-<name>.png. */
export async function shoot(playground: Playground, name: string, target = dialog(playground)): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await target.screenshot({ path: path.join(ARTIFACTS_DIR, `test-call-${name}.png`) });
}

/** The Catalyst group of the properties panel. */
export function catalystGroup(playground: Playground) {
  return playground.page.locator('[data-group-id="group-Catalyst__Task"]');
}
