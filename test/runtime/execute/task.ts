/** Fixtures for execution specs: a task, an in-memory secret store, and a run that records events. */
import { expect } from 'vitest';
import { executeTask } from '../../../runtime/execute';
import type { ExecuteOptions, ExecutionEvent, ExecutionResult, SecretStore, TaskConfig } from '../../../runtime/types';

/** Looks like a real key so a leak would be obvious; tests assert it never comes back. */
export const SECRET = 'gsk_TESTSECRET0123456789abcdefXYZ';

export const DEFAULT_PAYLOAD = '{"model": "fault-model", "messages": [{"role": "user", "content": "${userMessage}"}]}';

export function makeTask(url: string, overrides: Partial<TaskConfig> = {}): TaskConfig {
  return {
    version: 1,
    provider: 'groq',
    url,
    authType: 'bearerToken',
    authHeader: 'Authorization',
    authPrefix: 'Bearer',
    secretSource: 'env',
    secretName: 'groq_api_key',
    payload: DEFAULT_PAYLOAD,
    responseMapping: {
      aiReply: 'choices[0].message.content',
      modelUsed: 'model',
      completionTokens: 'usage.completion_tokens',
      finishReason: 'choices[0].finish_reason'
    },
    errorMapping: { 429: 'RATE_LIMITED', 401: 'AUTH_FAILED', 400: 'INVALID_REQUEST' },
    timeout: 'PT5S',
    timeoutMs: 5_000,
    retries: 3,
    ...overrides
  };
}

/** A store that knows `groq_api_key` in every source. */
export function memorySecrets(values: Record<string, string> = { groq_api_key: SECRET }): SecretStore {
  return {
    locate: (source, name) => ({ source, name, description: `${source} ${name}` }),
    read: async (_source, name) => values[name]
  };
}

export interface Run {
  result: ExecutionResult;
  events: ExecutionEvent[];

  /** Waits the runtime asked the injected sleep for. */
  sleeps: number[];
}

/**
 * Execute with instant sleeps and fixed jitter, collect events, and check the secret leaked
 * nowhere (result or events), whatever the case under test is.
 */
export async function run(task: TaskConfig, options: Partial<ExecuteOptions> = {}): Promise<Run> {
  const events: ExecutionEvent[] = [];
  const sleeps: number[] = [];
  const result = await executeTask(task, {
    variables: { userMessage: 'Say hi' },
    secrets: memorySecrets(),
    sleep: async ms => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onEvent: event => events.push(event),
    ...options
  });

  expect(JSON.stringify(result)).not.toContain(SECRET);
  expect(JSON.stringify(events)).not.toContain(SECRET);

  return { result, events, sleeps };
}
