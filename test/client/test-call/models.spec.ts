import { beforeAll, describe, expect, it } from 'vitest';

import { json } from '../../support/fault-server';
import { typeAndLeave } from '../panel-helpers';

import { catalystGroup, shoot, useTestCall } from './test-call-helpers';

const LIVE_LIST = {
  object: 'list',
  data: [
    { id: 'llama-3.3-70b-versatile', object: 'model', owned_by: 'Meta', active: true },
    { id: 'live-only-model', object: 'model', owned_by: 'Acme', active: true },
    { id: 'whisper-large-v3', object: 'model', owned_by: 'OpenAI', active: true }
  ]
};

describe('live model list and connection check', () => {

  const setup = useTestCall();
  const { playground } = setup;

  beforeAll(() => setup.announce());

  const model = () => catalystGroup(playground).getByLabel('Model', { exact: true });
  const liveStatus = () => catalystGroup(playground).locator('.catalyst-live-model__status');

  it('offers the provider\'s live models in the Model dropdown', async () => {

    // given
    setup.llm.route('/live/v1/models', json(200, LIVE_LIST));

    // when
    await setup.openTask('/live/v1/chat/completions');

    // then
    await expect.poll(() => liveStatus().innerText()).toContain('Live list: 3 models, 1 cannot chat.');
    expect(await model().locator('option', { hasText: 'live-only-model (Acme)' }).count()).toBe(1);
    expect(await model().locator('option', { hasText: 'whisper-large-v3 — cannot chat' }).isDisabled()).toBe(true);

    // a closed native select shows one line: open it as a list box for the picture
    await model().evaluate(select => (select as HTMLSelectElement).size = 11);
    await shoot(playground, 'models', catalystGroup(playground).locator('.catalyst-live-model'));
    await model().evaluate(select => (select as HTMLSelectElement).size = 0);
  });

  it('writes a live model into the payload when picked', async () => {

    // given the list of the previous test

    // when
    await model().selectOption('live-only-model');

    // then
    await expect.poll(() => catalystGroup(playground).getByLabel('Model id', { exact: true }).inputValue()).toBe('live-only-model');
  });

  it('says when a typed model id is not in the live list', async () => {

    // given
    setup.llm.route('/live/v1/models', json(200, LIVE_LIST));
    await setup.openTask('/live/v1/chat/completions');
    await expect.poll(() => liveStatus().innerText()).toContain('Live list: 3 models');

    // when
    await typeAndLeave(playground, 'Model id', 'live-only-modle');

    // then
    await expect.poll(() => catalystGroup(playground).locator('[data-entry-id="catalyst-model"] .bio-properties-panel-description').innerText())
      .toBe('live-only-modle is not in the provider\'s live list: check the id for a typo.');
  });

  it('asks the provider once per models URL until refreshed', async () => {

    // given
    const asked = setup.llm.requestsTo('/live/v1/models').length;
    await setup.openTask('/live/v1/chat/completions');
    await expect.poll(() => liveStatus().innerText()).toContain('Live list: 3 models');
    expect(setup.llm.requestsTo('/live/v1/models')).toHaveLength(asked);

    // when
    await catalystGroup(playground).getByRole('button', { name: 'Refresh models' }).click();

    // then
    await expect.poll(() => setup.llm.requestsTo('/live/v1/models').length).toBe(asked + 1);
  });

  it('falls back to the curated list when /models fails', async () => {

    // given no route for /gone/v1/models: the server answers 404

    // when
    await setup.openTask('/gone/v1/chat/completions');

    // then
    await expect.poll(() => liveStatus().innerText()).toContain('Live list unavailable, showing the curated list');
    expect(await model().locator('option').allInnerTexts()).toContain('llama-3.1-8b-instant');
  });

  it('says in plain words that the key was rejected', async () => {

    // given
    setup.llm.route('/rejected/v1/models', json(401, { error: { message: 'Invalid API Key', type: 'invalid_request_error' } }));
    await setup.openTask('/rejected/v1/chat/completions');

    // when
    await catalystGroup(playground).getByRole('button', { name: 'Check connection' }).click();

    // then
    const verdict = catalystGroup(playground).locator('.catalyst-connection');
    await expect.poll(() => verdict.getAttribute('data-problem')).toBe('KEY_REJECTED');
    expect(await verdict.innerText()).toContain('rejected the key');
    await shoot(playground, 'check-connection', catalystGroup(playground).locator('[data-entry-id="catalyst-testCall"]'));
  });

  it('says when the URL lacks /v1', async () => {

    // given
    await setup.openTask('/chat/completions');

    // when
    await catalystGroup(playground).getByRole('button', { name: 'Check connection' }).click();

    // then
    await expect.poll(() => catalystGroup(playground).locator('.catalyst-connection').getAttribute('data-problem')).toBe('URL_MISSING_V1');
  });
});
