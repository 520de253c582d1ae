import { describe, expect, it } from 'vitest';

import { curlCommand } from '../../../client/test-call/curl-command';

const TASK = {
  'catalyst.provider': 'groq',
  'catalyst.url': 'https://api.groq.com/openai/v1/chat/completions',
  'catalyst.payload': '{"model": "llama-3.3-70b-versatile", "messages": [{"role": "user", "content": "${question}"}]}'
};

describe('curlCommand', () => {

  it('writes the key as the secret\'s environment variable', () => {
    expect(curlCommand(TASK, { question: 'Why?' })).toContain('-H "Authorization: Bearer $GROQ_API_KEY"');
  });

  it('renders the payload with the variables', () => {
    expect(curlCommand(TASK, { question: 'Why?' })).toContain('--data-raw \'{"model": "llama-3.3-70b-versatile", "messages": [{"role": "user", "content": "Why?"}]}\'');
  });

  it('names the process variable of a ${var} secret', () => {
    expect(curlCommand({ ...TASK, 'catalyst.secretSource': 'variable', 'catalyst.secretName': '${apiKey}' }, { question: 'Why?' }))
      .toContain('$APIKEY');
  });

  it('fails with the template error when a variable is missing', () => {
    expect(() => curlCommand(TASK, {})).toThrow(/question/);
  });
});
