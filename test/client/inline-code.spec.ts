/**
 * Runtime messages quote code between backticks; the editor's tooltip and the problem
 * list show those parts as code, and the tooltip does not prefix the rule id.
 */
import { describe, expect, it } from 'vitest';

import { splitInlineCode } from '../../client/editor/inline-code';
import { toEditorDiagnostics } from '../../client/editor/lint-source';

describe('client/editor: messages with code', () => {

  it('splits a message at its backticks into text and code', () => {
    expect(splitInlineCode('Groq expects the output limit in `max_tokens`, not `max_completion_tokens`')).toEqual([
      { text: 'Groq expects the output limit in ', code: false },
      { text: 'max_tokens', code: true },
      { text: ', not ', code: false },
      { text: 'max_completion_tokens', code: true }
    ]);
  });

  it('leaves an unpaired backtick as text', () => {
    expect(splitInlineCode('add `}` or a ` alone')).toEqual([
      { text: 'add ', code: false },
      { text: '}', code: true },
      { text: ' or a ', code: false },
      { text: '` alone', code: false }
    ]);
  });

  it('gives the editor the message without the rule id', () => {
    const [ diagnostic ] = toEditorDiagnostics([
      { from: 0, to: 3, severity: 'warning', code: 'template/unknown-variable', message: 'variable `usr` is not set' }
    ], 10);

    expect(diagnostic.source).toBeUndefined();
    expect(diagnostic.message).toBe('variable `usr` is not set');
    expect(diagnostic.renderMessage).toBeTypeOf('function');
  });
});
