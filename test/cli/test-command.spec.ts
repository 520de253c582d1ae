import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';

import { completion, json, startFaultServer, type Behaviour, type FaultServer } from '../support/fault-server';
import { fixtures, root, runCli } from './capture';

const KEY = 'sk-test-command-0123456789abcdef';

/** Fails the run if anything reaches for the network (replays must not). */
const noNetwork = (() => { throw new Error('a replay used the network'); }) as unknown as typeof fetch;

const capital = {
  name: 'capital of France',
  task: 'Ask',
  variables: { userMessage: 'What is the capital of France?', limit: 32 },
  expect: { outcome: 'complete', variables: { aiReply: { contains: 'Paris' } }, maxTokens: 50 }
};

const greeting = {
  name: 'greeting',
  task: 'Ask',
  variables: { userMessage: 'Say hello', limit: 16 },
  expect: { outcome: 'complete', variables: { aiReply: { matches: '\\S' } } }
};

describe('catalyst test', () => {

  let server: FaultServer;
  const folders: string[] = [];

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterEach(async () => {
    await Promise.all(folders.splice(0).map(folder => rm(folder, { recursive: true, force: true })));
  });

  afterAll(() => server.stop());

  function answer(behaviour: Behaviour, route = '/v1/chat/completions') {
    server.route(route, behaviour);
  }

  /** A project folder with the CLI fixture diagram as `order.bpmn` and these cases beside it. */
  async function project(cases: unknown[], options: { folder?: string; testFile?: string } = {}): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'catalyst-test-'));
    const target = path.join(dir, options.folder ?? '');

    folders.push(dir);
    await mkdir(target, { recursive: true });

    const bpmn = (await readFile(path.join(fixtures, 'call.bpmn'), 'utf8')).replaceAll('ORIGIN', server.origin);

    await writeFile(path.join(target, 'order.bpmn'), bpmn);
    await writeFile(path.join(target, 'order.catalyst-tests.json'), options.testFile ?? JSON.stringify({ version: 1, cases }, null, 2));

    return dir;
  }

  const test = (dir: string, argv: string[], options: { env?: Record<string, string>; fetch?: typeof fetch } = {}) =>
    runCli([ 'test', ...argv ], { cwd: dir, env: options.env ?? { TEST_API_KEY: KEY }, fetch: options.fetch });

  /** A fetch that answers every request and records where it went and with which key: what would leave the machine. */
  function networkRecorder() {
    const sent: Array<{ url: string; authorization: string | null }> = [];
    const recordingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });

      return new Response(JSON.stringify(completion('Paris')), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;

    return { sent, recordingFetch };
  }

  async function editPrompt(dir: string, from: string, to: string): Promise<void> {
    const file = path.join(dir, 'order.bpmn');

    await writeFile(file, (await readFile(file, 'utf8')).replace(from, to));
  }

  describe('live', () => {

    it('runs every case against the provider, prints a summary and exits 0 when all pass', async () => {

      // given
      answer(json(200, completion('Paris is the capital of France.')));
      const dir = await project([ capital, greeting ]);

      // when
      const { code, stdout } = await test(dir, [ 'order.bpmn', '--live' ]);

      // then
      expect(code).toBe(0);
      expect(stdout).toContain('order.bpmn\n');
      expect(stdout).toMatch(/ {2}pass {2}capital of France \[Ask\] 19 tokens, \d+ ms/);
      expect(stdout).toContain('pass  greeting [Ask]');
      expect(stdout).toContain('2 cases (live): 2 passed, 0 failed');
    });

    it('exits 1 and names the failed expectation with what was seen instead', async () => {

      // given
      answer(json(200, completion('Lyon, I think.')));
      const dir = await project([ capital ]);

      // when
      const { code, stdout } = await test(dir, [ 'order.bpmn', '--live' ]);

      // then
      expect(code).toBe(1);
      expect(stdout).toContain('FAIL  capital of France [Ask]');
      expect(stdout).toContain('        aiReply contains "Paris": it is "Lyon, I think."');
      expect(stdout).toContain('1 case (live): 0 passed, 1 failed');
    });

    it('sends every request of the run to --endpoint instead of the tasks\' URLs', async () => {

      // given
      answer(json(500, { error: { message: 'the diagram\'s URL was used' } }));
      answer(json(200, completion('Paris, from the local server')), '/local/v1/chat/completions');
      const dir = await project([ capital ]);
      const before = server.requestsTo('/local/v1/chat/completions').length;

      // when
      const { code } = await test(dir, [ 'order.bpmn', '--live', '--endpoint', `${server.origin}/local/v1/chat/completions` ]);

      // then
      expect(code).toBe(0);
      expect(server.requestsTo('/local/v1/chat/completions')).toHaveLength(before + 1);
    });

    it('sends no key to an --endpoint host not trusted for it, fails the case and says how to trust it', async () => {

      // given: a hostile endpoint; the fetch records whatever would leave the machine
      const { sent, recordingFetch } = networkRecorder();
      const dir = await project([ capital ]);

      // when
      const { code, stdout } = await test(dir, [ 'order.bpmn', '--live', '--endpoint', 'https://attacker.example/v1/chat/completions' ], { fetch: recordingFetch });

      // then
      expect(code).toBe(1);
      expect(sent).toEqual([]);
      expect(stdout).toContain('attacker.example');
      expect(stdout).toContain('--trust');
      expect(stdout).not.toContain(KEY);
    });

    it('sends the key to an --endpoint host trusted for it with --trust', async () => {

      // given
      const { sent, recordingFetch } = networkRecorder();
      const dir = await project([ capital ]);

      // when
      const { code } = await test(dir, [ 'order.bpmn', '--live', '--endpoint', 'https://llm.example/v1/chat/completions', '--trust', 'test_api_key=llm.example' ], { fetch: recordingFetch });

      // then
      expect(code).toBe(0);
      expect(sent).toEqual([ { url: 'https://llm.example/v1/chat/completions', authorization: `Bearer ${KEY}` } ]);
    });

    it('runs no more cases at once than --concurrency allows', async () => {

      // given: each answer takes a moment, so cases overlap when they may
      let inFlight = 0;
      let most = 0;

      answer(async (_request, response) => {
        most = Math.max(most, ++inFlight);
        await new Promise(resolve => setTimeout(resolve, 40));
        inFlight--;
        json(200, completion('Paris'))(_request, response, 0);
      });
      const cases = Array.from({ length: 6 }, (_, index) => ({ ...capital, name: `case ${index + 1}` }));
      const dir = await project(cases);

      // when
      const { code } = await test(dir, [ 'order.bpmn', '--live', '--concurrency', '2' ]);

      // then
      expect(code).toBe(0);
      expect(most).toBe(2);
    });
  });

  describe('record and replay', () => {

    it('--record saves each exchange beside the diagram without the key', async () => {

      // given
      answer(json(200, completion('Paris is the capital of France.')));
      const dir = await project([ capital ]);

      // when
      const { code, stderr } = await test(dir, [ 'order.bpmn', '--record' ]);
      const saved = await readFile(path.join(dir, 'order.catalyst-recordings.json'), 'utf8');

      // then
      expect(code).toBe(0);
      expect(stderr).toContain('recorded 1 case in order.catalyst-recordings.json');
      expect(saved).not.toContain(KEY);
      expect(JSON.parse(saved).recordings['capital of France'].exchanges).toHaveLength(1);
    });

    it('--replay (the default) passes from the recording with no key and no network', async () => {

      // given
      answer(json(200, completion('Paris is the capital of France.')));
      const dir = await project([ capital ]);
      await test(dir, [ 'order.bpmn', '--record' ]);

      // when
      const { code, stdout } = await test(dir, [ 'order.bpmn' ], { env: {}, fetch: noNetwork });

      // then
      expect(code).toBe(0);
      expect(stdout).toContain('1 case (replayed from recordings): 1 passed, 0 failed');
    });

    it('a replay after a prompt edit fails with "the prompt changed: ... re-record"', async () => {

      // given
      answer(json(200, completion('Paris is the capital of France.')));
      const dir = await project([ capital ]);
      await test(dir, [ 'order.bpmn', '--record' ]);
      await editPrompt(dir, '&quot;content&quot;: &quot;${userMessage}&quot;', '&quot;content&quot;: &quot;Answer briefly: ${userMessage}&quot;');

      // when
      const { code, stdout } = await test(dir, [ 'order.bpmn', '--replay' ], { env: {}, fetch: noNetwork });

      // then
      expect(code).toBe(1);
      expect(stdout).toContain('FAIL  capital of France [Ask]');
      expect(stdout).toMatch(/the case runs: the prompt changed: the rendered request no longer matches the recording \(at character \d+: .*Answer briefly.*\); re-record with --record/);
    });

    it('a case without a recording fails, saying how to make one', async () => {

      // given
      const dir = await project([ capital ]);

      // when
      const { code, stdout } = await test(dir, [ 'order.bpmn' ], { env: {}, fetch: noNetwork });

      // then
      expect(code).toBe(1);
      expect(stdout).toContain('no recording for this case: run it once with --record');
    });
  });

  describe('JUnit XML', () => {

    it('--reporter junit --output writes a report a JUnit schema accepts, with the failure in it', async () => {

      // given
      answer(json(200, completion('Lyon & <Paris>')));
      const dir = await project([ capital, { ...greeting, expect: { outcome: 'bpmnError' } }, { ...capital, name: 'gone', task: 'Removed' } ]);

      // when
      const { code, stdout } = await test(dir, [ 'order.bpmn', '--live', '--reporter', 'junit', '--output', 'report.xml' ]);
      const xml = await readFile(path.join(dir, 'report.xml'), 'utf8');
      const validation = await validateXML({
        xml: { fileName: 'report.xml', contents: xml },
        schema: { fileName: 'junit.xsd', contents: await readFile(path.join(fixtures, 'junit.xsd'), 'utf8') }
      });

      // then
      expect(code).toBe(1);
      expect(validation.errors).toEqual([]);
      expect(validation.valid).toBe(true);
      expect(stdout).toContain('3 cases (live): 1 passed, 2 failed');
      expect(xml).toContain('<testsuites name="catalyst test" tests="3" failures="1" errors="1"');
      expect(xml).toContain('<testcase name="capital of France" classname="order.bpmn.Ask"');
      expect(xml).toContain('<failure message="outcome is bpmnError: it was complete" type="ExpectationFailed">');
      expect(xml).toContain('<error message="order.bpmn has no Catalyst task &quot;Removed&quot; (its Catalyst tasks: Ask, AskWithFileSecret, Broken)" type="CaseNotRun">');
    });

    it('--reporter junit without --output prints the XML on stdout and the summary on stderr', async () => {

      // given
      answer(json(200, completion('Paris')));
      const dir = await project([ capital ]);

      // when
      const { code, stdout, stderr } = await test(dir, [ 'order.bpmn', '--live', '--reporter', 'junit' ]);

      // then
      expect(code).toBe(0);
      expect(stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
      expect(stderr).toContain('1 case (live): 1 passed, 0 failed');
    });
  });

  describe('files and usage', () => {

    it('a folder runs every diagram under it that has test cases', async () => {

      // given
      answer(json(200, completion('Paris')));
      const dir = await project([ capital ], { folder: 'processes/sales' });

      // when
      const { code, stdout } = await test(dir, [ '.', '--live' ]);

      // then
      expect(code).toBe(0);
      expect(stdout).toContain(`${path.join('processes', 'sales', 'order.bpmn')}\n  pass  capital of France`);
    });

    it('a test file that breaks the schema stops the run with one line naming file, line and column, exit 64', async () => {

      // given
      const dir = await project([], { testFile: '{\n  "version": 1,\n  "cases": [\n    { "name": "x", "task": "Ask", "expect": { "maxTokens": "many" } }\n  ]\n}\n' });

      // when
      const { code, stdout, stderr } = await test(dir, [ 'order.bpmn' ]);

      // then
      expect(code).toBe(64);
      expect(stdout).toBe('');
      expect(stderr).toBe('catalyst test: order.catalyst-tests.json:4:60: cases[0].expect.maxTokens: must be integer\n');
    });

    it('a test file that is not JSON stops the run with one line, exit 64', async () => {

      // given
      const dir = await project([], { testFile: '{ "version": 1, "cases": [ }' });

      // when
      const { code, stderr } = await test(dir, [ 'order.bpmn' ]);

      // then
      expect(code).toBe(64);
      expect(stderr).toMatch(/^catalyst test: order\.catalyst-tests\.json:1:\d+: not valid JSON: [^\n]+\n$/);
    });

    it('a recordings file that breaks its schema stops a replay with one line, exit 64', async () => {

      // given
      const dir = await project([ capital ]);
      await writeFile(path.join(dir, 'order.catalyst-recordings.json'), JSON.stringify({ version: 1, recordings: { 'capital of France': { task: 'Ask' } } }));

      // when
      const { code, stdout, stderr } = await test(dir, [ 'order.bpmn' ], { env: {}, fetch: noNetwork });

      // then
      expect(code).toBe(64);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^catalyst test: order\.catalyst-recordings\.json: \/recordings\/capital of France must have required property '[a-zA-Z]+' \(see resources\/catalyst-recordings\.schema\.json\)\n$/);
    });

    it('a diagram without a test file is wrong usage, exit 64', async () => {

      // given
      const dir = await project([ capital ]);
      await rm(path.join(dir, 'order.catalyst-tests.json'));

      // when
      const { code, stderr } = await test(dir, [ 'order.bpmn' ]);

      // then
      expect(code).toBe(64);
      expect(stderr).toBe('catalyst test: order.bpmn: no test cases (order.catalyst-tests.json not found; save a case in the Modeler, see docs/testing.md)\n');
    });

    it.each([
      [ [ '--live', '--record' ], 'choose one of --replay, --record, --live; got --record and --live' ],
      [ [ '--concurrency', '0', '--live' ], '--concurrency must be a whole number from 1 to 64, not "0"' ],
      [ [ '--endpoint', 'http://127.0.0.1:11434/v1/chat/completions' ], '--endpoint sends the requests elsewhere, and a replay sends none; add --live or --record' ],
      [ [ '--live', '--endpoint', 'ftp://example.org/' ], '--endpoint must be an http(s) URL, not "ftp://example.org/"' ],
      [ [ '--reporter', 'tap' ], '--reporter must be text or junit, not "tap"' ],
      [ [ '--case', 'nope' ], '--case "nope": no such case in order.catalyst-tests.json' ]
    ])('%j is wrong usage, exit 64', async (argv, message) => {

      // given
      const dir = await project([ capital ]);

      // when
      const { code, stderr } = await test(dir, [ 'order.bpmn', ...argv ]);

      // then
      expect(code).toBe(64);
      expect(stderr).toBe(`catalyst test: ${message}\n`);
    });
  });

  describe('the README example', () => {

    it('passes on a clean clone: replayed from the committed recordings, no key, no network', async () => {

      // when
      const { code, stdout } = await runCli([ 'test', 'resources/examples/catalyst-example.bpmn' ], { cwd: root, env: {}, fetch: noNetwork });

      // then
      expect(code).toBe(0);
      expect(stdout).toContain('2 cases (replayed from recordings): 2 passed, 0 failed');
    });

    it('fails in the pipeline after a prompt edit, saying the prompt changed', async () => {

      // given a copy of the example whose system prompt was edited
      const dir = await mkdtemp(path.join(tmpdir(), 'catalyst-readme-'));
      folders.push(dir);

      for (const name of [ 'catalyst-example.catalyst-tests.json', 'catalyst-example.catalyst-recordings.json' ]) {
        await writeFile(path.join(dir, name), await readFile(path.join(root, 'resources/examples', name)));
      }

      const bpmn = await readFile(path.join(root, 'resources/examples/catalyst-example.bpmn'), 'utf8');
      await writeFile(path.join(dir, 'catalyst-example.bpmn'), bpmn.replace('You are a helpful assistant.', 'You are a terse assistant.'));

      // when
      const { code, stdout } = await runCli([ 'test', 'catalyst-example.bpmn', '--reporter', 'junit', '--output', 'junit.xml' ], { cwd: dir, env: {}, fetch: noNetwork });

      // then
      expect(code).toBe(1);
      expect(stdout).toContain('FAIL  capital of France [Ask_Groq]');
      expect(stdout).toContain('the prompt changed: the rendered request no longer matches the recording');
      expect(await readFile(path.join(dir, 'junit.xml'), 'utf8')).toContain('errors="2"');
    });
  });
});
