import type { Diagnostic as CodeMirrorDiagnostic } from '@codemirror/lint';

import type { Diagnostic } from '../../runtime/types';

import { renderInlineCode } from './inline-code';

/**
 * Runtime diagnostics as CodeMirror shows them. Ranges are clamped to the document
 * because lint may run on a text the editor has moved past by one keystroke. The rule id
 * (`template/unknown-variable`) is for the command line and CI logs, not for the
 * tooltip: the message alone says what is wrong, its `code` spans rendered as code.
 */
export function toEditorDiagnostics(diagnostics: readonly Diagnostic[], length: number): CodeMirrorDiagnostic[] {
  return diagnostics.map(diagnostic => {
    const from = Math.max(0, Math.min(diagnostic.from, length));
    const to = Math.max(from, Math.min(diagnostic.to, length));

    return {
      from,
      to,
      severity: diagnostic.severity,
      message: diagnostic.message,
      renderMessage: () => renderInlineCode(diagnostic.message)
    };
  });
}
