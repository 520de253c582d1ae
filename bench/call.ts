/**
 * Overhead of `executeTask` against a raw `fetch` and against the `openai` SDK, all three
 * calling the same loopback server (in its own process, so its work is not billed to the
 * client): 1,000 sequential calls and 5 rounds of 100 concurrent calls per client,
 * interleaved so drift hits each the same, the whole measured 5 times (medians printed).
 * Ratios are against raw fetch measured in the same run. Targets: runtime within 1.10x of
 * raw fetch, not slower than the SDK; the last lines say whether this run met them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { executeTask } from '../runtime/execute';
import { newTaskProperties, readTaskConfig } from '../runtime/config';
import type { SecretStore } from '../runtime/types';

const SEQUENTIAL_CALLS = 1_000;
const BLOCK_CALLS = 50;
const CONCURRENT_CALLS = 100;
const CONCURRENT_ROUNDS = 5;
const REPETITIONS = 5;
// executeTask has far more JavaScript than a bare fetch; let the JIT settle before measuring.
const WARMUP_CALLS = 2_000;
const KEY = 'sk-bench-0123456789abcdefghijklmnop';

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

// The issue's targets, checked against the sequential calls' median wall-time ratios.
const TARGET_VS_RAW_FETCH = 1.10;
const TARGET_VS_SDK = 1.00;

/** Run the benchmark and print its figures. */
export async function main(): Promise<void> {
  const server = await startServer();

  try {
    const url = `${server.origin}/v1/chat/completions`;
    const clients = makeClients(server.origin, url);
    const names = Object.keys(clients) as Array<keyof typeof clients>;

    for (const name of names) {
      await sequential(clients[name], WARMUP_CALLS);
    }

    const sequentialRuns: Array<Record<ClientName, Cost>> = [];
    const concurrentRuns: Array<Record<ClientName, Cost>> = [];

    // On a shared machine noise dwarfs the differences measured, so the whole measurement
    // runs several times and the medians are reported.
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      sequentialRuns.push(await measureSequential(clients, names));
      concurrentRuns.push(await measureConcurrent(clients, names));
    }

    console.log('executeTask vs raw fetch vs openai SDK, loopback server in a child process');
    console.log(`${SEQUENTIAL_CALLS} sequential calls and ${CONCURRENT_ROUNDS} rounds of ${CONCURRENT_CALLS} concurrent calls, measured ${REPETITIONS} times; medians`);
    console.log('wall: elapsed time; cpu: this process\'s CPU time (steadier when the machine is busy)\n');
    report('sequential', sequentialRuns, SEQUENTIAL_CALLS);
    report('concurrent', concurrentRuns, CONCURRENT_CALLS * CONCURRENT_ROUNDS);
    await reportPureOverhead(url);
    reportTargets(sequentialRuns);
  } finally {
    server.process.kill();
  }
}

type ClientName = 'rawFetch' | 'executeTask' | 'openaiSdk';

/**
 * Short blocks of sequential calls, client after client. Blocks rather than single calls:
 * switching client on every call would let one client's code evict the other's from the CPU
 * caches, which no real caller suffers. The order rotates so no client always runs right
 * after the same other one.
 */
async function measureSequential(clients: Record<ClientName, Client>, names: ClientName[]): Promise<Record<ClientName, Cost>> {
  const costs = totals(names);

  for (let block = 0; block < SEQUENTIAL_CALLS / BLOCK_CALLS; block++) {
    for (const name of rotate(names, block)) {
      add(costs[name], await timed(() => sequential(clients[name], BLOCK_CALLS)));
    }
  }

  return costs;
}

async function measureConcurrent(clients: Record<ClientName, Client>, names: ClientName[]): Promise<Record<ClientName, Cost>> {
  const costs = totals(names);

  for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
    for (const name of rotate(names, round)) {
      add(costs[name], await timed(() => concurrent(clients[name], CONCURRENT_CALLS)));
    }
  }

  return costs;
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

function rotate<T>(items: T[], by: number): T[] {
  const start = by % items.length;

  return [ ...items.slice(start), ...items.slice(0, start) ];
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
 */
async function reportPureOverhead(url: string): Promise<void> {
  const canned = JSON.stringify({
    id: 'chatcmpl-bench', object: 'chat.completion', created: 1700000000, model: 'llama-3.3-70b-versatile',
    choices: [ { index: 0, message: { role: 'assistant', content: 'Paris is the capital of France.' }, finish_reason: 'stop' } ],
    usage: { prompt_tokens: 24, completion_tokens: 8, total_tokens: 32 }
  });
  const localFetch = (async () => new Response(canned, {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(canned.length) }
  })) as typeof fetch;
  const clients = makeClients('http://unused', url, localFetch);
  const blocks = 40;
  const callsPerBlock = 250;
  const perCallUs = { rawFetch: [] as number[], executeTask: [] as number[] };

  for (let block = 0; block < blocks; block++) {
    for (const name of [ 'rawFetch', 'executeTask' ] as const) {
      perCallUs[name].push((await timed(() => sequential(clients[name], callsPerBlock))).cpuMs / callsPerBlock * 1000);
    }
  }

  const rawFetchUs = trimmedMean(perCallUs.rawFetch);
  const executeTaskUs = trimmedMean(perCallUs.executeTask);

  console.log(`in-process fetch stub (no network), ${blocks} blocks of ${callsPerBlock} calls each, mean of the blocks without the highest and lowest tenth:`);
  console.log(`  rawFetch ${rawFetchUs.toFixed(1)} µs/call, executeTask ${executeTaskUs.toFixed(1)} µs/call: executeTask adds ${(executeTaskUs - rawFetchUs).toFixed(1)} µs of CPU per call`);
}

/**
 * Blocks that include a garbage collection cost about twice the others, which is a fair part
 * of a client's cost and stays in; a block another process interrupts can cost ten times as
 * much and would outweigh the runtime's whole overhead, so the extremes are dropped.
 */
function trimmedMean(values: number[]): number {
  const sorted = [ ...values ].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length / 10);
  const kept = sorted.slice(cut, sorted.length - cut);

  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

interface Cost {
  wallMs: number;
  cpuMs: number;
}

function totals<Name extends string>(names: Name[]): Record<Name, Cost> {
  return Object.fromEntries(names.map(name => [ name, { wallMs: 0, cpuMs: 0 } ])) as Record<Name, Cost>;
}

function add(total: Cost, cost: Cost): void {
  total.wallMs += cost.wallMs;
  total.cpuMs += cost.cpuMs;
}

async function timed(work: () => Promise<unknown>): Promise<Cost> {
  const cpu = process.cpuUsage();
  const start = performance.now();

  await work();

  const used = process.cpuUsage(cpu);

  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function report(label: string, runs: Array<Record<ClientName, Cost>>, calls: number): void {
  const perCall = (ms: number) => `${(ms / calls * 1000).toFixed(0).padStart(5)} µs`;
  const ratio = (name: ClientName, base: ClientName, field: keyof Cost) => median(runs.map(run => run[name][field] / run[base][field]));

  console.log(`${label}:`);

  for (const name of Object.keys(runs[0]) as ClientName[]) {
    const wall = median(runs.map(run => run[name].wallMs));
    const cpu = median(runs.map(run => run[name].cpuMs));

    console.log(`  ${name.padEnd(12)} wall ${perCall(wall)} ${ratio(name, 'rawFetch', 'wallMs').toFixed(2)}x raw fetch   cpu ${perCall(cpu)} ${ratio(name, 'rawFetch', 'cpuMs').toFixed(2)}x raw fetch`);
  }

  const spread = runs.map(run => (run.executeTask.wallMs / run.rawFetch.wallMs).toFixed(2)).join(' ');

  console.log(`  executeTask / openaiSdk: wall ${ratio('executeTask', 'openaiSdk', 'wallMs').toFixed(2)}x, cpu ${ratio('executeTask', 'openaiSdk', 'cpuMs').toFixed(2)}x`);
  console.log(`  executeTask / rawFetch wall per run: ${spread}\n`);
}

/**
 * Whether this run met the targets, stated plainly: the median over the repetitions of
 * executeTask's sequential wall time divided by raw fetch's (and by the SDK's), each measured
 * in the same repetition. One run on a busy machine can land either side of the line; the
 * per-run ratios above show how far apart they are.
 */
function reportTargets(runs: Array<Record<ClientName, Cost>>): void {
  const vsRawFetch = median(runs.map(run => run.executeTask.wallMs / run.rawFetch.wallMs));
  const vsSdk = median(runs.map(run => run.executeTask.wallMs / run.openaiSdk.wallMs));
  const verdict = (ratio: number, target: number) => (ratio <= target ? 'MET' : 'NOT MET');

  console.log(`\ntargets (sequential wall time, median of ${runs.length} runs):`);
  console.log(`  executeTask within ${TARGET_VS_RAW_FETCH.toFixed(2)}x of raw fetch: ${vsRawFetch.toFixed(2)}x, ${verdict(vsRawFetch, TARGET_VS_RAW_FETCH)}`);
  console.log(`  executeTask not slower than the openai SDK: ${vsSdk.toFixed(2)}x, ${verdict(vsSdk, TARGET_VS_SDK)}`);
}

function median(values: number[]): number {
  const sorted = [ ...values ].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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
