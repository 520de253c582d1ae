import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';

import { placeholderAt } from '../../runtime/template';

/** A variable offered after `${`, with where it comes from. */
export interface VariableOption {
  name: string;
  detail?: string;
}

/** What the completion list says when the diagram sets no variable yet. */
const NO_VARIABLES = 'No variables in this diagram yet';

/**
 * Completes variable names after `${` (design §4) from `getVariables(text)`, read on each
 * request so the list follows the diagram without rebuilding the editor. Where a
 * name may start is the runtime's call (`placeholderAt`: not after the literal `$${`).
 */
export function variableCompletion(getVariables: (text: string) => readonly VariableOption[]): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    const placeholder = placeholderAt(line.text, context.pos - line.from);

    if (!placeholder) {
      return null;
    }

    const closed = context.state.sliceDoc(context.pos, context.pos + 1) === '}';
    const variables = getVariables(context.state.doc.toString());

    // an empty list would show nothing at all, as if completion were broken
    if (!variables.length) {
      return {
        from: line.from + placeholder.from,
        filter: false,
        options: [ {
          label: NO_VARIABLES,
          detail: 'type its name',
          type: 'text',
          apply: () => {}
        } ]
      };
    }

    return {
      from: line.from + placeholder.from,
      validFor: /^\w*$/,
      options: variables.map(variable => ({
        label: variable.name,
        detail: variable.detail,
        type: 'variable',
        apply: closed ? variable.name : `${variable.name}}`
      }))
    };
  };
}
