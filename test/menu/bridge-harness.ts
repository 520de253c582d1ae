/** Starts a bridge on 127.0.0.1 for specs and talks to it the way a renderer (or an attacker) would. */
import { request as httpRequest } from 'node:http';

import { defaultRuntime } from '../../menu/bridge/default-runtime';
import type { BridgeRuntime } from '../../menu/bridge/runtime-port';
import { startBridge, type RunningBridge } from '../../menu/bridge/server';
import { startFaultServer, type FaultServer } from '../support/fault-server';
import type { SecretStore, TaskProperties } from '../../runtime/types';

/** Looks like a real key so a leak would be obvious; specs assert it never comes back. */
export const SECRET = 'gsk_BRIDGESECRET0123456789abcdefXYZ';

/** A store with `groq_api_key` in every source and nothing else. */
export function memorySecrets(values: Record<string, string> = { groq_api_key: SECRET }): SecretStore {
  return {
    locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
    read: async (_source, name) => values[name]
  };
}

/**
 * The shared runtime with its waits between attempts skipped (the waits it asked for are
 * still what the bridge reports), so retry specs run in milliseconds.
 */
export function runtimeWithoutWaits(sleeps: number[] = []): BridgeRuntime {
  return {
    ...defaultRuntime,
    executeTask: (config, options) => defaultRuntime.executeTask(config, {
      ...options,
      random: () => 0.5,
      sleep: async (ms, signal) => {
        sleeps.push(ms);

        if (signal?.aborted) {
          throw signal.reason;
        }
      }
    })
  };
}

/** A Groq task pointed at `url`. */
export function groqTask(url: string, extra: TaskProperties = {}): TaskProperties {
  return {
    'catalyst.provider': 'groq',
    'catalyst.url': url,
    'catalyst.payload': '{"model": "fault-model", "messages": [{"role": "user", "content": "${userMessage}"}]}',
    ...extra
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Every answer text a spec file saw, to assert the secret is in none of them. */
export const seenAnswers: string[] = [];

/**
 * One request with full control over the headers (fetch does not let a caller set Host).
 * Defaults: the bridge's own Host and token, JSON body.
 */
export function raw(bridge: RunningBridge, options: {
  method?: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
}): Promise<RawAnswer> {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${bridge.port}`,
    authorization: `Bearer ${bridge.token}`,
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {})
  };

  for (const [ name, value ] of Object.entries(options.headers ?? {})) {
    if (value === undefined) {
      delete headers[name];
    } else {
      headers[name] = value;
    }
  }

  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port: bridge.port,
      method: options.method ?? 'GET',
      path: new URL(bridge.url).pathname + options.path,
      headers,
      setHost: false
    }, res => {
      const chunks: Buffer[] = [];

      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');

        seenAnswers.push(text, JSON.stringify(res.headers));
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
      });
    });

    // a refused upload may be cut short by the bridge; the answer already arrived
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST a JSON body with the token and parse the JSON answer. */
export async function post(bridge: RunningBridge, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const answer = await raw(bridge, { method: 'POST', path, body: JSON.stringify(body) });

  return { status: answer.status, json: JSON.parse(answer.text) };
}

export interface StreamedEvent {
  event: string;
  data: any;
}

/** Parses an SSE answer into its events, in order. */
export function parseEvents(text: string): StreamedEvent[] {
  return text.split('\n\n')
    .filter(block => block.includes('data:'))
    .map(block => {
      const lines = block.split('\n');
      const event = lines.find(line => line.startsWith('event: '))?.slice(7) ?? '';
      const data = lines.find(line => line.startsWith('data: '))?.slice(6) ?? 'null';

      return { event, data: JSON.parse(data) };
    });
}

/** A loopback model server and a bridge with the in-memory secrets; `stop` ends both. */
export async function startBridgeAndModel(options: { sleeps?: number[]; keepAliveMs?: number } = {}): Promise<{ llm: FaultServer; bridge: RunningBridge; stop(): Promise<void> }> {
  const llm = await startFaultServer();
  const bridge = await startBridge({ secrets: memorySecrets(), runtime: runtimeWithoutWaits(options.sleeps), keepAliveMs: options.keepAliveMs });

  return {
    llm,
    bridge,
    async stop() {
      await bridge.close();
      await llm.stop();
    }
  };
}

export { startBridge };
