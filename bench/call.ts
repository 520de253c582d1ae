/**
 * Overhead of `executeTask` against a raw `fetch` (and, for information, the `openai` SDK),
 * all calling the same loopback chat-completions server in its own process (so its work is
 * not billed to the client). Measured pairwise interleaved (bench/_measure.ts): call by
 * call, alternating which goes first, 2,100 pairs sequential; then 140 pairs of batches of
 * 32 concurrent calls. The medians of the per-pair ratios are checked against the target.
 * For information: the raw client sending executeTask's exact request (what the request's
 * shape costs, apart from executeTask's own work) and the runtime's cost with no network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { executeTask } from '../runtime/execute';
import { newTaskProperties, readTaskConfig } from '../runtime/config';
import { buildRequest } from '../runtime/execute/request';
import type { SecretStore } from '../runtime/types';
import { createAgents, createKeepAliveFetch } from '../worker/http';
import { duration, interleave, target, thousands, type PairedFigures } from './_measure';

const SEQUENTIAL_PAIRS = 2_100;
const CONCURRENT_PAIRS = 140;
const CONCURRENCY = 32;
const SDK_PAIRS = 500;
const WORKER_CLIENT_PAIRS = 500;
const EXACT_REQUEST_PAIRS = 1_000;
const STUB_PAIRS = 400;
const STUB_CALLS = 20;
const IDLE_STUB_PAIRS = 600;

// executeTask has far more JavaScript than a bare fetch; let the JIT settle before measuring.
const WARMUP_CALLS = 2_000;
const KEY = 'sk-bench-0123456789abcdefghijklmnop';

// The target for both the sequential and the concurrent ratio.
const TARGET = 1.05;

// A realistic small chat.completion (what Groq returns for a short answer).
const SERVER_SOURCE = `
const http = require('node:http');
const body = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1700000000, model: 'llama-3.3-70b-versatile',
  choices: [ { index: 0, message: { role: 'assistant', content: 'Paris is the capital of France. It is known for the Eiffel Tower, the Louvre and its cafes.' }, logprobs: null, finish_reason: 'stop' } ],
  usage: { prompt_tokens: 24, completion_tokens: 23, total_tokens: 47 }, system_fingerprint: 'fp_bench'
});
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

type Client = () => Promise<unknown>;

/** The parts of a chat.completion the raw client reads. */
interface ChatCompletion {
  model: string;
  choices: Array<{ message: { content: string }; finish_reason: string }>;
  usage: { prompt_tokens: number; completion_tokens: number };
}

type ClientName = 'rawFetch' | 'rawFetchExactRequest' | 'executeTask' | 'openaiSdk';

/** Run the benchmark and print its figures. */
export async function main(): Promise<void> {
  const server = await startServer();

  try {
    const url = `${server.origin}/v1/chat/completions`;
    const clients = makeClients(server.origin, url);

    for (const client of Object.values(clients)) {
      await sequential(client, WARMUP_CALLS);
    }

    console.log('executeTask vs raw fetch, loopback server in a child process; pairwise interleaved, alternating which goes first; medians of all pairs');

    const single = await interleave(clients.rawFetch, clients.executeTask, SEQUENTIAL_PAIRS);
    const batch = await interleave(() => concurrent(clients.rawFetch, CONCURRENCY), () => concurrent(clients.executeTask, CONCURRENCY), CONCURRENT_PAIRS);
    const sdk = await interleave(clients.openaiSdk, clients.executeTask, SDK_PAIRS);
    const inWorker = await asTheWorkerRunsIt(server.origin, url, clients.rawFetch);
    const exact = await interleave(clients.rawFetch, clients.rawFetchExactRequest, EXACT_REQUEST_PAIRS);

    console.log(`  sequential, ${thousands(single.pairs)} pairs: raw fetch ${duration(single.baselineMs)}, executeTask ${duration(single.subjectMs)} a call (+${duration(single.addedMs)})`);
    console.log(`  ${CONCURRENCY} at once, ${batch.pairs} pairs of batches: raw fetch ${duration(batch.baselineMs)}, executeTask ${duration(batch.subjectMs)} a batch`);
    console.log(`  for information, executeTask vs the openai SDK, sequential, ${sdk.pairs} pairs: ${sdk.ratio.toFixed(2)}× (${duration(sdk.subjectMs)} vs ${duration(sdk.baselineMs)})`);
    console.log(`  for information, executeTask as the worker runs it (on the worker's keep-alive HTTP client, worker/http.ts) vs raw fetch, sequential, ${inWorker.pairs} pairs: ${inWorker.ratio.toFixed(2)}× (${duration(inWorker.subjectMs)} vs ${duration(inWorker.baselineMs)}); the targets measure executeTask on fetch, as the desktop bridge runs it`);
    console.log(`  for information, raw fetch sending executeTask's exact request (its headers, body, manual redirects, timeout controller, header record, text then parse) vs raw fetch, ${thousands(exact.pairs)} pairs: ${exact.ratio.toFixed(2)}× (${exact.addedMs >= 0 ? '+' : '−'}${duration(Math.abs(exact.addedMs))}): what the request's shape costs; the rest of the overhead is executeTask's own work`);
    await reportPureOverhead(url);

    target({
      bench: 'call',
      measure: 'executeTask vs raw fetch, sequential',
      value: single.ratio,
      unit: '×',
      kind: 'max',
      limit: TARGET,
      detail: `${duration(single.subjectMs)} vs ${duration(single.baselineMs)} a call, ${thousands(single.pairs)} pairs`
    });
    target({
      bench: 'call',
      measure: `executeTask vs raw fetch, ${CONCURRENCY} at once`,
      value: batch.ratio,
      unit: '×',
      kind: 'max',
      limit: TARGET,
      detail: `${duration(batch.subjectMs)} vs ${duration(batch.baselineMs)} a batch, ${batch.pairs} pairs of batches`
    });
  } finally {
    server.process.kill();
  }
}

function makeClients(origin: string, url: string, transport: typeof fetch = globalThis.fetch): Record<ClientName, Client> {

  // what the panel writes for a new Groq task (the seed payload and mapping), pointed at the loopback server
  const task = readTaskConfig({ ...newTaskProperties('groq'), 'catalyst.url': url });
  const secrets: SecretStore = {
    locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
    read: async () => KEY
  };
  const sdk = new OpenAI({ baseURL: `${origin}/v1`, apiKey: KEY, maxRetries: 0, fetch: transport });
  const message = 'What is the capital of France?';

  return {

    // The least a hand-written client must do for the same job: send the same JSON with the
    // key, give up after the timeout, refuse an error status (else an error body would pass
    // for an answer), parse the body and pick out the values the task maps. Nothing more: no
    // retries, size cap, redaction or standard variables, which only the runtime's features need.
    rawFetch: async () => {
      const response = await transport(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
        body: JSON.stringify({
          model: 'llama-3.3-70b-versatile',
          max_tokens: 1024,
          messages: [ { role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: message } ]
        }),
        signal: AbortSignal.timeout(60_000)
      });

      if (!response.ok) {
        throw new Error(`bench call failed: HTTP ${response.status}`);
      }

      const body = await response.json() as ChatCompletion;

      return {
        aiReply: body.choices[0].message.content,
        modelUsed: body.model,
        promptTokens: body.usage.prompt_tokens,
        completionTokens: body.usage.completion_tokens,
        finishReason: body.choices[0].finish_reason
      };
    },

    // What executeTask puts on the wire and reads back, sent by the raw client: the same
    // request (from the runtime's own buildRequest), manual redirects, an AbortController with
    // a timer, the response headers as a record and text parsed after reading.
    rawFetchExactRequest: async () => {
      const request = buildRequest(task, { userMessage: message }, KEY);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);

      try {
        const response = await transport(url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: controller.signal });

        if (!response.ok) {
          throw new Error(`bench call failed: HTTP ${response.status}`);
        }

        const headers: Record<string, string> = {};

        for (const [ name, value ] of response.headers) {
          headers[name] = value;
        }

        const body = JSON.parse(await response.text()) as ChatCompletion;

        return { headers, aiReply: body.choices[0].message.content, modelUsed: body.model };
      } finally {
        clearTimeout(timer);
      }
    },
    executeTask: async () => {
      const result = await executeTask(task, { variables: { userMessage: message }, secrets, fetch: transport });

      if (result.outcome !== 'complete') {
        throw new Error(`bench call failed: ${result.error}`);
      }

      return result;
    },
    openaiSdk: () => sdk.chat.completions.create({
      model: 'llama-3.3-70b-versatile',
      max_tokens: 1024,
      messages: [ { role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: message } ]
    })
  };
}

/** `executeTask` on the worker's own HTTP client against the raw client on `fetch`. */
async function asTheWorkerRunsIt(origin: string, url: string, rawFetch: Client): Promise<PairedFigures> {
  const agents = createAgents();

  try {
    const onWorkerClient = makeClients(origin, url, createKeepAliveFetch(agents)).executeTask;

    await sequential(onWorkerClient, WARMUP_CALLS);

    return await interleave(rawFetch, onWorkerClient, WORKER_CLIENT_PAIRS);
  } finally {
    agents.destroy();
  }
}

async function sequential(client: Client, calls: number): Promise<void> {
  for (let call = 0; call < calls; call++) {
    await client();
  }
}

async function concurrent(client: Client, calls: number): Promise<void> {
  await Promise.all(Array.from({ length: calls }, () => client()));
}

/**
 * The runtime's own cost without the network: both sides get the same canned Response from an
 * in-process fetch, so what remains is template, request, reading, mapping and redaction.
 * Once back to back (the code stays hot), and once with the process idle for a millisecond
 * before each answer, as it is while a server works: what the same code costs when it runs
 * on caches the idle time has cooled, which is how it runs on the loopback figures above.
 */
async function reportPureOverhead(url: string): Promise<void> {
  const canned = JSON.stringify({
    id: 'chatcmpl-bench', object: 'chat.completion', created: 1700000000, model: 'llama-3.3-70b-versatile',
    choices: [ { index: 0, message: { role: 'assistant', content: 'Paris is the capital of France.' }, finish_reason: 'stop' } ],
    usage: { prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 }
  });
  const answer = () => new Response(canned, {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(canned.length) }
  });
  const localFetch = (async () => answer()) as typeof fetch;
  const clients = makeClients('http://unused', url, localFetch);
  const stub = await interleave(() => sequential(clients.rawFetch, STUB_CALLS), () => sequential(clients.executeTask, STUB_CALLS), STUB_PAIRS, 50);
  const us = (ms: number) => (ms / STUB_CALLS * 1000).toFixed(1);

  console.log(`  in-process fetch stub (no network), ${STUB_PAIRS} pairs of ${STUB_CALLS} calls: raw fetch ${us(stub.baselineMs)} µs, executeTask ${us(stub.subjectMs)} µs a call; executeTask adds ${us(stub.addedMs)} µs`);

  const idleFetch = (async () => {
    await new Promise(resolve => setTimeout(resolve, 1));

    return answer();
  }) as typeof fetch;
  const idle = makeClients('http://unused', url, idleFetch);
  const afterIdle = await interleave(idle.rawFetch, idle.executeTask, IDLE_STUB_PAIRS, 50);

  console.log(`  the same stub answering after an idle millisecond, ${IDLE_STUB_PAIRS} pairs: executeTask adds ${duration(afterIdle.addedMs)} (the same work on cooled caches)`);
}

async function startServer(): Promise<{ origin: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [ '-e', SERVER_SOURCE ], { stdio: [ 'ignore', 'pipe', 'inherit' ] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolve(data.toString().trim()));
    child.once('exit', code => reject(new Error(`bench server exited with ${code}`)));
  });

  return { origin: `http://127.0.0.1:${port}`, process: child };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
