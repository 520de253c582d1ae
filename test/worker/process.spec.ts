import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEngineServer } from './support/engine-server';
import type { EngineServer } from './support/engine-server';
import { completion, json, startFaultServer } from '../support/fault-server';
import type { FaultServer } from '../support/fault-server';

const root = path.resolve(__dirname, '../..');
const catalyst = [ path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, 'fixtures/catalyst.ts') ];

let engine: EngineServer;
let llm: FaultServer;
let chatUrl: string;

beforeAll(async () => {
  engine = await startEngineServer();
  llm = await startFaultServer();
  chatUrl = llm.route('/v1/chat/completions', json(200, completion('hello')));
});

afterAll(async () => {
  await engine.close();
  await llm.stop();
});

function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [ ...catalyst, ...args ], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: [ 'ignore', 'pipe', 'pipe' ]
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', chunk => output.stdout += chunk);
  child.stderr.on('data', chunk => output.stderr += chunk);
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));

  return { child, output, exited };
}

describe('catalyst worker (the process)', () => {

  it('runs tasks until SIGTERM, then exits 0', async () => {

    // given
    const { child, output, exited } = startCli([ 'worker', '--engine-url', engine.url, '--long-poll', '500' ], { WORKER_TEST_API_KEY: 'sk-process-test-key-123456' });
    const task = engine.addTask({
      variables: { userMessage: { type: 'String', value: 'hi' } },
      extensionProperties: {
        'catalyst.provider': 'openai-compatible',
        'catalyst.url': chatUrl,
        'catalyst.secretName': 'worker_test_api_key',
        'catalyst.payload': '{"model":"m","messages":[{"role":"user","content":"${userMessage}"}]}'
      }
    });
    await engine.waitForCall('complete', task.id, 30_000);

    // when
    child.kill('SIGTERM');

    // then
    expect(await exited).toBe(0);
    const events = output.stdout.trim().split('\n').map(line => JSON.parse(line).event);
    expect(events).toEqual(expect.arrayContaining([ 'worker.started', 'task.done', 'worker.stopping', 'worker.stopped' ]));
    expect(output.stdout).not.toContain('sk-process-test-key-123456');
  }, 60_000);

  it('refuses a wrong option with one line naming it, exit 64', async () => {

    // when
    const { output, exited } = startCli([ 'worker', '--max-tasks', 'lots' ]);

    // then
    expect(await exited).toBe(64);
    expect(output.stderr).toBe('catalyst worker: --max-tasks: expected a whole number from 1 to 1000, got "lots"\n');
  }, 60_000);
});
