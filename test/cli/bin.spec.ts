import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { completion, json, startFaultServer, type FaultServer } from '../support/fault-server';
import { root, scratchFixtures } from './capture';

const run = promisify(execFile);
const KEY = 'sk-bin-test-0123456789abcdef';

/** Run the installed entry point the way `npx catalyst` does; resolves even on a non-zero exit. */
async function catalyst(argv: string[], options: { cwd: string; env?: Record<string, string> }) {
  try {
    const { stdout, stderr } = await run(process.execPath, [ path.join(root, 'bin/catalyst.js'), ...argv ], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, ...options.env }
    });

    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };

    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('bin/catalyst.js (built command line, end to end)', () => {

  let server: FaultServer;
  let scratch: Awaited<ReturnType<typeof scratchFixtures>>;

  beforeAll(async () => {
    execFileSync(process.execPath, [ 'scripts/build.mjs', '--node' ], { cwd: root, stdio: 'pipe' });
    server = await startFaultServer();
    scratch = await scratchFixtures(server.origin);
  });

  afterAll(async () => {
    await scratch?.remove();
    await server?.stop();
  });


  it('lints the example diagram clean, exit 0', async () => {
    expect(await catalyst([ 'lint', 'example.bpmn' ], { cwd: scratch.dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });


  it('exits 1 on lint errors', async () => {
    const { code, stdout } = await catalyst([ 'lint', 'lint-problems.bpmn' ], { cwd: scratch.dir });

    expect(code).toBe(1);
    expect(stdout).toContain('lint-problems.bpmn:Typo:error:config/timeout: ');
  });


  it('calls a task against a loopback server and prints the JSON result, exit 0', async () => {

    // given
    server.route('/v1/chat/completions', json(200, completion('Hi from the server')));

    // when
    const { code, stdout } = await catalyst(
      [ 'call', 'call.bpmn', '--task', 'Ask', '--var', 'userMessage=Hello', '--var-json', 'limit=16', '--json' ],
      { cwd: scratch.dir, env: { TEST_API_KEY: KEY } }
    );

    // then
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'complete', statusCode: 200, variables: { aiReply: 'Hi from the server' } });
  });


  it('exits 2 on a BPMN error', async () => {
    server.route('/v1/chat/completions', json(400, { error: { message: 'bad request', type: 'invalid_request_error' } }));

    const bpmn = await catalyst(
      [ 'call', 'call.bpmn', '--task', 'Ask', '--var', 'userMessage=x', '--var-json', 'limit=1' ],
      { cwd: scratch.dir, env: { TEST_API_KEY: KEY } }
    );

    expect(bpmn.code).toBe(2);
    expect(bpmn.stdout).toMatch(/^BPMN error INVALID_REQUEST with HTTP 400/);
  });


  it('lists models, exit 0', async () => {
    server.route('/v1/models', json(200, { object: 'list', data: [ { id: 'm1' }, { id: 'm2' } ] }));

    const { code, stdout } = await catalyst([ 'models', '--provider', 'vllm', '--url', `${server.origin}/v1` ], { cwd: scratch.dir });

    expect([ code, stdout ]).toEqual([ 0, 'm1\nm2\n' ]);
  });


  it('prints one line and no stack trace for a usage error, exit 64', async () => {
    const { code, stdout, stderr } = await catalyst([ 'call', 'nowhere.bpmn', '--task', 'x' ], { cwd: scratch.dir });

    expect([ code, stdout, stderr ]).toEqual([ 64, '', 'catalyst call: cannot read nowhere.bpmn: no such file\n' ]);
  });


  it('prints the version', async () => {
    const { code, stdout } = await catalyst([ '--version' ], { cwd: scratch.dir });

    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

});
