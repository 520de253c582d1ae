/**
 * The desktop bridge's cost. Two figures, both against a baseline measured in the same run:
 *  - overhead per call: the same task run through the bridge (HTTP + SSE + the renderer's
 *    client, `catalystBridge`) against `executeTask` called directly, pairwise interleaved
 *    call by call (bench/_measure.ts); target ≤ 1.5×;
 *  - delivery: time from the bridge writing a streamed event (each chunk, and the result,
 *    the last byte of a call) to `catalystBridge` handing it to the dialog; target under 20 ms.
 * The model server runs in its own process so its work is not billed to either side; bridge
 * and client share this process, as the figure is what a user waits for, not CPU time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

import { announceBridge, CatalystBridge } from '../client/bridge/index';
import { defaultRuntime } from '../menu/bridge/default-runtime';
import { createBridgeHandler } from '../menu/bridge/handler';
import { readTaskConfig } from '../runtime/config/index';
import { executeTask } from '../runtime/execute/index';
import type { SecretStore, TaskProperties } from '../runtime/types';
import { duration, interleave, median, target, thousands } from './_measure';

const WARMUP_CALLS = 30;
const CALLS = 1_000;
const STREAMED_CALLS = 60;
const STREAM_CHUNKS = 20;
const KEY = 'gsk_bench0123456789abcdefghijklmnop';

// the target for a call through the bridge against the same call made directly
const OVERHEAD_TARGET = 1.5;
const DELIVERY_TARGET_MS = 20;

// JSON answers for plain calls; an SSE stream of STREAM_CHUNKS chunks on /stream/...
const SERVER_SOURCE = `
const http = require('node:http');
const body = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1700000000, model: 'llama-3.3-70b-versatile',
  choices: [ { index: 0, message: { role: 'assistant', content: 'Paris is the capital of France.' }, finish_reason: 'stop' } ],
  usage: { prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 }
});
const chunk = (delta, finish) => 'data: ' + JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1700000000, model: 'm',
  choices: [ { index: 0, delta, finish_reason: finish } ] }) + '\\n\\n';
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    if (!request.url.startsWith('/stream/')) {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      return response.end(body);
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream' });
    for (let i = 0; i < ${STREAM_CHUNKS}; i++) {
      response.write(chunk({ content: 'token' + i + ' ' }, null));
      await new Promise(resolve => setTimeout(resolve, 2));
    }
    response.write(chunk({}, 'stop'));
    response.end('data: [DONE]\\n\\n');
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

const secrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
  read: async () => KEY
};

/** Run the benchmark and print its figures. */
export async function main(): Promise<void> {
  const model = await startModelServer();
  const writes: Array<{ event: string; at: number }> = [];
  const bridge = await startInstrumentedBridge(writes);

  try {
    const properties = (path: string): TaskProperties => ({
      'catalyst.provider': 'groq',
      'catalyst.url': `${model.origin}${path}/v1/chat/completions`,
      'catalyst.payload': '{"model": "llama-3.3-70b-versatile", "messages": [{"role": "user", "content": "${userMessage}"}]}'
    });
    const variables = { userMessage: 'What is the capital of France?' };
    const client = new CatalystBridge();
    const config = readTaskConfig(properties(''));

    const direct = () => executeTask(config, { variables, secrets });
    const viaBridge = () => client.call({ properties: properties(''), variables });

    await sequential(direct, WARMUP_CALLS);
    await sequential(viaBridge, WARMUP_CALLS);

    // call by call, alternating which goes first; medians of all pairs
    const paired = await interleave(direct, viaBridge, CALLS);

    console.log(`per call, ${CALLS} pairs, pairwise interleaved (median):`);
    console.log(`  executeTask directly   ${fmt(paired.baselineMs)} ms   1.00x`);
    console.log(`  through the bridge     ${fmt(paired.subjectMs)} ms   ${paired.ratio.toFixed(2)}x  (+${fmt(paired.addedMs)} ms)`);

    target({
      bench: 'bridge',
      measure: 'bridge call vs executeTask directly',
      value: paired.ratio,
      unit: '×',
      kind: 'max',
      limit: OVERHEAD_TARGET,
      detail: `${duration(paired.subjectMs)} vs ${duration(paired.baselineMs)} a call (+${duration(paired.addedMs)}), ${thousands(paired.pairs)} pairs`
    });

    const chunkDelays: number[] = [];
    const lastByteDelays: number[] = [];

    for (let call = 0; call < STREAMED_CALLS; call++) {
      writes.length = 0;

      const arrivals: Array<{ event: string; at: number }> = [];

      await client.call({ properties: properties('/stream'), variables, stream: true }, {
        onEvent: event => arrivals.push({ event: event.type, at: performance.now() })
      });

      const written = writes.filter(write => write.event === 'chunk' || write.event === 'result');
      const arrived = arrivals.filter(arrival => arrival.event === 'chunk' || arrival.event === 'result');

      if (written.length !== arrived.length || written.length < STREAM_CHUNKS) {
        throw new Error(`bridge wrote ${written.length} events, client got ${arrived.length}`);
      }

      written.forEach((write, index) => (write.event === 'result' ? lastByteDelays : chunkDelays).push(arrived[index].at - write.at));
    }

    const worst = Math.max(...lastByteDelays);

    console.log(`\ndelivery, bridge write → catalystBridge onEvent, ${STREAMED_CALLS} streamed calls of ${STREAM_CHUNKS} chunks (median / p95 / max):`);
    console.log(`  each chunk             ${fmt(median(chunkDelays))} / ${fmt(p95(chunkDelays))} / ${fmt(Math.max(...chunkDelays))} ms`);
    console.log(`  last byte (result)     ${fmt(median(lastByteDelays))} / ${fmt(p95(lastByteDelays))} / ${fmt(worst)} ms (target < ${DELIVERY_TARGET_MS} ms) ${p95(lastByteDelays) < DELIVERY_TARGET_MS ? 'OK' : 'OVER TARGET'}`);
  } finally {
    model.process.kill();
    await new Promise<void>(resolve => bridge.close(() => resolve()));
  }
}

/**
 * The bridge on its own server, with each event's write time recorded (the moment its last
 * byte leaves the bridge for the socket).
 */
async function startInstrumentedBridge(writes: Array<{ event: string; at: number }>): Promise<Server> {
  const handler = createBridgeHandler({ runtime: defaultRuntime, secrets });
  const server = createServer((req, res) => {
    recordWrites(res, writes);
    handler.handle(req, res);
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  server.on('close', () => handler.close());

  announceBridge({ version: 1, url: handler.urlFor((server.address() as AddressInfo).port), token: handler.token });

  return server;
}

function recordWrites(res: ServerResponse, writes: Array<{ event: string; at: number }>): void {
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const written = write(chunk, ...rest);
    const event = typeof chunk === 'string' ? /^event: (\w+)/.exec(chunk)?.[1] : undefined;

    if (event) {
      writes.push({ event, at: performance.now() });
    }

    return written;
  }) as typeof res.write;
}

async function sequential(run: () => Promise<unknown>, count: number): Promise<number[]> {
  const times: number[] = [];

  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }

  return times;
}

function p95(values: number[]): number {
  return quantile(values, 0.95);
}

function quantile(values: number[], q: number): number {
  const sorted = [ ...values ].sort((a, b) => a - b);

  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function fmt(ms: number): string {
  return ms.toFixed(2).padStart(6);
}

async function startModelServer(): Promise<{ origin: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [ '-e', SERVER_SOURCE ], { stdio: [ 'ignore', 'pipe', 'inherit' ] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolve(data.toString().trim()));
    child.once('exit', code => reject(new Error(`model server exited with ${code}`)));
  });

  return { origin: `http://127.0.0.1:${port}`, process: child };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
