import { describe, expect, it } from 'vitest';
import { splitThink } from '../../../runtime/execute';
import { ThinkSplitter } from '../../../runtime/execute/think';

describe('splitThink', () => {
  it('separates a <think> prefix from the answer', () => {
    expect(splitThink('<think>\nweigh it\n</think>\n\nYes.')).toEqual({ reasoning: 'weigh it', answer: 'Yes.' });
  });

  it('leaves an answer without a think block alone', () => {
    expect(splitThink('  I <think> not.')).toEqual({ reasoning: null, answer: '  I <think> not.' });
  });

  it('treats an unclosed think block as all reasoning', () => {
    expect(splitThink('<think>still going')).toEqual({ reasoning: 'still going', answer: '' });
  });
});

describe('ThinkSplitter', () => {
  it('labels streamed pieces even when the tags are split across chunks', () => {

    // given
    const splitter = new ThinkSplitter();
    const parts = [ '<thi', 'nk>ponder', 'ing</th', 'ink>', '\n An', 'swer' ];

    // when
    const pieces = [ ...parts.flatMap(part => splitter.push(part)), ...splitter.flush() ];

    // then
    expect(pieces).toEqual([
      { text: 'ponder', reasoning: true },
      { text: 'ing', reasoning: true },
      { text: 'An', reasoning: false },
      { text: 'swer', reasoning: false }
    ]);
    expect(splitter.reasoning).toBe('pondering');
    expect(splitter.answer).toBe('Answer');
  });
});
