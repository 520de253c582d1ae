import { describe, expect, it } from 'vitest';

import { readTaskConfig } from '../../runtime/config';
import { lintPayload } from '../../runtime/template';
import { usePlayground } from '../support/playground';
import { entry, exportedTask, field, payloadEditor, payloadText, replacePayload } from './panel-helpers';
import { TYPO_PAYLOAD } from './fixtures/payloads';

describe('client/panel: journey from the example to exported XML', () => {

  // tall enough to show the whole Catalyst group in the screenshots
  const playground = usePlayground({ diagram: 'catalyst-example.bpmn', viewport: { width: 1440, height: 1900 } });

  function problems() {
    return entry(playground, 'catalyst-payload').locator('.catalyst-diagnostic').allInnerTexts().then(texts => texts.join('\n'));
  }

  it('configures a Groq task whose export satisfies the contract', async () => {

    // given: the example, its OpenAI-compatible task selected
    await playground.selectElement('Ask_Compatible');
    await expect.poll(() => field(playground, 'Provider').count()).toBe(1);
    await playground.screenshot('panel-compatible');

    // when: Groq is picked
    await field(playground, 'Provider').selectOption('groq');

    // then: URL and model follow the provider
    await expect.poll(() => field(playground, 'Endpoint URL').inputValue()).toBe('https://api.groq.com/openai/v1/chat/completions');
    await expect.poll(() => field(playground, 'Model').inputValue()).toBe('llama-3.3-70b-versatile');

    // when: a model is picked
    await field(playground, 'Model').selectOption('llama-3.1-8b-instant');

    // then
    await expect.poll(() => payloadText(playground)).toContain('"model": "llama-3.1-8b-instant"');

    // when: a payload with a misspelt variable is typed
    await replacePayload(playground, TYPO_PAYLOAD);

    // then: lint names the unknown variable while typing
    await expect.poll(problems).toContain('userMesage');
    await playground.screenshot('panel-lint-warning');

    // when: the variable is fixed
    await replacePayload(playground, TYPO_PAYLOAD.replace('userMesage', 'userMessage'));
    await payloadEditor(playground).blur();

    // then: no finding is left
    await expect.poll(problems).toBe('');
    await playground.screenshot('panel-groq');

    // and the exported XML carries the contract's properties
    const task = await exportedTask(playground, 'Ask_Compatible');
    expect(task.type).toBe('external');
    expect(task.topic).toBe('catalyst');
    expect(task.properties).toMatchObject({
      'catalyst.version': '1',
      'catalyst.provider': 'groq',
      'catalyst.url': 'https://api.groq.com/openai/v1/chat/completions',
      'catalyst.authType': 'bearerToken',
      'catalyst.authHeader': 'Authorization',
      'catalyst.authPrefix': 'Bearer',
      'catalyst.payload': TYPO_PAYLOAD.replace('userMesage', 'userMessage'),
      'catalyst.timeout': 'PT60S',
      'catalyst.retries': '3'
    });

    const config = readTaskConfig(task.properties);
    expect(config.provider).toBe('groq');
    expect(config.responseMapping.aiReply).toBe('choices[0].message.content');
    expect(lintPayload(config.payload, { knownVariables: [ 'userMessage' ] })).toEqual([]);
  });
});
