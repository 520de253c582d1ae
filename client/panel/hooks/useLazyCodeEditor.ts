import { useEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';

import type { PayloadEditor, PayloadEditorOptions } from '../../editor/payload-editor';
import { loadPayloadEditor } from '../../editor/load';
import { whenIdle } from '../when-idle';

/** A write made with the panel's `debounceInput` service: held back until typing pauses. */
interface DebouncedWrite {
  (text: string): void;
  cancel?: () => void;
  flush?: () => void;
}

/** What an entry decides about its code editor; the hook does the rest. */
export interface LazyCodeEditorOptions extends Pick<PayloadEditorOptions, 'labelledBy' | 'lint' | 'variables' | 'completions' | 'onDiagnostics'> {

  /** The stored text: the preview shows it, the editor starts with it and follows the diagram's changes to it. */
  text: string;

  /**
   * The entry's write, made for its element: the editor is built again when it changes.
   * Flushed when the editor loses focus and on unmount, dropped when the diagram replaces the text.
   */
  write: DebouncedWrite;

  /** The user typed `text`: write it, or hold it back with `write.cancel`. */
  onChange: (text: string) => void;

  /** The diagram replaced the text (undo, import): what the user typed is gone. */
  onReplaced?: () => void;
}

export interface LazyCodeEditor {

  /** Where the editor goes: `ref` of an empty element (hidden while empty, see style/catalyst.css). */
  container: { current: HTMLDivElement | null };

  /** The editor once it exists. */
  editor: { readonly current: PayloadEditor | null };

  /** Whether the editor exists; until then the entry shows its text in a {@link CodePreview}. */
  mounted: boolean;

  /** Builds the editor now and focuses it (the user reached for the preview); after a failed load, tries again. */
  open: () => void;
}

/**
 * A CodeMirror editor (client/editor/payload-editor.ts) built when the browser is idle, so
 * selecting a task paints the panel first, or at once when the user reaches for the
 * preview. CodeMirror is a chunk of its own (editor/load.ts); when it does not load (a
 * plugin folder being replaced, a network hiccup in a web host) the preview stays and
 * the next `open` tries again. The options are read on every call, so the editor follows
 * the entry's latest state without being rebuilt.
 */
export function useLazyCodeEditor(options: LazyCodeEditorOptions): LazyCodeEditor {
  const { text, write } = options;

  const latest = useRef(options);
  latest.current = options;

  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<PayloadEditor | null>(null);

  // the text the editor holds (or starts with): what typing and the diagram last set
  const shown = useRef(text);

  const [ mounted, setMounted ] = useState(false);
  const mountNow = useRef<() => void>(() => {});
  const focusOnMount = useRef(false);

  useEffect(() => {
    let built: PayloadEditor | null = null;
    let loading = false;
    let disposed = false;

    const mount = () => {
      if (built || loading) {
        return;
      }

      cancelMount();
      loading = true;

      void loadPayloadEditor().then(({ PayloadEditor }) => {
        if (disposed) {
          return;
        }

        built = new PayloadEditor({
          parent: container.current!,
          text: shown.current,
          labelledBy: latest.current.labelledBy,
          completions: latest.current.completions,
          lint: typed => latest.current.lint(typed),
          variables: typed => latest.current.variables(typed),
          onChange: typed => {
            shown.current = typed;
            latest.current.onChange(typed);
          },
          onBlur: () => write.flush?.(),
          onDiagnostics: (diagnostics, linted) => latest.current.onDiagnostics?.(diagnostics, linted)
        });

        editor.current = built;
        setMounted(true);

        if (focusOnMount.current) {
          focusOnMount.current = false;
          built.view.focus();
        }
      }, () => {

        // the preview stays; the user reaching for it tries to load the editor again
        loading = false;
      });
    };

    const cancelMount = whenIdle(mount);
    mountNow.current = mount;

    return () => {
      disposed = true;
      cancelMount();
      write.flush?.();
      built?.destroy();
      editor.current = null;
      setMounted(false);
    };
  }, [ write ]);

  useEffect(() => {
    if (text !== shown.current) {
      shown.current = text;
      write.cancel?.();
      editor.current?.setText(text);
      latest.current.onReplaced?.();
    }
  }, [ text ]);

  const open = () => {
    if (editor.current) {
      editor.current.view.focus();
    } else {
      focusOnMount.current = true;
      mountNow.current();
    }
  };

  return { container, editor, mounted, open };
}
