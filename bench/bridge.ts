/**
 * The desktop bridge's cost. Two figures, both against a baseline measured in the same run:
 *  - overhead per call: the same task run through the bridge (its call socket + the
 *    renderer's client, `catalystBridge`, as the page makes calls) against `executeTask`
 *    called directly, pairwise interleaved call by call (bench/_measure.ts), after thousands
 *    of warm-up calls each so the JIT has settled on both sides; target ≤ 1.5×; for
 *    information, the same through `POST /calls` (SSE, the fallback);
 *  - delivery: time from the bridge writing a streamed event (each chunk, and the result,
 *    the last of a call) to `catalystBridge` handing it to the dialog, over the socket and
 *    over SSE; target under 20 ms.
 *
 * For information, the floor of the design: the request and the result as JSON over a bare
 * WebSocket to `executeTask` and back, with nothing else.
 *
 * The model server runs in its own process so its work is not billed to either side; bridge
 * and client share this process, as the figure is what a user waits for, not CPU time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

import { WebSocket, WebSocketServer } from 'ws';

import { announceBridge, CatalystBridge } from '../client/bridge/index';
import { defaultRuntime } from '../menu/bridge/default-runtime';
import { createBridgeHandler, serveUpgrades } from '../menu/bridge/handler';
import { readTaskConfig } from '../runtime/config/index';
import { executeTask } from '../runtime/execute/index';
import type { SecretStore, TaskConfig, TaskProperties } from '../runtime/types';
import { duration, interleave, median, target, thousands } from './_measure';

// the bridge path runs far more JavaScript (both ends of the hop): let the JIT settle first
const WARMUP_CALLS = 3_000;
const CALLS = 1_000;
const HTTP_CALLS = 300;
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
    const client = new CatalystBridge(undefined, undefined, undefined, WebSocket);
    const httpClient = new CatalystBridge(undefined, undefined, undefined, null);
    const config = readTaskConfig(properties(''));

    const direct = () => executeTask(config, { variables, secrets });
    const viaBridge = () => client.call({ properties: properties(''), variables });
    const viaHttp = () => httpClient.call({ properties: properties(''), variables });

    await sequential(direct, WARMUP_CALLS);
    await sequential(viaBridge, WARMUP_CALLS);
    await sequential(viaHttp, WARMUP_CALLS / 10);

    // call by call, alternating which goes first; medians of all pairs
    const paired = await interleave(direct, viaBridge, CALLS);
    const overHttp = await interleave(direct, viaHttp, HTTP_CALLS);

    // measured last, so its server and socket are not there while the bridge is measured
    const viaBareSocket = await bareSocketCalls(config, secrets, { properties: properties(''), variables });

    await sequential(viaBareSocket.call, WARMUP_CALLS);

    const floor = await interleave(direct, viaBareSocket.call, CALLS);

    await viaBareSocket.close();

    console.log(`per call, pairwise interleaved (median), after ${thousands(WARMUP_CALLS)} warm-up calls each:`);
    console.log(`  executeTask directly        ${fmt(paired.baselineMs)} ms   1.00x`);
    console.log(`  through the bridge, socket  ${fmt(paired.subjectMs)} ms   ${paired.ratio.toFixed(2)}x  (+${fmt(paired.addedMs)} ms, ${thousands(paired.pairs)} pairs)`);
    console.log(`  through POST /calls (SSE)   ${fmt(overHttp.subjectMs)} ms   ${overHttp.ratio.toFixed(2)}x  (+${fmt(overHttp.addedMs)} ms, ${thousands(overHttp.pairs)} pairs, for information: the fallback)`);
    console.log(`  bare WebSocket, no bridge   ${fmt(floor.subjectMs)} ms   ${floor.ratio.toFixed(2)}x  (+${fmt(floor.addedMs)} ms, ${thousands(floor.pairs)} pairs, for information: the request and the result as JSON over a WebSocket to executeTask and back, nothing else; the floor of this design)`);

    target({
      bench: 'bridge',
      measure: 'bridge call vs executeTask directly',
      value: paired.ratio,
      unit: '×',
      kind: 'max',
      limit: OVERHEAD_TARGET,
      detail: `${duration(paired.subjectMs)} vs ${duration(paired.baselineMs)} a call (+${duration(paired.addedMs)}), ${thousands(paired.pairs)} pairs, call socket`
    });

    console.log(`\ndelivery, bridge write → catalystBridge onEvent, ${STREAMED_CALLS} streamed calls of ${STREAM_CHUNKS} chunks (median / p95 / max):`);

    for (const [ name, service ] of [ [ 'socket', client ], [ 'SSE', httpClient ] ] as const) {
      const { chunkDelays, lastByteDelays } = await delivery(writes, () => service.call({ properties: properties('/stream'), variables, stream: true }, {
        onEvent: event => arrivals.push({ event: event.type, at: performance.now() })
      }));
      const worst = Math.max(...lastByteDelays);

      console.log(`  ${name.padEnd(6)} each chunk       ${fmt(median(chunkDelays))} / ${fmt(p95(chunkDelays))} / ${fmt(Math.max(...chunkDelays))} ms`);
      console.log(`  ${name.padEnd(6)} result           ${fmt(median(lastByteDelays))} / ${fmt(p95(lastByteDelays))} / ${fmt(worst)} ms (target < ${DELIVERY_TARGET_MS} ms) ${p95(lastByteDelays) < DELIVERY_TARGET_MS ? 'OK' : 'OVER TARGET'}`);
    }
  } finally {
    model.process.kill();
    await bridge.close();
  }
}

// what the client handed to onEvent during the current streamed call
const arrivals: Array<{ event: string; at: number }> = [];

/**
 * The least a WebSocket design can cost: the same request as JSON over a WebSocket, a server
 * that parses it, runs `executeTask` with the task read once and sends the result back as
 * JSON; no checks, no events, no redaction, no cancellation.
 */
async function bareSocketCalls(config: TaskConfig, store: SecretStore, request: { properties: TaskProperties; variables: Record<string, unknown> }): Promise<{ call: () => Promise<unknown>; close(): Promise<void> }> {
  const server = createServer();
  const sockets = new WebSocketServer({ server, perMessageDeflate: false });

  sockets.on('connection', ws => ws.on('message', async data => {
    const message = JSON.parse(String(data)) as { callId: string; request: { variables: Record<string, unknown> } };
    const result = await executeTask(config, { variables: message.request.variables, secrets: store });

    ws.send(JSON.stringify({ type: 'result', callId: message.callId, result }));
  }));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  let answered: (() => void) | null = null;
  let calls = 0;

  ws.on('message', data => {
    JSON.parse(String(data));
    answered?.();
  });
  await new Promise(resolve => ws.once('open', resolve));

  return {
    call: () => new Promise<void>(resolve => {
      answered = resolve;
      ws.send(JSON.stringify({ type: 'call', callId: `bare-${calls++}`, request }));
    }),
    close: () => {
      ws.close();
      sockets.close();

      return new Promise(resolve => server.close(() => resolve()));
    }
  };
}

/** Delays of each chunk and of the result between the bridge's write and the client's onEvent. */
async function delivery(writes: Array<{ event: string; at: number }>, run: () => Promise<unknown>): Promise<{ chunkDelays: number[]; lastByteDelays: number[] }> {
  const chunkDelays: number[] = [];
  const lastByteDelays: number[] = [];

  for (let call = 0; call < STREAMED_CALLS; call++) {
    writes.length = 0;
    arrivals.length = 0;

    await run();

    const written = writes.filter(write => write.event === 'chunk' || write.event === 'result');
    const arrived = arrivals.filter(arrival => arrival.event === 'chunk' || arrival.event === 'result');

    if (written.length !== arrived.length || written.length < STREAM_CHUNKS) {
      throw new Error(`bridge wrote ${written.length} events, client got ${arrived.length}`);
    }

    written.forEach((write, index) => (write.event === 'result' ? lastByteDelays : chunkDelays).push(arrived[index].at - write.at));
  }

  return { chunkDelays, lastByteDelays };
}

/**
 * The bridge on its own server, with each event's write time recorded (the moment its last
 * byte leaves the bridge for the socket).
 */
async function startInstrumentedBridge(writes: Array<{ event: string; at: number }>): Promise<{ close(): Promise<void> }> {
  const handler = createBridgeHandler({ runtime: defaultRuntime, secrets });
  const server = createServer((req, res) => {
    recordWrites(res, writes);
    handler.handle(req, res);
  });

  serveUpgrades(server, handler);
  recordSocketWrites(writes);

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  announceBridge({ version: 1, url: handler.urlFor((server.address() as AddressInfo).port), token: handler.token });

  return {
    close() {

      // first the call sockets: the server waits for its upgraded connections
      handler.close();
      server.closeAllConnections();

      return new Promise(resolve => server.close(() => resolve()));
    }
  };
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

/** Socket messages the bridge sends (the client sends none of these types), timed like the SSE writes; parsed before the send, so parsing is not in the delay. */
function recordSocketWrites(writes: Array<{ event: string; at: number }>): void {
  const send = WebSocket.prototype.send as (data: unknown, ...rest: unknown[]) => void;

  WebSocket.prototype.send = function(this: WebSocket, data: unknown, ...rest: unknown[]) {

    // one frame may hold several messages (those of one turn of the bridge's event loop)
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : {};
    const messages = (Array.isArray(parsed) ? parsed : [ parsed ]) as Array<{ type?: string }>;
    const events = messages.map(message => message.type).filter(type => type === 'chunk' || type === 'result');

    send.call(this, data, ...rest);

    const at = performance.now();

    events.forEach(event => writes.push({ event: event!, at }));
  } as typeof WebSocket.prototype.send;
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
