import { beforeEach, describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import {
  catalystGroup,
  entry,
  entryError,
  expectProperty,
  expectUnchanged,
  exportedTask,
  field,
  openFixture,
  typeAndLeave,
  undo
} from './panel-helpers';

const GROQ_URL = 'https://api.groq.com/openai/v1/chat/completions';

describe('client/panel: Catalyst fields', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    await openFixture(playground);
  });

  async function selectCatalystTask() {
    await playground.selectElement('Classify');
    await expect.poll(() => field(playground, 'Provider').count()).toBe(1);
  }

  it.each([
    'Provider', 'Model', 'Endpoint URL', 'Auth', 'Secret source', 'Secret name', 'Payload',
    'Response mapping', 'Error mapping', 'Timeout', 'Retries'
  ])('does not show %s on a service task that is not a Catalyst task', async label => {

    // when
    await playground.selectElement('PlainService');

    // then
    await expect.poll(() => catalystGroup(playground).getByRole('button', { name: 'Make Catalyst task' }).count()).toBe(1);
    await expect.poll(() => field(playground, label).count()).toBe(0);
  });

  describe('Provider', () => {

    it('shows the task\'s provider and its description', async () => {

      // when
      await selectCatalystTask();

      // then
      await expect.poll(() => field(playground, 'Provider').inputValue()).toBe('groq');
      await expect.poll(() => entry(playground, 'catalyst-provider').innerText()).toContain('Groq LPU');
    });

    it('switches URL, secret and model with the provider and keeps unknown properties', async () => {

      // given
      await selectCatalystTask();

      // when
      await field(playground, 'Provider').selectOption('together');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.provider', 'together');
      const { properties } = await exportedTask(playground, 'Classify');
      expect(properties['catalyst.url']).toBe('https://api.together.xyz/v1/chat/completions');
      expect(properties['catalyst.secretName']).toBe('together_api_key');
      expect(properties['catalyst.payload']).toContain('"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo"');
      expect(properties['catalyst.payload']).toContain('${ticketText}');
      expect(properties['catalyst.experimental']).toBe('keep-me');
      expect(properties['team.owner']).toBe('support');
    });

    it('is switched back by one undo', async () => {

      // given
      await selectCatalystTask();
      await field(playground, 'Provider').selectOption('together');
      await expectProperty(playground, 'Classify', 'catalyst.provider', 'together');

      // when
      await undo(playground);

      // then
      const { properties } = await exportedTask(playground, 'Classify');
      expect(properties['catalyst.provider']).toBe('groq');
      expect(properties['catalyst.url']).toBe(GROQ_URL);
      expect(properties['catalyst.secretName']).toBe('groq_api_key');
      await expect.poll(() => field(playground, 'Provider').inputValue()).toBe('groq');
    });

    it('reports a provider the catalog does not know', async () => {

      // given
      const xml = (await playground.getXML()).replace('name="catalyst.provider" value="groq"', 'name="catalyst.provider" value="grok"');
      await playground.importXML(xml);

      // when
      await selectCatalystTask();

      // then
      await expect.poll(() => entryError(playground, 'catalyst-provider')).toContain('Unknown provider "grok"');
    });
  });

  describe('Model', () => {

    it('lists the provider\'s curated models with their descriptions', async () => {

      // when
      await selectCatalystTask();

      // then
      const model = field(playground, 'Model');
      expect(await model.inputValue()).toBe('llama-3.3-70b-versatile');
      expect(await model.locator('option').allInnerTexts()).toContain('llama-3.1-8b-instant');
    });

    it('edits only the payload\'s model field when a model is picked', async () => {

      // given
      await selectCatalystTask();
      const before = (await exportedTask(playground, 'Classify')).properties['catalyst.payload'];

      // when
      await field(playground, 'Model').selectOption('llama-3.1-8b-instant');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.payload', before.replace('llama-3.3-70b-versatile', 'llama-3.1-8b-instant'));
    });

    it('takes any model id as free text', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Model id', 'my-org/fine-tuned-llama');

      // then
      await expect.poll(async () => (await exportedTask(playground, 'Classify')).properties['catalyst.payload'])
        .toContain('"model": "my-org/fine-tuned-llama"');
      await expect.poll(() => field(playground, 'Model').inputValue()).toBe('');
    });

    it('shows the previous model again after undo', async () => {

      // given
      await selectCatalystTask();
      await field(playground, 'Model').selectOption('gemma2-9b-it');
      await expect.poll(async () => (await exportedTask(playground, 'Classify')).properties['catalyst.payload']).toContain('gemma2-9b-it');

      // when
      await undo(playground);

      // then
      await expect.poll(() => field(playground, 'Model').inputValue()).toBe('llama-3.3-70b-versatile');
      await expect.poll(() => field(playground, 'Model id').inputValue()).toBe('llama-3.3-70b-versatile');
    });

    it('refuses an empty model id', async () => {

      // given
      await selectCatalystTask();
      const before = (await exportedTask(playground, 'Classify')).properties['catalyst.payload'];

      // when
      await typeAndLeave(playground, 'Model id', '');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-modelId')).toContain('Model id is empty');
      await expectUnchanged(playground, 'Classify', 'catalyst.payload', before);
    });
  });

  describe('Endpoint URL', () => {

    it('shows the task\'s URL', async () => {

      // when
      await selectCatalystTask();

      // then
      await expect.poll(() => field(playground, 'Endpoint URL').inputValue()).toBe(GROQ_URL);
    });

    it('writes a new URL', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Endpoint URL', 'https://proxy.example.test/v1/chat/completions');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.url', 'https://proxy.example.test/v1/chat/completions');
    });

    it('shows the old URL after undo', async () => {

      // given
      await selectCatalystTask();
      await typeAndLeave(playground, 'Endpoint URL', 'https://proxy.example.test/v1/chat/completions');
      await expectProperty(playground, 'Classify', 'catalyst.url', 'https://proxy.example.test/v1/chat/completions');

      // when
      await undo(playground);

      // then
      await expect.poll(() => field(playground, 'Endpoint URL').inputValue()).toBe(GROQ_URL);
      expect((await exportedTask(playground, 'Classify')).properties['catalyst.url']).toBe(GROQ_URL);
    });

    it('refuses a text that is not a URL', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Endpoint URL', 'api.groq.com/chat');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-url')).toContain('not a valid URL');
      await expectUnchanged(playground, 'Classify', 'catalyst.url', GROQ_URL);
    });
  });

  describe('Auth', () => {

    const showHeaderAndPrefix = () => catalystGroup(playground).getByRole('button', { name: 'Show header and prefix' });

    it('shows bearer token auth and where the key goes, with the usual header and prefix folded away', async () => {

      // when
      await selectCatalystTask();

      // then
      await expect.poll(() => field(playground, 'Auth').inputValue()).toBe('bearerToken');
      await expect.poll(() => entry(playground, 'catalyst-authType').innerText()).toContain('Sends the key as Authorization: Bearer <key>');
      expect(await field(playground, 'Auth header').count()).toBe(0);
      expect(await showHeaderAndPrefix().getAttribute('aria-expanded')).toBe('false');
    });

    it('shows header and prefix when asked, from the keyboard', async () => {

      // given
      await selectCatalystTask();

      // when
      await showHeaderAndPrefix().focus();
      await playground.page.keyboard.press('Enter');

      // then
      await expect.poll(() => field(playground, 'Auth header').inputValue()).toBe('Authorization');
      expect(await field(playground, 'Auth prefix').inputValue()).toBe('Bearer');
      expect(await catalystGroup(playground).getByRole('button', { name: 'Hide header and prefix' }).getAttribute('aria-expanded')).toBe('true');
    });

    it('shows header and prefix unasked when they differ from what the auth type implies', async () => {

      // given
      await selectCatalystTask();
      await showHeaderAndPrefix().click();
      await typeAndLeave(playground, 'Auth header', 'X-Custom-Key');
      await expectProperty(playground, 'Classify', 'catalyst.authHeader', 'X-Custom-Key');

      // when
      await playground.selectElement('PlainService');
      await selectCatalystTask();

      // then
      await expect.poll(() => field(playground, 'Auth header').inputValue()).toBe('X-Custom-Key');
      expect(await showHeaderAndPrefix().count()).toBe(0);
    });

    it('switches to an API key header with a matching header and no prefix', async () => {

      // given
      await selectCatalystTask();

      // when
      await field(playground, 'Auth').selectOption('apiKeyHeader');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.authType', 'apiKeyHeader');
      const { properties } = await exportedTask(playground, 'Classify');
      expect(properties['catalyst.authHeader']).toBe('x-api-key');
      expect(properties['catalyst.authPrefix']).toBe('');
    });

    it('hides header and prefix for no auth', async () => {

      // given
      await selectCatalystTask();

      // when
      await field(playground, 'Auth').selectOption('none');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.authType', 'none');
      await expect.poll(() => field(playground, 'Auth header').count()).toBe(0);
      await expect.poll(() => field(playground, 'Auth prefix').count()).toBe(0);
    });

    it('restores type, header and prefix with one undo', async () => {

      // given
      await selectCatalystTask();
      await field(playground, 'Auth').selectOption('apiKeyHeader');
      await expectProperty(playground, 'Classify', 'catalyst.authType', 'apiKeyHeader');

      // when
      await undo(playground);

      // then
      const { properties } = await exportedTask(playground, 'Classify');
      expect(properties).toMatchObject({
        'catalyst.authType': 'bearerToken',
        'catalyst.authHeader': 'Authorization',
        'catalyst.authPrefix': 'Bearer'
      });
      await expect.poll(() => entry(playground, 'catalyst-authType').innerText()).toContain('Sends the key as Authorization: Bearer <key>');
    });

    it('refuses a header name HTTP does not allow', async () => {

      // given
      await selectCatalystTask();
      await showHeaderAndPrefix().click();

      // when
      await typeAndLeave(playground, 'Auth header', 'X Api Key');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-authHeader')).toContain('not a valid HTTP header name');
      await expectUnchanged(playground, 'Classify', 'catalyst.authHeader', 'Authorization');
    });
  });

  describe('Secret source and Secret name', () => {

    it('shows where the secret resolves to', async () => {

      // when
      await selectCatalystTask();

      // then
      await expect.poll(() => field(playground, 'Secret source').inputValue()).toBe('env');
      await expect.poll(() => field(playground, 'Secret name').inputValue()).toBe('groq_api_key');
      await expect.poll(() => entry(playground, 'catalyst-secretName').innerText()).toContain('Resolves to environment variable GROQ_API_KEY');
    });

    it('writes a new source and shows the file it resolves to', async () => {

      // given
      await selectCatalystTask();

      // when
      await field(playground, 'Secret source').selectOption('file');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.secretSource', 'file');
      await expect.poll(() => entry(playground, 'catalyst-secretName').innerText()).toContain('Resolves to file /run/secrets/groq_api_key');
    });

    it('writes a new name and shows the properties key it resolves to', async () => {

      // given
      await selectCatalystTask();
      await field(playground, 'Secret source').selectOption('properties');

      // when
      await typeAndLeave(playground, 'Secret name', 'support_groq_key');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.secretName', 'support_groq_key');
      await expect.poll(() => entry(playground, 'catalyst-secretName').innerText())
        .toContain('Resolves to key support_groq_key in catalyst-secrets.properties');
    });

    it('shows the old source and name after undo', async () => {

      // given
      await selectCatalystTask();
      await field(playground, 'Secret source').selectOption('variable');
      await expectProperty(playground, 'Classify', 'catalyst.secretSource', 'variable');

      // when
      await undo(playground);

      // then
      await expect.poll(() => field(playground, 'Secret source').inputValue()).toBe('env');
      expect((await exportedTask(playground, 'Classify')).properties['catalyst.secretSource']).toBe('env');
    });

    it('refuses a real-looking API key as secret name', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Secret name', 'gsk_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-secretName')).toContain('looks like a real API key');
      await expectUnchanged(playground, 'Classify', 'catalyst.secretName', 'groq_api_key');
    });

    it('accepts a secret name built of words that starts like a key', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Secret name', 'fw_key_prod_2024_primary');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.secretName', 'fw_key_prod_2024_primary');
      expect(await entryError(playground, 'catalyst-secretName')).toBe('');
    });
  });

  describe('Timeout', () => {

    it('shows the task\'s timeout', async () => {

      // when
      await selectCatalystTask();

      // then
      await expect.poll(() => field(playground, 'Timeout').inputValue()).toBe('PT60S');
    });

    it('writes an ISO-8601 duration', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Timeout', 'PT2M');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.timeout', 'PT2M');
    });

    it('shows the old timeout after undo', async () => {

      // given
      await selectCatalystTask();
      await typeAndLeave(playground, 'Timeout', 'PT2M');
      await expectProperty(playground, 'Classify', 'catalyst.timeout', 'PT2M');

      // when
      await undo(playground);

      // then
      await expect.poll(() => field(playground, 'Timeout').inputValue()).toBe('PT60S');
    });

    it('refuses a plain number of seconds', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Timeout', '60');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-timeout')).toContain('not an ISO-8601 duration');
      await playground.screenshot('panel-invalid-timeout');
      await expectUnchanged(playground, 'Classify', 'catalyst.timeout', 'PT60S');
    });
  });

  describe('Retries', () => {

    it('shows the task\'s retries', async () => {

      // when
      await selectCatalystTask();

      // then
      await expect.poll(() => field(playground, 'Retries').inputValue()).toBe('3');
    });

    it('writes a number of retries', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Retries', '5');

      // then
      await expectProperty(playground, 'Classify', 'catalyst.retries', '5');
    });

    it('shows the old retries after undo', async () => {

      // given
      await selectCatalystTask();
      await typeAndLeave(playground, 'Retries', '0');
      await expectProperty(playground, 'Classify', 'catalyst.retries', '0');

      // when
      await undo(playground);

      // then
      await expect.poll(() => field(playground, 'Retries').inputValue()).toBe('3');
    });

    it('refuses more than 10 retries', async () => {

      // given
      await selectCatalystTask();

      // when
      await typeAndLeave(playground, 'Retries', '11');

      // then
      await expect.poll(() => entryError(playground, 'catalyst-retries')).toContain('from 0 to 10');
      await expectUnchanged(playground, 'Classify', 'catalyst.retries', '3');
    });
  });
});
