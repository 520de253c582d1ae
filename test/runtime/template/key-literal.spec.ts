import { describe, expect, it } from 'vitest';

import { findKeyLiterals } from '../../../runtime/template';
import { groq } from './fixtures/providers';

describe('template/key-literal', () => {

  it('finds every key with its exact range', () => {

    // given
    const text = 'a gsk_8f3kD92mQpL0xZ7vB1nR4tYw b xai-8f3kD92mQpL0xZ7vB1nR4tYw';

    // when
    const ranges = findKeyLiterals(text).map((diagnostic) => text.slice(diagnostic.from, diagnostic.to));

    // then
    expect(ranges).toEqual([ 'gsk_8f3kD92mQpL0xZ7vB1nR4tYw', 'xai-8f3kD92mQpL0xZ7vB1nR4tYw' ]);
  });

  it('needs 20 key characters after the prefix', () => {

    // then
    expect(findKeyLiterals('gsk_8f3kD92mQpL0xZ7vB1n')).toHaveLength(0);
    expect(findKeyLiterals('gsk_8f3kD92mQpL0xZ7vB1nR')).toHaveLength(1);
  });

  it('does not take a prefix in the middle of a word', () => {

    // then
    expect(findKeyLiterals('desk-8f3kD92mQpL0xZ7vB1nR4tYw')).toEqual([]);
  });

  it('reads a catalog prefix written with a trailing ...', () => {

    // then
    expect(findKeyLiterals('acme_8f3kD92mQpL0xZ7vB1nR4tYw', { ...groq, keyPrefix: 'acme_...' })).toHaveLength(1);
    expect(findKeyLiterals('acme_8f3kD92mQpL0xZ7vB1nR4tYw', groq)).toHaveLength(0);
  });

  it('ignores a catalog prefix too short to mean anything', () => {

    // then
    expect(findKeyLiterals('x_8f3kD92mQpL0xZ7vB1nR4tYw', { ...groq, keyPrefix: '...' })).toEqual([]);
  });
});
