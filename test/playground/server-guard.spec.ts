/**
 * The playground hands the bridge token to its page, so its server follows the bridge's
 * rules for every page (issue #8, point 5): the Host check against DNS rebinding, and no
 * `Origin: null` (a sandboxed iframe) on the bridge.
 */
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPlayground, type PlaygroundServer } from '../../playground/server.mjs';
import { ensureHostBuilt, ensurePluginBuilt, ROOT_DIR } from '../support/playground';

/** One GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(port: number, urlPath: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: urlPath, headers, setHost: false }, res => {
      let text = '';

      res.on('data', chunk => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });

    req.on('error', reject);
    req.end();
  });
}

describe('playground/server.mjs with the bridge: who may talk to it', () => {
  let playground: PlaygroundServer;
  let token: string;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [ path.join(ROOT_DIR, 'scripts/build.mjs'), '--node' ], { cwd: ROOT_DIR, encoding: 'utf8' });

    expect(built.status, built.stderr).toBe(0);
    await Promise.all([ ensurePluginBuilt(), ensureHostBuilt() ]);
    playground = await startPlayground({ build: false });
    token = (await getWithHost(playground.port, '/api/playground', { host: `127.0.0.1:${playground.port}` }).then(answer => JSON.parse(answer.text))).bridge.token;
  });

  afterAll(() => playground?.close());

  it.each([ '/api/playground', '/', '/catalyst/v1/health' ])('refuses %s to a page on another name resolving to 127.0.0.1 (DNS rebinding)', async urlPath => {

    // when
    const answer = await getWithHost(playground.port, urlPath, { host: `evil.example:${playground.port}`, authorization: `Bearer ${token}` });

    // then
    expect(answer.status).toBe(421);
    expect(answer.text).not.toContain(token);
  });

  it('serves /api/playground, with the token, to its own Host names', async () => {

    // when
    const answers = await Promise.all([ '127.0.0.1', 'localhost' ].map(name => getWithHost(playground.port, '/api/playground', { host: `${name}:${playground.port}` })));

    // then
    expect(answers.map(answer => answer.status)).toEqual([ 200, 200 ]);
    expect(JSON.parse(answers[1].text).bridge.token).toBe(token);
  });

  it('refuses Origin: null (a sandboxed iframe) on the bridge, even with the token', async () => {

    // when
    const answer = await getWithHost(playground.port, '/catalyst/v1/health', { host: `127.0.0.1:${playground.port}`, origin: 'null', authorization: `Bearer ${token}` });

    // then
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).error.code).toBe('ORIGIN_REJECTED');
  });
});
