import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chunk, completion, json, sse, startFaultServer, type Behaviour, type FaultServer } from '../support/fault-server';
import { runCli, scratchFixtures } from './capture';

const KEY = 'sk-cli-test-0123456789abcdef';

describe('catalyst call', () => {

  let server: FaultServer;
  let scratch: Awaited<ReturnType<typeof scratchFixtures>>;

  beforeAll(async () => {
    server = await startFaultServer();
    scratch = await scratchFixtures(server.origin);
    await writeFile(path.join(scratch.dir, 'vars.json'), JSON.stringify({ userMessage: 'from the file', limit: 64 }));
    await writeFile(path.join(scratch.dir, 'secrets.properties'), `team_key = ${KEY}\n`);
  });

  afterAll(async () => {
    await scratch.remove();
    await server.stop();
  });

  function answer(behaviour: Behaviour) {
    server.route('/v1/chat/completions', behaviour);
  }

  // The server counts requests per path over the whole file; this counts from now.
  function inTurn(...behaviours: Behaviour[]): Behaviour {
    let calls = 0;

    return (request, response) => behaviours[Math.min(calls++, behaviours.length - 1)](request, response, 0);
  }

  const inScratch = (argv: string[], env: Record<string, string> = { TEST_API_KEY: KEY }) =>
    runCli([ 'call', 'call.bpmn', ...argv ], { cwd: scratch.dir, env });


  it('completes, printing exactly the fields of design §8 with --json, exit 0', async () => {

    // given
    answer(json(200, completion('Hello from the model')));

    // when
    const { code, stdout } = await inScratch([ '--task', 'Ask', '--var', 'userMessage=Hi', '--var-json', 'limit=32', '--json' ]);
    const printed = JSON.parse(stdout);

    // then
    expect(code).toBe(0);
    expect(Object.keys(printed)).toEqual([ 'outcome', 'variables', 'bpmnError', 'error', 'statusCode', 'attempts', 'durationMs' ]);
    expect(printed).toMatchObject({
      outcome: 'complete',
      bpmnError: null,
      error: null,
      statusCode: 200,
      variables: { aiReply: 'Hello from the model', catalyst_statusCode: 200, catalyst_success: true }
    });
    expect(printed.attempts).toEqual([ { statusCode: 200, ms: expect.any(Number), waitedMs: 0 } ]);
  });


  it('sends the variables in the payload and the key in the header', async () => {

    // given
    answer(json(200, completion('ok')));
    const before = server.requests.length;

    // when
    await inScratch([ '--task', 'Ask', '--var', 'userMessage=He said "hi"', '--var-json', 'limit=32' ]);

    // then
    const sent = server.requests[before];
    expect(JSON.parse(sent.body)).toMatchObject({ max_tokens: 32, messages: [ { content: 'He said "hi"' } ] });
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
  });


  it('reads variables from --vars, with --var taking precedence', async () => {
    answer(json(200, completion('ok')));
    const before = server.requests.length;

    await inScratch([ '--task', 'Ask', '--vars', 'vars.json', '--var', 'userMessage=from the flag' ]);

    expect(JSON.parse(server.requests[before].body)).toMatchObject({ max_tokens: 64, messages: [ { content: 'from the flag' } ] });
  });


  it('reads a --vars file saved with a UTF-8 byte-order mark', async () => {

    // given
    answer(json(200, completion('ok')));
    await writeFile(path.join(scratch.dir, 'bom.json'), '\uFEFF{"userMessage": "with a BOM", "limit": 8}');
    const before = server.requests.length;

    // when
    const { code } = await inScratch([ '--task', 'Ask', '--vars', 'bom.json' ]);

    // then
    expect(code).toBe(0);
    expect(JSON.parse(server.requests[before].body).messages[0].content).toBe('with a BOM');
  });


  it('prints the outcome, attempts and variables in words', async () => {
    answer(json(200, completion('Hello')));

    const { code, stdout, stderr } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json' ]);

    expect(code).toBe(0);
    expect(stderr).toBe(`Ask: POST ${server.origin}/v1/chat/completions\n`);
    expect(stdout).toMatch(/^completed with HTTP 200 in \d+ ms\nattempts:\n {2}1\. HTTP 200 in \d+ ms\nvariables:\n {2}aiReply = "Hello" \(String\)\n/);
  });


  it('reports a mapping path that found nothing on stderr with --json, keeping stdout one JSON object', async () => {

    // given an answer without usage, so promptTokens and completionTokens find nothing
    const withoutUsage = completion('Hello');
    delete withoutUsage.usage;
    answer(json(200, withoutUsage));

    // when
    const { code, stdout, stderr } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json', '--json' ]);

    // then
    expect(code).toBe(0);
    expect(JSON.parse(stdout).variables).toMatchObject({ promptTokens: null, completionTokens: null });
    expect(stderr.split('\n').filter(line => line.startsWith('warning: '))).toEqual([
      'warning: response mapping: variable promptTokens set to null, path `usage.prompt_tokens` matched nothing in the response',
      'warning: response mapping: variable completionTokens set to null, path `usage.completion_tokens` matched nothing in the response'
    ]);
  });


  it('notes which variables are over 4,000 characters and how the worker stores them', async () => {

    // given
    answer(json(200, completion('x'.repeat(4_001))));

    // when
    const { code, stdout } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json' ]);

    // then
    expect(code).toBe(0);
    expect(stdout).toContain('\nnote: aiReply, catalyst_responseBody are over 4,000 characters; the worker stores them as Json, not String\n');
  });


  it('exits 2 on a mapped status and prints the BPMN error', async () => {

    // given a 401, which is mapped to AUTH_FAILED and never retried
    answer(json(401, { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } }));

    // when
    const { code, stdout } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json', '--json' ]);

    // then
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'bpmnError', bpmnError: { code: 'AUTH_FAILED' }, statusCode: 401 });
  });


  it('retries a 503 and shows the attempts with their waits', async () => {

    // given
    answer(inTurn(json(503, { error: { message: 'overloaded' } }, { 'Retry-After': '0' }), json(200, completion('second time'))));

    // when
    const { code, stdout, stderr } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json' ]);

    // then
    expect(code).toBe(0);
    expect(stderr).toMatch(/^HTTP 503: overloaded; attempt 2 in \d+ ms$/m);
    expect(stdout).toMatch(/ {2}1\. HTTP 503 in \d+ ms \(overloaded\)\n {2}2\. HTTP 200 in \d+ ms after waiting \d+ ms\n/);
  });


  it('sends once with --no-retries and exits 1 on an unmapped failure', async () => {

    // given
    answer(json(503, { error: { message: 'overloaded' } }, { 'Retry-After': '0' }));
    const before = server.requests.length;

    // when
    const { code, stdout } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json', '--no-retries', '--json' ]);

    // then
    expect(code).toBe(1);
    expect(server.requests.length - before).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'failure', statusCode: 503 });
  });


  it('prints streamed text as it arrives with --stream', async () => {

    // given
    answer(sse([ chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo!' }), chunk({}, 'stop'), '[DONE]' ]));

    // when
    const { code, stdout } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json', '--stream' ]);

    // then
    expect(code).toBe(0);
    expect(stdout.startsWith('Hello!\ncompleted with HTTP 200')).toBe(true);
  });


  it('reads a properties secret from --secrets-file', async () => {
    answer(json(200, completion('ok')));
    const before = server.requests.length;

    const { code } = await inScratch([ '--task', 'AskWithFileSecret', '--secrets-file', 'secrets.properties' ], {});

    expect(code).toBe(0);
    expect(server.requests[before].headers.authorization).toBe(`Bearer ${KEY}`);
  });


  it('fails with exit 1 saying where it looked for a missing key, sending nothing', async () => {

    // given no TEST_API_KEY in the environment
    const before = server.requests.length;

    // when
    const { code, stdout } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json' ], {});

    // then
    expect(code).toBe(1);
    expect(stdout).toMatch(/^failed in \d+ ms: .*environment variable TEST_API_KEY is not set/);
    expect(server.requests.length).toBe(before);
  });


  it('fails with exit 1 naming a bad property', async () => {
    const { code, stdout } = await inScratch([ '--task', 'Broken', '--json' ]);

    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'failure', error: expect.stringMatching(/^catalyst\.timeout: "60" is not an ISO-8601 duration/) });
  });


  it('never prints the key, even when the provider echoes it', async () => {
    answer(json(401, { error: { message: `Incorrect API key provided: ${KEY}` } }));

    const { stdout, stderr } = await inScratch([ '--task', 'Ask', '--vars', 'vars.json' ]);

    expect(stdout + stderr).not.toContain(KEY);
  });


  describe('usage errors (exit 64, one line)', () => {

    it.each([
      [ [ '--task', 'Nope' ], /^catalyst call: no Catalyst task "Nope" in call\.bpmn; Catalyst tasks in call\.bpmn: Ask, AskWithFileSecret, Broken\n$/ ],
      [ [], /^catalyst call: missing --task <id>; Catalyst tasks in call\.bpmn: Ask, AskWithFileSecret, Broken\n$/ ],
      [ [ '--task', 'Ask', '--var', 'no-equals' ], /^catalyst call: --var "no-equals" must look like name=value/ ],
      [ [ '--task', 'Ask', '--var-json', 'limit={x' ], /^catalyst call: --var-json limit is not valid JSON: expected a property name in double quotes, found `x` at line 1, column 2\n$/ ],
      [ [ '--task', 'Ask', '--vars', 'missing.json' ], /^catalyst call: cannot read missing\.json: no such file\n$/ ],
      [ [ '--task', 'AskWithFileSecret', '--secrets-file', 'missing.properties' ], /^catalyst call: --secrets-file missing\.properties: no such file\n$/ ],
      [ [ '--task', 'Ask', '--secrets-file', '.' ], /^catalyst call: --secrets-file \.: is a directory, not a file\n$/ ],
      [ [ '--task', 'Ask', '--secrets-dir', 'call.bpmn' ], /^catalyst call: --secrets-dir call\.bpmn: is a file, not a directory\n$/ ],
      [ [ '--task', 'Ask', '--secrets-dir', 'no-such-dir' ], /^catalyst call: --secrets-dir no-such-dir: no such directory\n$/ ]
    ])('%j', async (argv, message) => {
      const { code, stdout, stderr } = await inScratch(argv);

      expect([ code, stdout ]).toEqual([ 64, '' ]);
      expect(stderr).toMatch(message);
    });


    it('rejects a --vars file that is not an object', async () => {
      await writeFile(path.join(scratch.dir, 'list.json'), '[1, 2]');

      const { code, stderr } = await inScratch([ '--task', 'Ask', '--vars', 'list.json' ]);

      expect(code).toBe(64);
      expect(stderr).toBe('catalyst call: list.json must hold a JSON object of variables, like {"userMessage": "Hello"}\n');
    });

  });

});
