import { beforeAll, describe, expect, it } from 'vitest';

import { completion, json, type Behaviour } from '../../support/fault-server';

import { closeTestCall, testCallView, INPUTS, openTestCall, outcome, send, shoot, useTestCall } from './test-call-helpers';

const TYPED_KEY = 'gsk_TYPEDFORONECALL0123456789abcdef';

/** A local server that allows the editor page to call it (as Ollama or LM Studio can). */
function allowingCors(behaviour: Behaviour): Behaviour {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, content-type, accept', 'Access-Control-Allow-Methods': 'POST' };

  return (request, response, index) => {
    for (const [ name, value ] of Object.entries(cors)) {
      response.setHeader(name, value);
    }

    if (request.method === 'OPTIONS') {
      response.writeHead(204);
      response.end();

      return;
    }

    return behaviour(request, response, index);
  };
}

describe('test call dialog without a bridge', () => {

  const setup = useTestCall();
  const { playground } = setup;

  // the playground announces its own bridge: reload the page as a host without one
  beforeAll(async () => {
    await playground.page.route('**/api/playground', async route => {
      const response = await route.fetch();

      await route.fulfill({ response, json: { ...await response.json(), bridge: null } });
    });
    await playground.open();
  });

  it('says why there is no bridge and offers a key for this one call', async () => {

    // given
    await setup.openTask('/local/v1/chat/completions');

    // when
    await openTestCall(playground);

    // then
    expect(await testCallView(playground).innerText()).toContain('No desktop bridge. This Modeler did not announce one');
    expect(await testCallView(playground).innerText()).toContain('(CORS)');
    expect(await testCallView(playground).getByLabel('API key for this call').getAttribute('type')).toBe('password');
  });

  it('sends from the editor with the typed key and never stores it', async () => {

    // given
    setup.llm.route('/local/v1/chat/completions', allowingCors(json(200, completion('Answered from the editor.'))));
    await testCallView(playground).getByLabel('API key for this call').fill(TYPED_KEY);
    for (const [ name, value ] of Object.entries(INPUTS)) {
      await testCallView(playground).getByLabel(name, { exact: true }).fill(value);
    }
    await testCallView(playground).getByLabel('limit is JSON', { exact: true }).check();

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('complete the task');
    const posts = setup.llm.requestsTo('/local/v1/chat/completions').filter(request => request.method === 'POST');
    expect(posts.map(request => request.headers.authorization)).toEqual([ `Bearer ${TYPED_KEY}` ]);
    await shoot(playground, 'no-bridge');

    const stored = await playground.page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('Answered from the editor.');
    expect(stored).not.toContain(TYPED_KEY);
    expect(await playground.getXML()).not.toContain(TYPED_KEY);
  });

  it('reports a provider that refuses the editor page as a failure', async () => {

    // given a route without CORS headers, like most hosted providers
    setup.llm.route('/hosted/v1/chat/completions', json(200, completion('never read')));
    await closeTestCall(playground);
    await setup.openTask('/hosted/v1/chat/completions');
    await openTestCall(playground, INPUTS);
    await testCallView(playground).getByLabel('Retry as the worker would (2 retries)').uncheck();
    await testCallView(playground).getByLabel('API key for this call').fill(TYPED_KEY);

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('The worker would report a failure');
  });
});
