/**
 * The request the runtime sends, checked against OpenAI's chat-completions OpenAPI spec by
 * Prism's validating mock server (spec kept outside the repo, in ../shared/openai/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/fault-server';
import { makeTask, run } from './task';

const ROOT = path.resolve(__dirname, '../../..');
const SPEC = path.resolve(ROOT, '../shared/openai/chat-completions.openapi.yaml');
const PRISM = path.join(ROOT, 'node_modules/.bin/prism');

const GROQ_PAYLOAD = `{
  "model": "llama-3.3-70b-versatile",
  "max_tokens": 1024,
  "temperature": \${temperature},
  "messages": [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "\${userMessage}"}
  ]
}`;

describe('requests against the OpenAI spec (Prism)', () => {
  let prism: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();

    prism = spawn(PRISM, [ 'mock', '-h', '127.0.0.1', '-p', String(port), SPEC ], { stdio: [ 'ignore', 'pipe', 'pipe' ] });
    await listening(prism);
    url = `http://127.0.0.1:${port}/chat/completions`;
  });

  afterAll(() => {
    prism?.kill();
  });

  it('accepts the request the runtime sends', async () => {

    // when
    const { result } = await run(makeTask(url, { payload: GROQ_PAYLOAD, retries: 0 }), {
      variables: { userMessage: 'Summarise "this"\nplease', temperature: 0.2 }
    });

    // then
    expect(result.error).toBeNull();
    expect(result.statusCode).toBe(200);
    expect(result.outcome).toBe('complete');
  });

  it('accepts the body of a request forced to stream', async () => {

    // when
    const { result } = await run(makeTask(url, { payload: GROQ_PAYLOAD, retries: 0 }), {
      variables: { userMessage: 'hi', temperature: 1 },
      stream: true
    });

    // then: the body passed validation (422 otherwise); Prism cannot mock the stream itself (500)
    expect(result.statusCode).toBe(500);
    expect(result.error).toContain('Cannot serialise');
  });

  it('rejects a request that breaks the spec, so this check can fail', async () => {

    // given
    const broken = '{"model": "llama-3.3-70b-versatile", "messages": "${userMessage}"}';

    // when
    const { result } = await run(makeTask(url, { payload: broken, retries: 0 }));

    // then
    expect(result.statusCode).toBe(422);
    expect(result.error).toBe('HTTP 422: Invalid request: Request body property messages must be array (1 attempt)');
  });

  it('rejects a request without the bearer key', async () => {

    // when
    const { result } = await run(makeTask(url, { payload: GROQ_PAYLOAD, authType: 'none', retries: 0 }), {
      variables: { userMessage: 'hi', temperature: 1 }
    });

    // then
    expect(result.statusCode).toBe(401);
  });
});

function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${output}`)), 45_000);
    const onData = (data: Buffer) => {
      output += data.toString();

      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };

    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
}
