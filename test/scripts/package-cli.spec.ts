import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { packageCli } from '../../scripts/package-cli.mjs';
import { scratchFixtures } from '../cli/capture';
import { completion, json, startFaultServer } from '../support/fault-server';
import type { FaultServer } from '../support/fault-server';
import { startEngineServer } from '../worker/support/engine-server';

const run = promisify(execFile);
const KEY = 'sk-package-test-0123456789abcdef';

// The tarball as a user gets it: packed, installed with npm into an empty prefix (offline:
// it depends on nothing from the registry), then run from that prefix, not from the checkout.
describe('scripts/package-cli.mjs (npm tarball of the command line and worker)', () => {

  let work: string;
  let tarball: string;
  let files: string[];
  let catalyst: string;
  let llm: FaultServer;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'catalyst-package-'));
    ({ out: tarball, files } = await packageCli({ outDir: work }));

    const prefix = path.join(work, 'prefix');
    await run('npm', [ 'install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball ], { cwd: work });
    catalyst = process.platform === 'win32' ? path.join(prefix, 'catalyst.cmd') : path.join(prefix, 'bin', 'catalyst');

    llm = await startFaultServer();
    llm.route('/v1/chat/completions', json(200, completion('Hello from the installed worker')));
  }, 60_000);

  afterAll(async () => {
    await llm?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('is named catalyst-<version>.tgz and holds the built command line, its bin and docs only', () => {

    // then
    const version = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')).version;
    expect(path.basename(tarball)).toBe(`catalyst-${version}.tgz`);
    expect(files).toContain('bin/catalyst.js');
    expect(files).toContain('dist/node/cli.mjs');
    expect(files).toContain('package.json');
    expect(files.filter(file => !/^(bin|dist\/node|docs)\/|^(package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
  });

  it('installs into a clean prefix without the registry and prints the worker\'s options', async () => {

    // when
    const { stdout } = await run(catalyst, [ 'worker', '--help' ], { cwd: work });

    // then
    expect(stdout).toMatch(/^catalyst worker \[options\]/);
    expect(stdout).toContain('--string-limit');
    expect(stdout).toContain('--long-values');
  });

  it('runs catalyst call against a provider', async () => {

    // given
    const scratch = await scratchFixtures(llm.origin);

    try {

      // when
      const { stdout } = await run(catalyst, [ 'call', 'call.bpmn', '--task', 'Ask', '--var', 'userMessage=Hi', '--var-json', 'limit=32', '--json' ], {
        cwd: scratch.dir,
        env: { ...process.env, TEST_API_KEY: KEY }
      });

      // then
      expect(JSON.parse(stdout)).toMatchObject({ outcome: 'complete', variables: { aiReply: 'Hello from the installed worker' } });
    } finally {
      await scratch.remove();
    }
  });

  it('runs catalyst worker: completes a task from the engine and stops cleanly on SIGTERM', async () => {

    // given
    const engine = await startEngineServer();
    const child = spawn(catalyst, [ 'worker' ], {
      cwd: work,
      env: { ...process.env, CATALYST_ENGINE_URL: engine.url, CATALYST_LONG_POLL: 'PT0.2S', TEST_API_KEY: KEY },
      stdio: [ 'ignore', 'pipe', 'pipe' ]
    });
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));

    try {

      // when
      const task = engine.addTask({
        variables: { userMessage: { type: 'String', value: 'Hi' } },
        extensionProperties: {
          'catalyst.provider': 'openai-compatible',
          'catalyst.url': `${llm.origin}/v1/chat/completions`,
          'catalyst.secretSource': 'env',
          'catalyst.secretName': 'test_api_key',
          'catalyst.payload': '{"model":"m","messages":[{"role":"user","content":"${userMessage}"}]}',
          'catalyst.responseMapping': '{"aiReply":"choices[0].message.content"}'
        }
      });
      const complete = await engine.waitForCall('complete', task.id, 20_000);
      child.kill('SIGTERM');

      // then
      expect(complete.body.variables.aiReply).toEqual({ type: 'string', value: 'Hello from the installed worker' });
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await engine.close();
    }
  }, 30_000);
});

// No container engine runs on the build machines, so the image itself is not built here;
// what it runs is: the install above uses the Dockerfile's npm flags, and its health check
// command runs below as Docker would run it.
describe('Dockerfile (the worker image)', () => {

  const dockerfile = readFileSync(path.resolve('Dockerfile'), 'utf8');

  function healthCheck(file: string): Promise<number> {
    const command = JSON.parse(/HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])/.exec(dockerfile)![1]) as string[];

    return new Promise(resolve => {
      execFile(command[0], command.slice(1), { env: { ...process.env, CATALYST_HEALTH_FILE: file } }, error => resolve(error ? (error.code as number) : 0));
    });
  }

  it('installs the packed tarball offline, runs as the unprivileged user and stops on SIGTERM', () => {

    // then
    expect(dockerfile).toMatch(/^COPY dist\/catalyst-\*\.tgz \/tmp\/$/m);
    expect(dockerfile).toMatch(/^RUN npm install --global --offline .*\/tmp\/catalyst-\*\.tgz/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["catalyst"\]\nCMD \["worker"\]$/m);
  });

  it('is healthy while the worker writes its health file, and not when the file is old or missing', async () => {

    // given
    const dir = mkdtempSync(path.join(tmpdir(), 'catalyst-health-'));
    const fresh = path.join(dir, 'fresh');
    const stale = path.join(dir, 'stale');
    writeFileSync(fresh, 'now');
    writeFileSync(stale, 'then');
    utimesSync(stale, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));

    try {

      // then
      expect(await healthCheck(fresh)).toBe(0);
      expect(await healthCheck(stale)).toBe(1);
      expect(await healthCheck(path.join(dir, 'missing'))).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
