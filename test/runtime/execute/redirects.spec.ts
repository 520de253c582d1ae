import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fetchKeepingKeyHome, RedirectRefusedError } from '../../../runtime/execute/redirects';
import { json, startFaultServer, type Behaviour, type FaultServer } from '../../support/fault-server';

function redirect(status: number, location: string): Behaviour {
  return (_request, response) => {
    response.writeHead(status, { Location: location });
    response.end();
  };
}

describe('fetchKeepingKeyHome: redirects with a key', () => {
  let home: FaultServer;
  let away: FaultServer;

  beforeAll(async () => {
    home = await startFaultServer();
    away = await startFaultServer();
  });

  afterAll(async () => {
    await home.stop();
    await away.stop();
  });

  const init = { method: 'POST', headers: { 'x-api-key': 'k-123456', 'Content-Type': 'application/json' }, body: '{}' };

  it('follows a redirect within the same origin, key and body included', async () => {

    // given
    home.route('/old', redirect(307, '/new'));
    home.route('/new', json(200, { ok: true }));

    // when
    const response = await fetchKeepingKeyHome(fetch, `${home.origin}/old`, init, true);

    // then
    expect(await response.json()).toEqual({ ok: true });
    expect(home.requestsTo('/new')[0]).toMatchObject({ method: 'POST', body: '{}', headers: { 'x-api-key': 'k-123456' } });
  });

  it('refuses a redirect to another host in words, sending nothing there', async () => {

    // given
    home.route('/leave', redirect(307, `http://localhost:${new URL(away.origin).port}/steal`));

    // when
    const sending = fetchKeepingKeyHome(fetch, `${home.origin}/leave`, init, true);

    // then
    await expect(sending).rejects.toThrow(RedirectRefusedError);
    await expect(fetchKeepingKeyHome(fetch, `${home.origin}/leave`, init, true)).rejects.toThrow(/^HTTP 307 to another host; not followed with your key \(localhost:\d+\)$/);
    expect(away.requests).toEqual([]);
  });

  it('refuses a redirect to the same host on another port (another origin)', async () => {

    // given
    home.route('/port', redirect(308, `${away.origin}/steal`));

    // then
    await expect(fetchKeepingKeyHome(fetch, `${home.origin}/port`, init, true)).rejects.toThrow(/^HTTP 308 to another origin; not followed with your key/);
    expect(away.requests).toEqual([]);
  });

  it('stops a redirect loop', async () => {

    // given
    home.route('/loop', redirect(302, '/loop'));

    // then
    await expect(fetchKeepingKeyHome(fetch, `${home.origin}/loop`, { method: 'GET' }, true)).rejects.toThrow(/more than 5 redirects/);
  });
});
