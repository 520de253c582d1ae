import { describe, expect, it } from 'vitest';

import { isOffered, modelOptions, OTHER_MODEL } from '../../../client/test-call/model-options';

const CURATED = [ { id: 'llama-3.3-70b-versatile', description: 'Llama 3.3 70B' } ];

describe('modelOptions', () => {

  it('is the curated list and "Other model" without a live list', () => {
    expect(modelOptions(CURATED, { state: 'unavailable', url: 'http://x/v1/models', reason: 'HTTP 404' })).toEqual([
      { value: 'llama-3.3-70b-versatile', label: 'llama-3.3-70b-versatile' },
      { value: OTHER_MODEL, label: 'Other model (type its id below)' }
    ]);
  });

  it('adds live models the curated list lacks, chat models first, the others disabled', () => {

    // when
    const options = modelOptions(CURATED, { state: 'loaded', url: 'http://x/v1/models', models: [
      { id: 'whisper-large-v3', chat: false },
      { id: 'llama-3.3-70b-versatile', chat: true },
      { id: 'zeta-chat', chat: true, ownedBy: 'Acme' }
    ] });

    // then
    expect(options[1]).toEqual({ label: 'Live from the provider (2)', children: [
      { value: 'zeta-chat', label: 'zeta-chat (Acme)' },
      { value: 'whisper-large-v3', label: 'whisper-large-v3 — cannot chat', disabled: true }
    ] });
  });
});

describe('isOffered', () => {

  it('finds a model inside a group', () => {
    expect(isOffered([ { label: 'Live', children: [ { value: 'zeta-chat', label: 'zeta-chat' } ] } ], 'zeta-chat')).toBe(true);
  });

  it('never offers the empty id', () => {
    expect(isOffered([ { value: OTHER_MODEL, label: 'Other' } ], '')).toBe(false);
  });
});
