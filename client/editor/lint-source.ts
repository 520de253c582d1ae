import type { Diagnostic as CodeMirrorDiagnostic } from '@codemirror/lint';

import type { Diagnostic } from '../../runtime/types';

/**
 * Runtime diagnostics as CodeMirror shows them. Ranges are clamped to the document
 * because lint may run on a text the editor has moved past by one keystroke.
 */
export function toEditorDiagnostics(diagnostics: readonly Diagnostic[], length: number): CodeMirrorDiagnostic[] {
  return diagnostics.map(diagnostic => {
    const from = Math.max(0, Math.min(diagnostic.from, length));
    const to = Math.max(from, Math.min(diagnostic.to, length));

    return {
      from,
      to,
      severity: diagnostic.severity,
      source: diagnostic.code,
      message: diagnostic.message
    };
  });
}
