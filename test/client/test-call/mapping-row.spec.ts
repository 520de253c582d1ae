import { describe, expect, it } from 'vitest';

import { withMappingRow } from '../../../client/test-call/mapping-row';
import { DEFAULT_RESPONSE_MAPPING } from '../../../runtime/config';

describe('withMappingRow', () => {

  it('adds the row after the existing ones', () => {

    // when
    const text = withMappingRow('{"summary": "choices[0].message.content"}', 'tokens', 'usage.total_tokens');

    // then
    expect(JSON.parse(text)).toEqual({ summary: 'choices[0].message.content', tokens: 'usage.total_tokens' });
    expect(Object.keys(JSON.parse(text))).toEqual([ 'summary', 'tokens' ]);
  });

  it('replaces the path of a variable mapped already', () => {
    expect(JSON.parse(withMappingRow('{"summary": "model"}', 'summary', 'choices[0].message.content'))).toEqual({ summary: 'choices[0].message.content' });
  });

  it('starts from the default mapping when the task has none', () => {
    expect(JSON.parse(withMappingRow(undefined, 'tokens', 'usage.total_tokens'))).toEqual({ ...DEFAULT_RESPONSE_MAPPING, tokens: 'usage.total_tokens' });
  });
});
