import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { json, startFaultServer, type FaultServer } from '../support/fault-server';
import { runCli, scratchFixtures } from './capture';

const KEY = 'sk-models-test-0123456789';

const list = {
  object: 'list',
  data: [
    { id: 'llama3.2', object: 'model', owned_by: 'library' },
    { id: 'nomic-embed-text', object: 'model', owned_by: 'library' }
  ]
};

describe('catalyst models', () => {

  let server: FaultServer;
  let scratch: Awaited<ReturnType<typeof scratchFixtures>>;

  beforeAll(async () => {
    server = await startFaultServer();
    scratch = await scratchFixtures(server.origin);
  });

  afterAll(async () => {
    await scratch.remove();
    await server.stop();
  });

  const inScratch = (argv: string[], env: Record<string, string> = { TEST_API_KEY: KEY }) =>
    runCli([ 'models', ...argv ], { cwd: scratch.dir, env });


  it('lists the ids a task\'s server offers, at the task\'s URL, with its key', async () => {

    // given
    server.route('/v1/models', json(200, list));
    const before = server.requests.length;

    // when
    const { code, stdout } = await inScratch([ 'call.bpmn', '--task', 'Ask' ]);

    // then
    expect(code).toBe(0);
    expect(stdout).toBe('llama3.2\nnomic-embed-text  (not a chat model)\n');
    expect(server.requests[before].headers.authorization).toBe(`Bearer ${KEY}`);
  });


  it('lists a catalog provider\'s models at another base URL', async () => {

    // given
    server.route('/v1/models', json(200, list));

    // when
    const { code, stdout } = await inScratch([ '--provider', 'ollama', '--url', `${server.origin}/v1`, '--json' ], {});

    // then
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((model: { id: string; chat: boolean }) => [ model.id, model.chat ])).toEqual([
      [ 'llama3.2', true ],
      [ 'nomic-embed-text', false ]
    ]);
  });


  it('sends no key to a provider that needs none', async () => {
    server.route('/v1/models', json(200, list));
    const before = server.requests.length;

    await inScratch([ '--provider', 'ollama', '--url', `${server.origin}/v1` ], {});

    expect(server.requests[before].headers.authorization).toBeUndefined();
  });


  it('exits 1 with one line when the server rejects the key', async () => {

    // given
    server.route('/v1/models', json(401, { error: { message: 'bad key' } }));

    // when
    const { code, stdout, stderr } = await inScratch([ 'call.bpmn', '--task', 'Ask' ]);

    // then
    expect([ code, stdout ]).toEqual([ 1, '' ]);
    expect(stderr).toMatch(/^catalyst models: .+\n$/);
  });


  it('exits 1 saying where it looked for a missing key', async () => {
    const { code, stderr } = await inScratch([ '--provider', 'groq' ], {});

    expect(code).toBe(1);
    expect(stderr).toBe('catalyst models: environment variable GROQ_API_KEY is not set\n');
  });


  describe('usage errors (exit 64)', () => {

    it.each([
      [ [], 'catalyst models: give <file.bpmn> --task <id> or --provider <id>\n' ],
      [ [ 'call.bpmn', '--task', 'Ask', '--provider', 'groq' ], 'catalyst models: give either <file.bpmn> --task <id> or --provider <id>, not both\n' ],
      [ [ '--provider', 'grok' ], /^catalyst models: --provider: unknown provider "grok"; known providers: openai-compatible, groq/ ],
      [ [ 'call.bpmn', '--task', 'Ask', '--url', 'http://x/v1' ], 'catalyst models: --url goes with --provider; a task lists models at its own URL\n' ],
      [ [ '--provider', 'groq', '--url', 'notaurl' ], 'catalyst models: --url "notaurl" is not an http(s) URL; give the provider\'s base URL, e.g. http://localhost:11434/v1\n' ],
      [ [ '--provider', 'ollama', '--url', 'ftp://gpu-box/v1' ], /^catalyst models: --url "ftp:\/\/gpu-box\/v1" is not an http\(s\) URL/ ],
      [ [ 'call.bpmn' ], /^catalyst models: missing --task <id>; Catalyst tasks in call\.bpmn: Ask/ ],
      [ [ 'call.bpmn', '--task', 'AskWithFileSecret', '--secrets-file', 'missing.properties' ], 'catalyst models: --secrets-file missing.properties: no such file\n' ]
    ])('%j', async (argv, message) => {
      const { code, stderr } = await inScratch(argv);

      expect(code).toBe(64);
      expect(stderr).toMatch(message);
    });

  });

});
