import { describe, expect, it } from 'vitest';

import { diffWords, DIFF_WORD_LIMIT } from '../../../client/test-call/text-diff';

describe('diffWords', () => {

  it('marks the words the second answer added and the ones it dropped', () => {

    // when
    const parts = diffWords('The printer is on fire. Evacuate.', 'The printer is on fire. Evacuate and call facilities.');

    // then
    expect(parts).toEqual([
      { kind: 'same', text: 'The printer is on fire. Evacuate' },
      { kind: 'added', text: ' and call facilities' },
      { kind: 'same', text: '.' }
    ]);
  });

  it('marks a word replaced by another as removed and added', () => {
    expect(diffWords('Call facilities now.', 'Call security now.')).toEqual([
      { kind: 'same', text: 'Call ' },
      { kind: 'removed', text: 'facilities' },
      { kind: 'added', text: 'security' },
      { kind: 'same', text: ' now.' }
    ]);
  });

  it('keeps the text of both sides: the removed and same parts give the first, the added and same the second', () => {

    // given
    const before = 'one two three four';
    const after = 'one three five four six';

    // when
    const parts = diffWords(before, after)!;

    // then
    expect(parts.filter(part => part.kind !== 'added').map(part => part.text).join('')).toBe(before);
    expect(parts.filter(part => part.kind !== 'removed').map(part => part.text).join('')).toBe(after);
  });

  it('gives up on answers too long to diff here', () => {
    expect(diffWords('word '.repeat(DIFF_WORD_LIMIT), 'other')).toBeNull();
  });
});
