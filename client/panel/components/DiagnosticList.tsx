/** @jsxImportSource @bpmn-io/properties-panel/preact */
import type { Diagnostic } from '../../../runtime/types';

/**
 * The payload's lint findings as a list under the editor, so they can be read without
 * hovering each squiggle; each names its line and column.
 */
export function DiagnosticList({ text, diagnostics }: { text: string; diagnostics: readonly Diagnostic[] }) {
  if (!diagnostics.length) {
    return null;
  }

  return <ul class="catalyst-diagnostics" aria-label="Payload problems">
    { diagnostics.map(diagnostic => {
      const { line, column } = position(text, diagnostic.from);

      return <li
        key={ `${diagnostic.from}:${diagnostic.code}:${diagnostic.message}` }
        class={ `catalyst-diagnostic catalyst-diagnostic--${diagnostic.severity}` }>
        <span class="catalyst-diagnostic__where">{ line }:{ column }</span> { diagnostic.message }
      </li>;
    }) }
  </ul>;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;

  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
