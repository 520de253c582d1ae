import { describe, expect, it } from 'vitest';

import { untrustedSendOf, BridgeError } from '../../../client/bridge/index';
import { approvalStatusText, askLabel, notSentText, secretLabel } from '../../../client/test-call/key-trust';
import { untranslated } from '../../../client/test-call/translate';

const REFUSED = { secret: 'groq_api_key', host: 'attacker.example', description: 'environment variable GROQ_API_KEY' };

describe('key trust in words', () => {

  it('says what was not sent, whose key and which host', () => {
    expect(notSentText(REFUSED, untranslated))
      .toBe('Not sent: the key from environment variable GROQ_API_KEY goes only to hosts you trusted for it; attacker.example is not one of them.');
  });

  it('names an env secret by its environment variable', () => {
    expect(secretLabel(REFUSED, { 'catalyst.provider': 'groq', 'catalyst.secretSource': 'env', 'catalyst.secretName': 'groq_api_key' })).toBe('GROQ_API_KEY');
  });

  it('names a properties-file secret by its key', () => {
    expect(secretLabel(REFUSED, { 'catalyst.provider': 'groq', 'catalyst.secretSource': 'properties', 'catalyst.secretName': 'groq_api_key' })).toBe('groq_api_key');
  });

  it('offers to trust the host for that secret', () => {
    expect(askLabel(REFUSED, 'GROQ_API_KEY', untranslated)).toBe('Ask to trust attacker.example for GROQ_API_KEY…');
  });

  it('says a refusal leaves the key unsent', () => {
    expect(approvalStatusText({ state: 'refused' }, REFUSED, 'GROQ_API_KEY', untranslated))
      .toBe('You did not trust attacker.example for GROQ_API_KEY: the key was not sent.');
  });

  it('passes every text through translate', () => {

    // given
    const seen: string[] = [];
    const translate = (template: string) => {
      seen.push(template);

      return template;
    };

    // when
    notSentText(REFUSED, translate);
    askLabel(REFUSED, 'GROQ_API_KEY', translate);
    approvalStatusText({ state: 'asking' }, REFUSED, 'GROQ_API_KEY', translate);

    // then
    expect(seen).toEqual([ expect.stringContaining('{host}'), expect.stringContaining('{host}'), expect.stringContaining('{host}') ]);
  });
});

describe('untrustedSendOf', () => {

  it('reads the refused pair of a KEY_NOT_TRUSTED bridge error', () => {
    expect(untrustedSendOf(new BridgeError('KEY_NOT_TRUSTED', 'Not sent', 403, REFUSED))).toEqual(REFUSED);
  });

  it('is null for any other error', () => {
    expect(untrustedSendOf(new BridgeError('MODELS_FAILED', 'HTTP 500', 502))).toBeNull();
    expect(untrustedSendOf(new Error('KEY_NOT_TRUSTED'))).toBeNull();
  });
});
