/**
 * The test call's share of a streamed answer: the time from the bridge writing a chunk
 * (the last streamed byte of that event) to the chunk's text being in the test call's DOM, in
 * headless Chromium with the built plugin. Target: under 20 ms.
 *
 * Baseline in the same run: the same bridge stream read by a bare `fetch` reader in the
 * same page (no parser, no Preact), i.e. what the network and the browser cost anyway.
 * The runtime behind the bridge is a stand-in that emits chunks on a fixed beat, so the
 * figure is the bridge, the client and the test call, not a model server.
 *
 * Clocks: both sides stamp with `performance.timeOrigin + performance.now()` (wall-clock
 * based, sub-millisecond); "in the DOM" is the MutationObserver callback, before paint.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { defaultRuntime } from '../menu/bridge/default-runtime';
import { startBridge } from '../menu/bridge/server';
import type { BridgeRuntime } from '../menu/bridge/runtime-port';
import type { ExecutionResult, SecretStore } from '../runtime/types';
import { ROOT_DIR, launchPlayground } from '../test/support/playground-browser';

const CALLS = 8;
const WARM_UP_CALLS = 2;
const CHUNKS = 20;
const BEAT_MS = 15;
const TARGET_MS = 20;

const FIXTURE = path.join(ROOT_DIR, 'test/client/test-call/fixtures/test-call.bpmn');

const secrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async () => 'gsk_bench0123456789abcdefghijklmnop'
};

/** When the bridge was handed each chunk, by its text. */
const written = new Map<string, number>();
let call = 0;

const now = () => performance.timeOrigin + performance.now();

const runtime: BridgeRuntime = {
  ...defaultRuntime,
  async executeTask(_config, options) {
    const run = call++;

    options.onEvent?.({ type: 'attempt', attempt: 1 });

    for (let index = 0; index < CHUNKS; index++) {
      await new Promise(resolve => setTimeout(resolve, BEAT_MS));

      const text = `r${run}t${index} `;

      options.onEvent?.({ type: 'chunk', text });
      written.set(text, now());
    }

    const result: ExecutionResult = {
      outcome: 'complete', variables: { summary: 'done' }, bpmnError: null, error: null, statusCode: 200,
      attempts: [ { statusCode: 200, ms: CHUNKS * BEAT_MS, waitedMs: 0 } ], durationMs: CHUNKS * BEAT_MS,
      warnings: [], largeVariables: [], response: { headers: {}, body: '{}', sizeBytes: 2 },
      reasoning: null, finishReason: 'stop', stream: null, retryTimeoutMs: null
    };

    options.onEvent?.({ type: 'result', result });

    return result;
  }
};

function median(values: number[]): number {
  const sorted = [ ...values ].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function p95(values: number[]): number {
  const sorted = [ ...values ].sort((a, b) => a - b);

  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}

const fmt = (ms: number) => ms.toFixed(1);

async function main() {
  const playground = await launchPlayground();
  const origin = new URL(playground.server.url).origin;
  const bridge = await startBridge({ runtime, secrets, allowedOrigins: [ origin ] });
  const { page } = playground;

  try {
    await playground.importXML(readFileSync(FIXTURE, 'utf8').replace('{{LLM_URL}}', 'http://127.0.0.1:9/v1/chat/completions'));
    await playground.selectElement('Summarize');
    await page.evaluate(detail => window.dispatchEvent(new CustomEvent('catalyst.bridge', { detail })), { version: 1, url: bridge.url, token: bridge.token });

    // every token's first appearance in the streamed answer, stamped by a MutationObserver
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as any).__displayed = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.catalyst-test-call__stream')?.textContent ?? '';
        const stamp = performance.timeOrigin + performance.now();

        for (const token of text.match(/r\d+t\d+ /g) ?? []) {
          seen[token] ??= stamp;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    await page.locator('[data-group-id="group-Catalyst__Task"]').getByRole('button', { name: 'Test call', exact: true }).click();
    const dialog = page.getByRole('region', { name: /^Test call/ });

    await dialog.getByLabel('customer', { exact: true }).fill('{"name": "Ada"}');
    await dialog.getByLabel('ticketText', { exact: true }).fill('bench');
    await dialog.getByLabel('limit', { exact: true }).fill('64');

    const displayDelays: number[] = [];
    const lastChunkDelays: number[] = [];

    for (let run = 0; run < WARM_UP_CALLS + CALLS; run++) {
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();

      // the last result stays while the next run goes: wait for this run's own
      await page.waitForFunction(number => document.querySelector('.catalyst-test-call__result-title')?.textContent === `Result of run ${number}`, run + 1);

      const displayed: Record<string, number> = await page.evaluate(() => (window as any).__displayed);

      if (run < WARM_UP_CALLS) {
        continue;
      }

      for (let index = 0; index < CHUNKS; index++) {
        const text = `r${run}t${index} `;
        const delay = displayed[text] - written.get(text)!;

        displayDelays.push(delay);

        if (index === CHUNKS - 1) {
          lastChunkDelays.push(delay);
        }
      }
    }

    // baseline: the same stream read by a bare fetch reader in the page
    const baselineDelays: number[] = [];

    for (let run = 0; run < CALLS; run++) {
      const arrived: Record<string, number> = await page.evaluate(async ({ url, token }) => {
        const stamps: Record<string, number> = {};
        const response = await fetch(`${url}/calls`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ properties: { 'catalyst.provider': 'groq', 'catalyst.payload': '{"model":"m","messages":[{"role":"user","content":"x"}]}' } })
        });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();

        for (;;) {
          const { done, value } = await reader.read();
          const stamp = performance.timeOrigin + performance.now();

          if (done) {
            return stamps;
          }

          for (const tokenText of value.match(/r\d+t\d+ /g) ?? []) {
            stamps[tokenText] ??= stamp;
          }
        }
      }, { url: bridge.url, token: bridge.token });

      for (const [ text, at ] of Object.entries(arrived)) {
        baselineDelays.push(at - written.get(text)!);
      }
    }

    const displayMedian = median(displayDelays);
    const baselineMedian = median(baselineDelays);

    console.log(`test dialog: bridge write → text in the dialog, ${CALLS} streamed calls × ${CHUNKS} chunks (median / p95 / max)`);
    console.log(`  every chunk            ${fmt(displayMedian)} / ${fmt(p95(displayDelays))} / ${fmt(Math.max(...displayDelays))} ms`);
    console.log(`  last chunk of a call   ${fmt(median(lastChunkDelays))} / ${fmt(p95(lastChunkDelays))} / ${fmt(Math.max(...lastChunkDelays))} ms (target < ${TARGET_MS} ms) ${p95(lastChunkDelays) < TARGET_MS ? 'OK' : 'OVER TARGET'}`);
    console.log(`  baseline: bare fetch reader in the page ${fmt(baselineMedian)} / ${fmt(p95(baselineDelays))} ms`);
    console.log(`  ratio display / baseline (median)  ${(displayMedian / Math.max(baselineMedian, 0.1)).toFixed(2)}×`);
  } finally {
    await bridge.close();
    await playground.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
