import { describe, expect, it } from 'vitest';

import { requireProvider } from '../../../runtime/catalog/providers';
import { looksLikeKey } from '../../../runtime/secrets';

describe('runtime/secrets looksLikeKey', () => {

  it.each([
    'gsk_8f3KdLq0sP2xYvB7nM4tR1wZ',
    'fw_3ZaBcDeFgHiJkLmNoPqRsTuV',
    'sk-proj-AbCdEfGhIjKlMnOpQrStUv0123',
    'sk-or-v1-0123456789abcdef0123456789abcdef',
    'a3f1c2d4e5b6a7f8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2'
  ])('takes %s for a key', value => {
    expect(looksLikeKey(value)).toBe(true);
  });


  it.each([
    'ollama',
    'not-required',
    '${apiKey}',
    'sk-test',
    'llama-3.3-70b-versatile',
    'accounts/fireworks/models/llama-v3p3-70b-instruct',
    'mistralai-Mixtral-8x22B-Instruct-v0.1-long-name',
    'sk-learn-based-classification',
    ''
  ])('does not take %j for a key', value => {
    expect(looksLikeKey(value)).toBe(false);
  });


  it('checks the given provider\'s prefix too', () => {
    const custom = { ...requireProvider('together'), keyPrefix: 'tgp_' };

    expect(looksLikeKey('tgp_AbCdEfGhIjKlMnOpQrStUv42', custom)).toBe(true);
    expect(looksLikeKey('tgp_AbCdEfGhIjKlMnOpQrStUv42')).toBe(false);
  });


  describe('boundary between secret names and keys', () => {

    it.each([
      'fw_key_prod_2024_primary',
      'fw_api_key_production_2024',
      'groq_api_key_prod_2',
      'hf_token_for_production_1',
      'SK-TEAM-KEY-FOR-PRODUCTION-2',
      'sk-models-test-0123456789'
    ])('takes the word-built name %s for a name', value => {
      expect(looksLikeKey(value, requireProvider('fireworks'))).toBe(false);
    });


    it.each([
      [ 'a mixed-case body of 20 characters', 'gsk_8f3kD92mQpL0xZ7vB1nR' ],
      [ 'a lowercase hex body', 'sk-or-v1-0123456789abcdef0123456789abcdef' ],
      [ 'a run of 16 letters and digits', 'fw_prod_0123456789abcdef' ],
      [ 'a bare run of 32 letters and digits', 'a3f9'.repeat(8) ]
    ])('takes %s for a key', (_, value) => {
      expect(looksLikeKey(value)).toBe(true);
    });


    it.each([
      [ 'a mixed-case body of 19 characters', 'gsk_8f3kD92mQpL0xZ7vB1n' ],
      [ 'a run of 15 letters and digits', 'fw_prod_0123456789abcde' ],
      [ 'a bare run of 31 letters and digits', 'a3f9'.repeat(8).slice(1) ],
      [ 'a body without digits', 'gsk_AbCdEfGhIjKlMnOpQrStUv' ]
    ])('does not take %s for a key', (_, value) => {
      expect(looksLikeKey(value)).toBe(false);
    });

  });

});
