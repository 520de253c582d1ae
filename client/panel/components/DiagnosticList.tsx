/** @jsxImportSource @bpmn-io/properties-panel/preact */
import type { Diagnostic } from '../../../runtime/types';
import { splitInlineCode } from '../../editor/inline-code';
import { useTranslate } from '../hooks/useTranslate';

/**
 * The payload's lint findings as a list under the editor, so they can be read without
 * hovering each squiggle; each names its line and column.
 */
export function DiagnosticList({ text, diagnostics, label = 'Payload problems' }: { text: string; diagnostics: readonly Diagnostic[]; label?: string }) {
  const translate = useTranslate();

  if (!diagnostics.length) {
    return null;
  }

  return <ul class="catalyst-diagnostics" aria-label={ translate(label) }>
    { diagnostics.map(diagnostic => {
      const { line, column } = position(text, diagnostic.from);

      return <li
        key={ `${diagnostic.from}:${diagnostic.code}:${diagnostic.message}` }
        class={ `catalyst-diagnostic catalyst-diagnostic--${diagnostic.severity}` }>
        <span class="catalyst-diagnostic__where">{ line }:{ column }</span> { splitInlineCode(withoutPosition(diagnostic.message, line, column))
          .map((part, index) => (part.code ? <code key={ index }>{ part.text }</code> : part.text)) }
      </li>;
    }) }
  </ul>;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;

  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The list names the line and column in front; the runtime's message may end with the same again. */
function withoutPosition(message: string, line: number, column: number): string {
  const suffix = ` (line ${line}, column ${column})`;

  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}
