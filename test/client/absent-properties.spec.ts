/**
 * A hand-written task may leave properties out; the runtime then uses the provider's
 * catalog defaults (design §2). The panel must show those defaults, not call the absent
 * properties empty, while a property that is present but empty stays an error.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { usePlayground } from '../support/playground';
import { entry, entryError, field, openFixture } from './panel-helpers';

describe('client/panel: absent and empty properties', () => {
  const playground = usePlayground();

  beforeEach(async () => {
    await openFixture(playground, 'hand-written-tasks.bpmn');
  });

  async function select(taskId: string) {
    await playground.selectElement(taskId);
    await expect.poll(() => field(playground, 'Provider').count()).toBe(1);
  }

  it.each([
    [ 'catalyst-url', 'Endpoint URL', 'https://api.groq.com/openai/v1/chat/completions' ],
    [ 'catalyst-authHeader', 'Auth header', 'Authorization' ],
    [ 'catalyst-authPrefix', 'Auth prefix', 'Bearer' ],
    [ 'catalyst-secretName', 'Secret name', 'groq_api_key' ],
    [ 'catalyst-timeout', 'Timeout', 'PT60S' ],
    [ 'catalyst-retries', 'Retries', '3' ]
  ])('shows no error on an absent %s and its default as placeholder', async (id, label, fallback) => {

    // when
    await select('HandGroq');

    // the usual header and prefix are folded away under Auth
    if (label.startsWith('Auth ')) {
      await playground.page.getByRole('button', { name: 'Show header and prefix' }).click();
    }

    // then
    await expect.poll(() => field(playground, label).getAttribute('placeholder')).toBe(fallback);
    expect(await field(playground, label).inputValue()).toBe('');
    expect(await entryError(playground, id)).toBe('');
  });

  it('shows an error on a URL that is present but empty', async () => {

    // when
    await select('EmptyValues');

    // then
    await expect.poll(() => entryError(playground, 'catalyst-url')).toContain('is empty; set the full endpoint URL');
  });

  it('shows an error on an auth header that is present but empty', async () => {

    // when
    await select('EmptyValues');

    // then
    await expect.poll(() => entryError(playground, 'catalyst-authHeader')).toContain('is empty; name the header');
  });

  it('shows the catalog auth of a provider that needs no key when auth is absent', async () => {

    // when
    await select('HandOllama');

    // then
    await expect.poll(() => field(playground, 'Auth').inputValue()).toBe('none');
    expect(await entry(playground, 'catalyst-authHeader').count()).toBe(0);
    expect(await field(playground, 'Secret source').inputValue()).toBe('variable');
  });
});
