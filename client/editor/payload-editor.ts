import { autocompletion, type CompletionSource } from '@codemirror/autocomplete';
import { history, historyKeymap, standardKeymap } from '@codemirror/commands';
import { linter, lintGutter } from '@codemirror/lint';
import { Annotation, EditorState, StateEffect, Transaction } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';

import type { Diagnostic } from '../../runtime/types';

import { variableCompletion, type VariableOption } from './completion-source';
import { jsonHighlighting } from './json-highlight';
import { toEditorDiagnostics } from './lint-source';
import { minimalChange } from './text-change';

export interface PayloadEditorOptions {
  parent: HTMLElement;
  text: string;

  /** Id of the element labelling the editor, for assistive technology. */
  labelledBy?: string;

  /** Lint as the runtime does; read on every run so it follows the diagram. */
  lint: (text: string) => Diagnostic[];

  /** What `${` completes, given the editor's text. */
  variables: (text: string) => readonly VariableOption[];

  /** More completions beside `${` variables (the schema editor's JSON Schema keywords). */
  completions?: readonly CompletionSource[];

  /** The user changed the text (never called for {@link PayloadEditor.setText}). */
  onChange: (text: string) => void;
  onBlur: () => void;
  onDiagnostics?: (diagnostics: Diagnostic[], text: string) => void;
}

/** How long typing must pause before lint runs (CodeMirror's linter debounce). */
const LINT_DELAY_MS = 150;

/** Marks changes that come from the diagram rather than from typing. */
const fromDiagram = Annotation.define<boolean>();

/** Asks the linter to run although the text did not change (its inputs did). */
const relintEffect = StateEffect.define<null>();

/**
 * The payload editor: CodeMirror 6 with JSON highlighting (placeholders included), the runtime's lint inline
 * (squiggles, gutter markers, hover messages) and `${` completion. Framework-free so
 * the panel entry only mounts it and forwards changes.
 */
export class PayloadEditor {
  readonly view: EditorView;

  constructor(options: PayloadEditorOptions) {
    const { parent, text, labelledBy, onChange, onBlur } = options;

    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([ ...standardKeymap, ...historyKeymap ]),
          jsonHighlighting(),
          EditorView.lineWrapping,
          lintGutter(),
          linter(view => lintDocument(view, options), {
            delay: LINT_DELAY_MS,
            needsRefresh: update => update.transactions.some(transaction => transaction.effects.some(effect => effect.is(relintEffect)))
          }),
          autocompletion({ override: [ variableCompletion(options.variables), ...(options.completions ?? []) ], icons: false }),
          EditorView.contentAttributes.of(labelledBy ? { 'aria-labelledby': labelledBy } : {}),
          EditorView.updateListener.of(update => {
            const typed = update.docChanged && !update.transactions.some(transaction => transaction.annotation(fromDiagram));

            if (typed) {
              onChange(update.state.doc.toString());
            }
          }),
          EditorView.domEventHandlers({ blur: () => onBlur() })
        ]
      })
    });
  }

  getText(): string {
    return this.view.state.doc.toString();
  }

  /**
   * Shows a text that changed in the diagram (undo, import). Only the changed span
   * is replaced, so the cursor stays where it was when the change is elsewhere. Not
   * part of the editor's own undo history: the command stack owns that change.
   */
  setText(text: string): void {
    const change = minimalChange(this.getText(), text);

    if (change) {
      this.view.dispatch({
        changes: change,
        annotations: [ fromDiagram.of(true), Transaction.addToHistory.of(false) ]
      });
    }
  }

  /** Lint again now, e.g. when the diagram's variables or the provider changed. */
  relint(): void {
    this.view.dispatch({ effects: relintEffect.of(null) });
  }

  destroy(): void {
    this.view.destroy();
  }
}

function lintDocument(view: EditorView, options: PayloadEditorOptions) {
  const text = view.state.doc.toString();
  const diagnostics = options.lint(text);

  options.onDiagnostics?.(diagnostics, text);

  return toEditorDiagnostics(diagnostics, text.length);
}
