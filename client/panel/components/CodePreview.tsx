/** @jsxImportSource @bpmn-io/properties-panel/preact */
export interface CodePreviewProps {
  text: string;

  /** The entry's label, translated ("Payload"): with the text, the preview's accessible name. */
  label: string;

  /** The user reached for it: build the code editor (see useLazyCodeEditor's `open`). */
  onOpen: () => void;
}

/**
 * A code editor's text, plain, until the editor is built (right after the panel painted,
 * or never when its chunk does not load). A click, the keyboard focus or Enter builds it,
 * so the preview is reachable the way the editor is, and a failed load is tried again.
 * Named by the label and the text it shows: what a screen reader reads of the editor too,
 * and the visible text stays part of the name (WCAG 2.5.3).
 */
export function CodePreview({ text, label, onOpen }: CodePreviewProps) {
  const onMouseDown = (event: MouseEvent) => {

    // the editor takes the focus once built; the preview is about to go
    event.preventDefault();
    onOpen();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen();
    }
  };

  return <pre class="catalyst-payload__preview" role="button" tabIndex={ 0 } aria-label={ `${label} ${text}` } onMouseDown={ onMouseDown } onFocus={ onOpen } onKeyDown={ onKeyDown }>{ text }</pre>;
}
