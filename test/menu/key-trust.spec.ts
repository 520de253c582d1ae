/**
 * Issue #8 through the bridge as the Modeler starts it: menu/index.js (its `createMenu`, with
 * the built menu/dist/bridge.cjs and a stand-in for Electron's dialog), token from its
 * `emit-event`, keys from the secrets file in the user data folder, and a canary key that
 * must reach only hosts the user trusted for it.
 *
 * Host names such as attacker.example are resolved to the fault server by the bridge's
 * `fetch` (a stand-in for DNS): the bridge judges the name as written, so a key it wrongly
 * sent would arrive at the fault server and be seen there.
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { chunk, completion, json, sse, startFaultServer, text, type FaultServer, type RecordedRequest } from '../support/fault-server';

import { parseEvents, seenAnswers } from './bridge-harness';

const root = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

const CANARY = 'gsk_CANARY7f3a9c1e5b2d4f6a8c0e2b4d6f8a';
const AWS_CANARY = 'AWSCANARYwJalrXUtnFEMIK7MDENGbPxRfiCY';

interface DialogCall { window: unknown; options: { message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number } }

describe('keys go only where the user said (issue #8), through the menu module and its bridge', () => {
  const userData = mkdtempSync(path.join(tmpdir(), 'catalyst-trust-'));
  const approvalsFile = path.join(userData, 'catalyst-approved-hosts.txt');
  const app = Object.assign(new EventEmitter(), { mainWindow: { id: 'main-window' }, clientReady: true, getPath: () => userData });
  const dialogCalls: DialogCall[] = [];
  let nextAnswer = 0;
  let llm: FaultServer;
  let other: FaultServer;
  let bridge: { url: string; token: string };
  const logged: unknown[] = [];

  /** attacker.example, api.groq.com, … all land on the fault server; `other.example` on the second one. */
  const resolvingFetch: typeof fetch = (input, init) => {
    const url = new URL(String(input));

    if (!/^(127\.0\.0\.1|localhost)$/.test(url.hostname)) {
      const target = new URL(url.hostname === 'other.example' ? other.origin : llm.origin);

      url.hostname = target.hostname;
      url.port = target.port;
      url.protocol = 'http:';
    }

    return fetch(url, init);
  };

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [ path.join(root, 'scripts/build.mjs'), '--node' ], { cwd: root, encoding: 'utf8' });

    expect(built.status, built.stderr).toBe(0);

    llm = await startFaultServer();
    other = await startFaultServer();
    writeFileSync(path.join(userData, 'catalyst-secrets.properties'), `groq_api_key=${CANARY}\naws_secret_access_key=${AWS_CANARY}\n`);

    const { createMenu } = require(path.join(root, 'menu/index.js'));
    const { startBridge } = require(path.join(root, 'menu/dist/bridge.cjs'));

    const menu = createMenu({
      startBridge: (options: object) => startBridge({ ...options, fetch: resolvingFetch }),
      shell: () => ({ openPath: async () => '' }),
      dialog: () => ({
        showMessageBox: async (window: unknown, options: DialogCall['options']) => {
          dialogCalls.push({ window, options });

          return { response: nextAnswer };
        }
      }),
      fs: require('node:fs'),
      helpFile: path.join(root, 'README.md'),
      env: {},
      log: (message: string, error?: unknown) => logged.push([ message, error ])
    });

    const announced = new Promise<{ url: string; token: string }>(resolve => {
      app.on('menu:action', (_action: string, options: { type: string; payload: { url: string; token: string } }) => {
        if (options.type === 'catalyst.bridge') {
          resolve(options.payload);
        }
      });
    });

    menu(app, { bpmn: true, platform: 'platform' });
    bridge = await announced;
  });

  beforeEach(() => {
    llm.requests.length = 0;
    other.requests.length = 0;
    dialogCalls.length = 0;
    nextAnswer = 0;
    rmSync(approvalsFile, { force: true });
  });

  afterAll(async () => {
    app.emit('will-quit');
    await llm?.stop();
    await other?.stop();
    rmSync(userData, { recursive: true, force: true });

    // no answer the bridge gave in this file carried a key, in any form
    expect(seenAnswers.join('\n')).not.toContain(CANARY.slice(4));
    expect(seenAnswers.join('\n')).not.toContain(AWS_CANARY);
  });

  async function send(method: string, endpoint: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: any }> {
    const response = await fetch(`${bridge.url}${endpoint}`, {
      method,
      headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const answer = await response.text();

    seenAnswers.push(answer);

    let parsed: unknown = null;

    try {
      parsed = JSON.parse(answer);
    } catch {

      // an event stream
    }

    return { status: response.status, text: answer, json: parsed };
  }

  /** A Groq task reading its key from the secrets file, sent to `url`. */
  function task(url: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      'catalyst.provider': 'groq',
      'catalyst.url': url,
      'catalyst.secretSource': 'properties',
      'catalyst.payload': '{"model": "m", "messages": [{"role": "user", "content": "hi"}]}',
      ...extra
    };
  }

  function keysSeen(server: FaultServer): string[] {
    return server.requests.flatMap((request: RecordedRequest) => [ request.headers.authorization, request.headers['x-api-key'] ]).filter((value): value is string => typeof value === 'string');
  }

  const HOSTILE = 'https://attacker.example/v1/chat/completions';

  describe('a hostile diagram names another host (point 1)', () => {

    it('/models sends no key to it and answers 200 with the list unavailable, naming the secret and the host', async () => {

      // given: attacker.example is reachable (it resolves to the fault server)
      llm.route('/v1/models', json(200, { data: [ { id: 'm' } ] }));

      // when
      const answer = await send('POST', '/models', { properties: task(HOSTILE) });

      // then: an expected condition of selecting a task, so no failed request in the console
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        models: [],
        unavailable: {
          code: 'KEY_NOT_TRUSTED',
          message: expect.stringMatching(/attacker\.example is not one of them/),
          trust: { secret: 'groq_api_key', host: 'attacker.example', description: expect.stringContaining('groq_api_key') }
        }
      });
      expect(keysSeen(llm)).toEqual([]);
      expect(llm.requests).toEqual([]);
      expect(dialogCalls).toEqual([]);
    });

    it.each([
      [ '/calls', { properties: task(HOSTILE), variables: {} } ],
      [ '/check', { properties: task(HOSTILE) } ]
    ])('%s sends no key to it and answers 403 KEY_NOT_TRUSTED naming the secret and the host', async (endpoint, body) => {

      // given: attacker.example is reachable (it resolves to the fault server)
      llm.route('/v1/models', json(200, { data: [ { id: 'm' } ] }));
      llm.route('/v1/chat/completions', json(200, completion('ok')));

      // when
      const answer = await send('POST', endpoint, body);

      // then
      expect(answer.status).toBe(403);
      expect(answer.json.error).toMatchObject({
        code: 'KEY_NOT_TRUSTED',
        trust: { secret: 'groq_api_key', host: 'attacker.example', description: expect.stringContaining('groq_api_key') }
      });
      expect(answer.json.error.message).toMatch(/attacker\.example is not one of them/);
      expect(keysSeen(llm)).toEqual([]);
      expect(dialogCalls).toEqual([]);
    });

    it('refuses a secretName that names another key (aws_secret_access_key) even for the catalog host', async () => {

      // when
      const answer = await send('POST', '/calls', { properties: task('https://api.groq.com/openai/v1/chat/completions', { 'catalyst.secretName': 'aws_secret_access_key' }) });

      // then
      expect(answer.status).toBe(403);
      expect(answer.json.error.trust).toMatchObject({ secret: 'aws_secret_access_key', host: 'api.groq.com' });
      expect(llm.requests).toEqual([]);
    });

    it('sends the key to the pair the catalog names (groq_api_key to api.groq.com) without asking', async () => {

      // given
      llm.route('/openai/v1/chat/completions', json(200, completion('fine')));

      // when
      const answer = await send('POST', '/calls', { properties: task('https://api.groq.com/openai/v1/chat/completions') });

      // then
      expect(parseEvents(answer.text).at(-1)!.data.result).toMatchObject({ outcome: 'complete' });
      expect(keysSeen(llm)).toEqual([ `Bearer ${CANARY}` ]);
      expect(dialogCalls).toEqual([]);
    });
  });

  describe('approval in the main process', () => {

    it('asks with a native dialog naming the secret and the host, "Don\'t send" by default', async () => {

      // when
      const answer = await send('POST', '/approvals', { properties: task(HOSTILE) });

      // then
      expect(answer.json).toEqual({ approved: false, secret: 'groq_api_key', host: 'attacker.example', alreadyTrusted: false });
      expect(dialogCalls).toHaveLength(1);
      expect(dialogCalls[0].window).toBe(app.mainWindow);
      expect(dialogCalls[0].options.message).toMatch(/^Send the key from .*groq_api_key.* to attacker\.example\?$/);
      expect(dialogCalls[0].options.buttons[dialogCalls[0].options.defaultId]).toBe('Don\'t send');
      expect(dialogCalls[0].options.cancelId).toBe(dialogCalls[0].options.defaultId);
      expect(existsSync(approvalsFile)).toBe(false);
    });

    it('after "Send", the key goes to that host only, for that secret only', async () => {

      // given
      llm.route('/v1/chat/completions', json(200, completion('approved')));
      other.route('/v1/chat/completions', json(200, completion('not approved')));
      nextAnswer = 1;

      // when
      const approval = await send('POST', '/approvals', { properties: task(HOSTILE) });
      const approved = await send('POST', '/calls', { properties: task(HOSTILE) });
      const otherHost = await send('POST', '/calls', { properties: task('https://other.example/v1/chat/completions') });
      const otherSecret = await send('POST', '/calls', { properties: task(HOSTILE, { 'catalyst.secretName': 'aws_secret_access_key' }) });

      // then
      expect(approval.json).toEqual({ approved: true, secret: 'groq_api_key', host: 'attacker.example', alreadyTrusted: false });
      expect(parseEvents(approved.text).at(-1)!.data.result).toMatchObject({ outcome: 'complete' });
      expect(keysSeen(llm)).toEqual([ `Bearer ${CANARY}` ]);
      expect([ otherHost.status, otherHost.json.error.trust.host ]).toEqual([ 403, 'other.example' ]);
      expect([ otherSecret.status, otherSecret.json.error.trust.secret ]).toEqual([ 403, 'aws_secret_access_key' ]);
      expect(keysSeen(other)).toEqual([]);
    });

    it('keeps approvals in the user data folder, lists them, and takes them back', async () => {

      // given
      nextAnswer = 1;
      await send('POST', '/approvals', { properties: task(HOSTILE) });

      // when
      const listed = await send('GET', '/approvals');
      const fileBefore = readFileSync(approvalsFile, 'utf8');
      const revoked = await send('POST', '/approvals/revoke', { secret: 'groq_api_key', host: 'attacker.example' });
      const afterwards = await send('POST', '/models', { properties: task(HOSTILE) });

      // then
      expect(listed.json).toEqual({ approvals: [ { secret: 'groq_api_key', host: 'attacker.example' } ], file: approvalsFile });
      expect(fileBefore).toMatch(/^groq_api_key=attacker\.example$/m);
      expect(fileBefore).not.toContain(CANARY);
      expect(revoked.json).toEqual({ revoked: true });
      expect(readFileSync(approvalsFile, 'utf8')).not.toMatch(/attacker\.example/);
      expect(afterwards.json.unavailable?.code).toBe('KEY_NOT_TRUSTED');
    });

    it('tells the key line where the key goes: an approval, until it is taken back', async () => {

      // given
      const status = async () => (await send('POST', '/secret-status', { properties: task(HOSTILE) })).json.destination;
      const before = await status();
      nextAnswer = 1;
      await send('POST', '/approvals', { properties: task(HOSTILE) });

      // when
      const approved = await status();
      await send('POST', '/approvals/revoke', { secret: approved.secret, host: approved.host });
      const revoked = await status();

      // then
      expect(before).toEqual({ host: 'attacker.example', secret: 'groq_api_key', trust: 'untrusted' });
      expect(approved).toEqual({ host: 'attacker.example', secret: 'groq_api_key', trust: 'approval' });
      expect(revoked).toEqual(before);
    });

    it('tells the key line a loopback or catalog host needs no approval, and a task without a key has no destination', async () => {

      // when
      const loopback = await send('POST', '/secret-status', { properties: task(`${llm.origin}/v1/chat/completions`) });
      const catalog = await send('POST', '/secret-status', { properties: task('https://api.groq.com/openai/v1/chat/completions') });
      const noKey = await send('POST', '/secret-status', { properties: task(HOSTILE, { 'catalyst.authType': 'none' }) });

      // then
      expect(loopback.json.destination).toEqual({ host: '127.0.0.1', secret: 'groq_api_key', trust: 'loopback' });
      expect(catalog.json.destination).toEqual({ host: 'api.groq.com', secret: 'groq_api_key', trust: 'catalog' });
      expect(noKey.json.destination).toBeUndefined();
    });

    it('counts a line written in the approvals file by hand at the next request, without a restart', async () => {

      // given
      llm.route('/v1/models', json(200, { data: [ { id: 'by-hand' } ] }));
      writeFileSync(approvalsFile, 'groq_api_key=attacker.example\n');

      // when
      const answer = await send('POST', '/models', { properties: task(HOSTILE) });

      // then
      expect(answer.json.models.map((model: { id: string }) => model.id)).toEqual([ 'by-hand' ]);
      expect(keysSeen(llm)).toEqual([ `Bearer ${CANARY}` ]);
    });

    it('never asks about a host that would write two approvals into the file (",", "=" in a URL host)', async () => {

      // when
      const answer = await send('POST', '/approvals', { properties: task('https://a.example,openai_api_key=evil.example/v1/chat/completions') });

      // then
      expect(answer.status).toBe(422);
      expect(answer.json.error.code).toBe('APPROVAL_INVALID');
      expect(dialogCalls).toEqual([]);
      expect(existsSync(approvalsFile)).toBe(false);
    });

    it('gives the editor nothing to write into the diagram: the answer names the pair, the approval stays in the file', async () => {

      // given
      nextAnswer = 1;
      const properties = task(HOSTILE);

      // when
      const answer = await send('POST', '/approvals', { properties });

      // then
      expect(Object.keys(answer.json).sort()).toEqual([ 'alreadyTrusted', 'approved', 'host', 'secret' ]);
      expect(properties).toEqual(task(HOSTILE));
      expect(path.dirname(approvalsFile)).toBe(userData);
    });
  });

  describe('nothing the bridge answers carries the key (points 2 and 3)', () => {

    it('redacts a model list that echoes the key back', async () => {

      // given: a provider (trusted: loopback) that puts the Authorization header into a model id
      llm.route('/echo/v1/models', (request, response) => json(200, { data: [ { id: `echo ${request.headers.authorization}` } ] })(request, response, 0));

      // when
      const answer = await send('POST', '/models', { properties: task(`${llm.origin}/echo/v1/chat/completions`) });

      // then
      expect(answer.status).toBe(200);
      expect(answer.json.models[0].id).toBe('echo Bearer ***');
      expect(answer.text).not.toContain(CANARY);
    });

    it('redacts a key split across two streamed chunks before it reaches the event stream', async () => {

      // given
      const half = 14;

      llm.route('/split/v1/chat/completions', sse([
        chunk({ role: 'assistant', content: 'your key is ' }),
        chunk({ content: CANARY.slice(0, half) }),
        chunk({ content: `${CANARY.slice(half)} – keep it safe` }),
        chunk({}, 'stop'),
        '[DONE]'
      ]));

      // when
      const answer = await send('POST', '/calls', { properties: task(`${llm.origin}/split/v1/chat/completions`), stream: true });

      // then
      const events = parseEvents(answer.text);
      const streamed = events.filter(event => event.event === 'chunk').map(event => event.data.text).join('');

      expect(streamed).toBe('your key is *** – keep it safe');
      expect(answer.text).not.toContain(CANARY.slice(0, half));
      expect(events.at(-1)!.event).toBe('result');
    });
  });

  describe('redirects to another origin are not followed with the key (point 4)', () => {

    const keyHeaderTask = (url: string) => task(url, { 'catalyst.authType': 'apiKeyHeader', 'catalyst.authHeader': 'x-api-key' });

    beforeEach(() => {

      // 127.0.0.1 sends a 307 to localhost, another host name, where other listens
      const away = (request: { url?: string }, response: { writeHead(status: number, headers: object): void; end(): void }) => {
        response.writeHead(307, { Location: `http://localhost:${new URL(other.origin).port}${request.url}` });
        response.end();
      };

      llm.route('/moved/v1/chat/completions', away as never);
      llm.route('/moved/v1/models', away as never);
      other.route('/moved/v1/chat/completions', json(200, completion('stolen')));
      other.route('/moved/v1/models', json(200, { data: [ { id: 'stolen' } ] }));
    });

    it('on a call: the run fails saying so in words', async () => {

      // when
      const answer = await send('POST', '/calls', { properties: keyHeaderTask(`${llm.origin}/moved/v1/chat/completions`) });

      // then
      const result = parseEvents(answer.text).at(-1)!.data.result;

      expect(result.outcome).toBe('failure');
      expect(JSON.stringify(result)).toContain('HTTP 307 to another host; not followed with your key');
      expect(other.requests).toEqual([]);
    });

    it('on a model list', async () => {

      // when
      const answer = await send('POST', '/models', { properties: keyHeaderTask(`${llm.origin}/moved/v1/chat/completions`) });

      // then
      expect(answer.status).toBe(200);
      expect(answer.json.models).toEqual([]);
      expect(answer.json.unavailable.code).toBe('MODELS_FAILED');
      expect(answer.json.unavailable.message).toContain('HTTP 307 to another host; not followed with your key');
      expect(other.requests).toEqual([]);
    });

    it('on Check connection', async () => {

      // when
      const answer = await send('POST', '/check', { properties: keyHeaderTask(`${llm.origin}/moved/v1/chat/completions`) });

      // then
      expect(answer.json).toMatchObject({ ok: false, problem: 'REDIRECT_REFUSED' });
      expect(answer.json.message).toContain('HTTP 307 to another host; not followed with your key');
      expect(other.requests).toEqual([]);
    });
  });

  describe('hostile answers and paths (point 6)', () => {

    it('fails a call on a 20,000-deep JSON answer with a clear message and no stack trace', async () => {

      // given
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

      llm.route('/deep/v1/chat/completions', text(200, deep, 'application/json'));
      logged.length = 0;

      // when
      const answer = await send('POST', '/calls', { properties: task(`${llm.origin}/deep/v1/chat/completions`) });

      // then
      const result = parseEvents(answer.text).at(-1)!.data.result;

      expect(result.outcome).toBe('failure');
      expect(JSON.stringify(result)).toMatch(/nested deeper than 100 levels/);
      expect(answer.text).not.toMatch(/RangeError|at \w+ \(/);
      expect(logged).toEqual([]);
    });

    it('answers DELETE /calls/%E0%A4%A (a malformed escape) with 400', async () => {

      // when
      const answer = await send('DELETE', '/calls/%E0%A4%A');

      // then
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe('PATH_INVALID');
    });
  });

  describe('who may talk to it', () => {

    it('accepts the Modeler window\'s Origin: null (a file:// page) with the token', async () => {

      // when
      const answer = await send('GET', '/health', undefined, { origin: 'null' });

      // then
      expect(answer.status).toBe(200);
    });
  });
});
