import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest, toCurl } from '../../../runtime/execute';
import { completion, json, startFaultServer, type FaultServer } from '../../support/fault-server';
import { makeTask, SECRET } from './task';

const TRICKY = 'It\'s "quoted", costs $HOME and `date`; \\ back\nslash';

describe('toCurl', () => {
  let server: FaultServer;

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('writes the key as an environment variable, never its value', () => {

    // when
    const command = toCurl(buildRequest(makeTask('https://api.groq.com/openai/v1/chat/completions'), { userMessage: 'hi' }, SECRET), 'GROQ_API_KEY');

    // then
    expect(command).toContain('-H "Authorization: Bearer $GROQ_API_KEY"');
    expect(command).not.toContain(SECRET);
  });

  it('repeats the exact request when run by a POSIX shell', async () => {

    // given
    const url = server.route('/curl', json(200, completion('ok')));
    const request = buildRequest(makeTask(url), { userMessage: TRICKY }, SECRET);

    // when
    // (async: the fault server runs in this process and must keep answering)
    const shell = await promisify(execFile)('sh', [ '-c', toCurl(request, 'GROQ_API_KEY') ], {
      env: { PATH: process.env.PATH, GROQ_API_KEY: SECRET },
      timeout: 10_000
    });

    // then
    expect(JSON.parse(shell.stdout).choices[0].message.content).toBe('ok');

    const [ received ] = server.requestsTo('/curl');

    expect(received.body).toBe(request.body);
    expect(JSON.parse(received.body).messages[0].content).toBe(TRICKY);
    expect(received.headers.authorization).toBe(`Bearer ${SECRET}`);
  });
});
