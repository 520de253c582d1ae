/**
 * Keys go only where the user said (issue 8), seen from the editor: a task whose URL names a
 * host not trusted for its key sends nothing, and the dialog and the panel say so in words
 * and offer the approval, which the bridge asks (here: a test confirmer standing for the
 * Modeler's native dialog). Hostile hosts reach the fault server under their own name, so
 * "nothing was sent" is checked where a key would arrive.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { UntrustedSend } from '../../../menu/bridge/bridge-error';
import { completion, json } from '../../support/fault-server';
import { typeAndLeave } from '../panel-helpers';

import { catalystGroup, closeTestCall, testCallView, INPUTS, openTestCall, outcome, SECRET, send, shoot, useTestCall } from './test-call-helpers';

const HOSTS = [ 'attacker.example', 'check.example', 'models.example', 'approved.example', 'other.example' ];

/** The Modeler's side panel opens at its minimum width. */
const MODELER_PANEL_WIDTH = 280;

const LIVE_LIST = { object: 'list', data: [ { id: 'hosted-only-model', object: 'model', owned_by: 'Acme', active: true } ] };

describe('key trust in the editor', () => {

  const questions: UntrustedSend[] = [];
  let answer = false;

  // while set, the question stays open (the user has not answered the native dialog yet)
  let held: Promise<void> | null = null;

  const setup = useTestCall({
    routedHosts: HOSTS,
    confirmKeySend: async question => {
      questions.push(question);
      await held;

      return answer;
    }
  });
  const { playground } = setup;

  beforeAll(async () => {
    await setup.announce();
    await playground.page.addStyleTag({ content: `#properties { width: ${MODELER_PANEL_WIDTH}px !important; }` });
  });

  beforeEach(() => {
    questions.length = 0;
    answer = false;
    held = null;
  });

  /** Every request that reached a hostile host (its name is the path's first step). */
  const requestsTo = (host: string) => setup.llm.requests.filter(request => request.path.startsWith(`/${host}/`));

  /** Requests that reached a made-up host with the key (loopback ones are trusted: the user's own machine). */
  const carriesKey = () => setup.llm.requests
    .filter(request => HOSTS.some(host => request.path.startsWith(`/${host}/`)) && JSON.stringify(request.headers).includes(SECRET));
  const liveStatus = () => catalystGroup(playground).locator('.catalyst-live-model__status');
  const model = () => catalystGroup(playground).getByLabel('Model', { exact: true });

  it('selecting a task of a hostile diagram sends nothing and shows the curated list with a quiet hint', async () => {

    // given a diagram whose task sends the Groq key to another host
    setup.llm.route('/attacker.example/v1/models', json(200, LIVE_LIST));

    // when
    await setup.openTaskAt('https://attacker.example/v1/chat/completions');

    // then
    await expect.poll(() => liveStatus().innerText()).toContain('Curated list shown.');
    expect(await liveStatus().innerText()).toContain('attacker.example is not trusted with it: nothing was sent');
    expect(await liveStatus().getByRole('button', { name: 'Load live models…' }).count()).toBe(1);
    expect(await catalystGroup(playground).getByRole('alert').count()).toBe(0);
    expect(await model().locator('option').allInnerTexts()).toContain('llama-3.1-8b-instant');
    expect(requestsTo('attacker.example')).toEqual([]);
    expect(carriesKey()).toEqual([]);
    expect(questions).toEqual([]);
    await shoot(playground, 'trust-models-hint', catalystGroup(playground).locator('.catalyst-live-model'));
  });

  it('editing a task\'s URL to a hostile host sends nothing: the loaded list gives way to the hint', async () => {

    // given a task on the local server with its live list loaded
    setup.llm.route('/local/v1/models', json(200, LIVE_LIST));
    await setup.openTask('/local/v1/chat/completions');
    await expect.poll(() => liveStatus().innerText()).toContain('Live list: 1 model');

    // when
    await typeAndLeave(playground, 'Endpoint URL', 'https://attacker.example/v2/chat/completions');

    // then
    await expect.poll(() => liveStatus().innerText()).toContain('attacker.example is not trusted with it: nothing was sent');
    expect(await liveStatus().getByRole('button', { name: 'Refresh models' }).count()).toBe(0);
    expect(requestsTo('attacker.example')).toEqual([]);
    expect(carriesKey()).toEqual([]);
  });

  it('Test call to a hostile URL sends no key, says why and offers the approval', async () => {

    // given
    await setup.openTaskAt('https://attacker.example/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    const refusal = testCallView(playground).locator('.catalyst-test-call__refusal');
    await expect.poll(() => refusal.count()).toBe(1);
    expect(await refusal.innerText()).toContain('Not sent: the key from environment variable GROQ_API_KEY goes only to hosts you trusted for it; attacker.example is not one of them.');
    expect(await refusal.getByRole('button', { name: 'Ask to trust attacker.example for GROQ_API_KEY…' }).count()).toBe(1);
    expect(requestsTo('attacker.example')).toEqual([]);
    expect(carriesKey()).toEqual([]);
    await shoot(playground, 'trust-refused');
  });

  it('says so when the user does not trust the host, and still sends nothing', async () => {

    // given the refusal of the previous test; the user will answer no
    const refusal = testCallView(playground).locator('.catalyst-test-call__refusal');

    // when
    await refusal.getByRole('button', { name: 'Ask to trust attacker.example for GROQ_API_KEY…' }).click();

    // then
    await expect.poll(() => refusal.getByRole('status').innerText().catch(() => ''))
      .toBe('You did not trust attacker.example for GROQ_API_KEY: the key was not sent.');
    expect(questions).toEqual([ { secret: 'groq_api_key', host: 'attacker.example', description: 'environment variable GROQ_API_KEY' } ]);
    expect(requestsTo('attacker.example')).toEqual([]);
    expect(carriesKey()).toEqual([]);
    await closeTestCall(playground);
  });

  it('after the user trusts the host, sends the call again, with the key, to that host only', async () => {

    // given
    setup.llm.route('/approved.example/v1/chat/completions', json(200, completion('Sent where you said.')));
    setup.llm.route('/approved.example/v1/models', json(200, LIVE_LIST));
    await setup.openTaskAt('https://approved.example/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    await send(playground);
    const ask = testCallView(playground).getByRole('button', { name: 'Ask to trust approved.example for GROQ_API_KEY…' });
    await ask.waitFor();
    answer = true;

    // when
    await ask.click();

    // then
    expect(await outcome(playground)).toContain('The worker would complete the task with these variables.');
    const sent = requestsTo('approved.example').filter(request => request.path.endsWith('/chat/completions'));
    expect(sent).toHaveLength(1);
    expect(sent[0].headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(carriesKey()).toEqual(requestsTo('approved.example'));
    expect(questions).toEqual([ { secret: 'groq_api_key', host: 'approved.example', description: 'environment variable GROQ_API_KEY' } ]);
    expect(await testCallView(playground).locator('.catalyst-test-call__refusal').count()).toBe(0);
    await expect.poll(() => playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Send');
    await closeTestCall(playground);
  });

  it('loads the live list of a host once it is trusted, without another click', async () => {

    // given approved.example was trusted from the dialog in the previous test

    // then
    await expect.poll(() => liveStatus().innerText()).toContain('Live list: 1 model.');
    expect(requestsTo('approved.example').filter(request => request.path.endsWith('/models')).map(request => request.headers.authorization))
      .toEqual([ `Bearer ${SECRET}` ]);
  });

  it('an approval covers that host only: another host is still refused', async () => {

    // given approved.example was trusted in the previous test
    await setup.openTaskAt('https://other.example/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    await expect.poll(() => testCallView(playground).locator('.catalyst-test-call__refusal').innerText().catch(() => ''))
      .toContain('other.example is not one of them');
    expect(requestsTo('other.example')).toEqual([]);
    await closeTestCall(playground);
  });

  it('an approval covers that secret only: another key to the same host is refused', async () => {

    // given approved.example is trusted for groq_api_key, not for openai_api_key
    await setup.openTaskAt('https://approved.example/v1/chat/completions', { 'catalyst.secretName': 'openai_api_key' });
    const before = requestsTo('approved.example').length;
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await send(playground);

    // then
    await expect.poll(() => testCallView(playground).locator('.catalyst-test-call__refusal').innerText().catch(() => ''))
      .toContain('Not sent: the key from environment variable OPENAI_API_KEY');
    expect(requestsTo('approved.example')).toHaveLength(before);
    await closeTestCall(playground);
  });

  it('says in the key line where the key goes, and takes an approval back from there', async () => {

    // given approved.example is trusted for groq_api_key (an earlier test)
    await setup.openTaskAt('https://approved.example/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);
    const line = testCallView(playground).getByLabel('Key', { exact: true });
    await expect.poll(() => line.innerText()).toContain('Sent to approved.example because you approved it.');
    const before = requestsTo('approved.example').length;
    await shoot(playground, 'trust-approved-line', line);

    // when
    await line.getByRole('button', { name: 'Take back the approval of approved.example for groq_api_key' }).click();

    // then the line says the host is no longer trusted (no tick), the keyboard stays on it, and a send is refused
    await expect.poll(() => line.innerText()).toContain('Not sent to approved.example until you approve that host for this key.');
    expect(await line.getAttribute('class')).toContain('catalyst-test-call__secret--neutral');
    expect(await line.getByRole('button', { name: /^Take back/ }).count()).toBe(0);
    expect(await line.evaluate(node => node === document.activeElement)).toBe(true);
    await send(playground);
    await expect.poll(() => testCallView(playground).locator('.catalyst-test-call__refusal').innerText().catch(() => ''))
      .toContain('approved.example is not one of them');
    expect(requestsTo('approved.example')).toHaveLength(before);
    await shoot(playground, 'trust-taken-back');
    await closeTestCall(playground);
  });

  it('names the provider\'s own host in the key line, with nothing to take back', async () => {

    // when
    await setup.openTaskAt('https://api.groq.com/openai/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // then
    const line = testCallView(playground).getByLabel('Key', { exact: true });
    await expect.poll(() => line.innerText()).toContain('Sent to api.groq.com, the provider\'s own host.');
    expect(await line.getByRole('button').count()).toBe(0);
    await closeTestCall(playground);
  });

  it('Check connection to a hostile URL sends no key and offers the approval in the 280 px panel', async () => {

    // given
    await setup.openTaskAt('https://check.example/v1/chat/completions');
    const entry = catalystGroup(playground).locator('[data-entry-id="catalyst-testCall"]');

    // when
    await entry.getByRole('button', { name: 'Check connection' }).click();

    // then
    const offer = entry.locator('.catalyst-trust');
    await expect.poll(() => offer.count()).toBe(1);
    expect(await offer.innerText()).toContain('Not sent: the key from environment variable GROQ_API_KEY goes only to hosts you trusted for it; check.example is not one of them.');
    expect(await offer.getByRole('button', { name: 'Ask to trust check.example for GROQ_API_KEY…' }).count()).toBe(1);
    expect(requestsTo('check.example')).toEqual([]);
    expect(carriesKey().filter(request => !request.path.startsWith('/approved.example/'))).toEqual([]);
    expect(await entry.evaluate(node => node.getBoundingClientRect().width)).toBeLessThanOrEqual(MODELER_PANEL_WIDTH);
    await shoot(playground, 'trust-check', entry);
  });

  it('keeps the focus on the approval button while the question is open, then on Check connection', async () => {

    // given the offer of the previous test; the question stays open until answered
    const entry = catalystGroup(playground).locator('[data-entry-id="catalyst-testCall"]');
    setup.llm.route('/check.example/v1/models', json(200, LIVE_LIST));
    setup.llm.route('/check.example/v1/chat/completions', json(200, completion('ok')));
    answer = true;
    let release = () => {};
    held = new Promise(resolve => release = resolve);
    const ask = entry.getByRole('button', { name: 'Ask to trust check.example for GROQ_API_KEY…' });

    // when
    await ask.focus();
    await playground.page.keyboard.press('Enter');

    // then while the question is open the button waits, still a focused <button>
    await expect.poll(() => entry.locator('.catalyst-trust').getByRole('status').innerText().catch(() => ''))
      .toContain('Waiting for your answer');
    expect(await ask.getAttribute('aria-disabled')).toBe('true');
    expect(await ask.evaluate(node => node === document.activeElement && node.tagName)).toBe('BUTTON');
    await shoot(playground, 'trust-asking', entry);

    // and once answered, the check runs again and the focus is on its button
    release();
    await expect.poll(() => entry.locator('.catalyst-connection--ok').count()).toBe(1);
    expect(await playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Check connection');
    expect(requestsTo('check.example').every(request => request.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
    expect(requestsTo('check.example').length).toBeGreaterThan(0);
  });

  it('Load live models asks for the approval, then loads the list from that host', async () => {

    // given
    setup.llm.route('/models.example/v1/models', json(200, LIVE_LIST));
    await setup.openTaskAt('https://models.example/v1/chat/completions');
    const load = liveStatus().getByRole('button', { name: 'Load live models…' });
    await load.waitFor();
    expect(requestsTo('models.example')).toEqual([]);
    answer = true;

    // when
    await load.click();

    // then
    await expect.poll(() => liveStatus().innerText()).toContain('Live list: 1 model.');
    expect(questions).toEqual([ { secret: 'groq_api_key', host: 'models.example', description: 'environment variable GROQ_API_KEY' } ]);
    expect(requestsTo('models.example').map(request => request.headers.authorization)).toEqual([ `Bearer ${SECRET}` ]);
    expect(await playground.page.evaluate(() => document.activeElement?.textContent)).toBe('Refresh models');
  });
});

describe('unset variables in the test dialog', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(() => setup.announce());

  it('fails the run as the worker does when a variable is marked unset', async () => {

    // given
    setup.llm.route('/unset/v1/chat/completions', json(200, completion('Should not be asked.')));
    await setup.openTask('/unset/v1/chat/completions');
    await openTestCall(playground, INPUTS, [ 'limit' ]);

    // when
    await testCallView(playground).getByLabel('ticketText is unset', { exact: true }).check();
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('The worker would report a failure');
    expect(await testCallView(playground).locator('.catalyst-test-call__outcome').innerText()).toContain('variable ticketText has no value');
    expect(setup.llm.requestsTo('/unset/v1/chat/completions')).toEqual([]);
    await shoot(playground, 'unset-variable');
  });

  it('sends the empty text for an empty field that is not marked unset', async () => {

    // given the dialog of the previous test
    await testCallView(playground).getByLabel('ticketText is unset', { exact: true }).uncheck();
    await testCallView(playground).getByLabel('ticketText', { exact: true }).fill('');

    // when
    await send(playground);

    // then
    expect(await outcome(playground)).toContain('The worker would complete the task with these variables.');
    const sent = JSON.parse(setup.llm.requestsTo('/unset/v1/chat/completions')[0].body);
    expect(sent.messages[0].content).toBe('Summarize for Ada: ');
    await closeTestCall(playground);
  });
});
