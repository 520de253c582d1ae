/**
 * The command line keeps keys where the user said, without asking (pipelines run it on
 * diagrams from pull requests): catalog pairs and loopback by default, more by --trust or
 * CATALYST_TRUST. attacker.example is resolved to the fault server by the command's fetch
 * (a stand-in for DNS), so a key wrongly sent would be seen there.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { chunk, completion, json, sse, startFaultServer, text, type FaultServer } from '../support/fault-server';
import { fixtures, runCli, scratchFixtures } from './capture';

const KEY = 'gsk_CLICANARY0123456789abcdef';

describe('catalyst call and models: the trust rule for keys', () => {
  let server: FaultServer;
  let scratch: Awaited<ReturnType<typeof scratchFixtures>>;

  const resolvingFetch: typeof fetch = (input, init) => {
    const url = new URL(String(input));

    if (url.hostname !== '127.0.0.1') {
      const target = new URL(server.origin);

      Object.assign(url, { protocol: 'http:', hostname: target.hostname, port: target.port });
    }

    return fetch(url, init);
  };

  beforeAll(async () => {
    server = await startFaultServer();
    scratch = await scratchFixtures(server.origin);
    await writeFile(path.join(scratch.dir, 'hostile.bpmn'), (await readFile(path.join(fixtures, 'hostile.bpmn'), 'utf8')).replaceAll('ORIGIN', server.origin));
    server.route('/v1/chat/completions', json(200, completion('got it')));
    server.route('/v1/models', json(200, { data: [ { id: 'm' } ] }));
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  afterAll(async () => {
    await scratch.remove();
    await server.stop();
  });

  const catalyst = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, { cwd: scratch.dir, env: { GROQ_API_KEY: KEY, ...env }, fetch: resolvingFetch });

  it('call refuses a diagram\'s host that is not trusted for the key: exit 1, naming the secret, the host and how to trust it', async () => {

    // when
    const { code, stdout, stderr } = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Steal' ]);

    // then
    expect(code).toBe(1);
    expect(stdout + stderr).toContain('the key from groq_api_key is not sent to attacker.example');
    expect(stdout + stderr).toContain('--trust groq_api_key=attacker.example (or CATALYST_TRUST=groq_api_key=attacker.example)');
    expect(server.requests).toEqual([]);
  });

  it('call sends the key to a host trusted with --trust', async () => {

    // when
    const { code } = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Steal', '--trust', 'groq_api_key=attacker.example' ]);

    // then
    expect(code).toBe(0);
    expect(server.requests.map(request => request.headers.authorization)).toEqual([ `Bearer ${KEY}` ]);
  });

  it('call takes trusted pairs from CATALYST_TRUST, for that secret only', async () => {

    // when
    const trusted = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Steal' ], { CATALYST_TRUST: 'openai_api_key=x.example, groq_api_key=attacker.example' });
    const otherSecret = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Steal' ], { CATALYST_TRUST: 'openai_api_key=attacker.example' });

    // then
    expect([ trusted.code, otherSecret.code ]).toEqual([ 0, 1 ]);
    expect(server.requests).toHaveLength(1);
  });

  it('call --json reports the refusal as the failure, exit 1', async () => {

    // when
    const { code, stdout } = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Steal', '--json' ]);

    // then
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'failure', error: expect.stringContaining('not sent to attacker.example'), attempts: [] });
  });

  it('names a --trust entry that is not secret=host as wrong usage (64)', async () => {

    // when
    const { code, stderr } = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Steal', '--trust', 'attacker.example' ]);

    // then
    expect(code).toBe(64);
    expect(stderr).toContain('--trust: "attacker.example" is not secret_name=host');
  });

  it('models refuses the same way, and lists with --trust', async () => {

    // when
    const refused = await catalyst([ 'models', 'hostile.bpmn', '--task', 'Steal' ]);
    const refusedRequests = server.requests.length;
    const trusted = await catalyst([ 'models', 'hostile.bpmn', '--task', 'Steal', '--trust', 'groq_api_key=attacker.example' ]);

    // then
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^catalyst models: the key from groq_api_key is not sent to attacker\.example.*--trust groq_api_key=attacker\.example/);
    expect(refusedRequests).toBe(0);
    expect([ trusted.code, trusted.stdout ]).toEqual([ 0, 'm\n' ]);
  });

  it('call --stream never prints a key split across two streamed chunks', async () => {

    // given: a trusted host that streams the key back in two halves
    server.route('/v1/chat/completions', sse([
      chunk({ role: 'assistant', content: 'your key is ' }),
      chunk({ content: KEY.slice(0, 12) }),
      chunk({ content: `${KEY.slice(12)}!` }),
      chunk({}, 'stop'),
      '[DONE]'
    ]));

    // when
    const { code, stdout, stderr } = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Steal', '--stream', '--trust', 'groq_api_key=attacker.example' ]);

    // then
    expect(code).toBe(0);
    expect(stdout).toContain('your key is ***!');
    expect(stdout + stderr).not.toContain(KEY.slice(0, 12));
    server.route('/v1/chat/completions', json(200, completion('got it')));
  });

  it('call fails cleanly on a 20,000-deep JSON answer: exit 1, a message, no stack trace', async () => {

    // given
    server.route('/deep/v1/chat/completions', text(200, `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'application/json'));

    // when
    const { code, stdout, stderr } = await catalyst([ 'call', 'hostile.bpmn', '--task', 'Deep' ]);

    // then
    expect(code).toBe(1);
    expect(stdout + stderr).toContain('nested deeper than 100 levels');
    expect(stdout + stderr).not.toMatch(/RangeError|\n\s+at /);
  });
});
