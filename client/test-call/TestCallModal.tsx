/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useLayoutEffect, useRef } from '@bpmn-io/properties-panel/preact/hooks';

import { focusFirstField, TestCallView, type TestCallViewProps } from './TestCallView';

/**
 * The test call as a modal dialog, for hosts without a bottom panel. A native <dialog>
 * opened with showModal(): the browser keeps the focus inside and makes the page behind
 * inert; Escape closes it, and the focus returns to where it was.
 */
export function TestCallModal(props: Omit<TestCallViewProps, 'variant'>) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { onClose } = props;

  useLayoutEffect(() => {
    const node = dialog.current!;
    const previouslyFocused = document.activeElement as HTMLElement | null;

    node.showModal();
    focusFirstField(node);

    return () => {
      node.close();
      previouslyFocused?.focus?.();
    };
  }, []);

  return <dialog
    ref={ dialog }
    class="catalyst-test-call__dialog"
    aria-labelledby="catalyst-test-call-title-modal"

    // Escape: the browser's `cancel`; closing goes through the owner, which unmounts the dialog
    onCancel={ event => {
      event.preventDefault();
      onClose();
    } }

    // a click on the backdrop lands on the <dialog> itself, outside its content
    onMouseDown={ event => event.target === event.currentTarget && onClose() }

    // the canvas behind listens to keys as well (delete, undo): the dialog owns them
    onKeyDown={ event => event.stopPropagation() }>
    <TestCallView { ...props } variant="modal" />
  </dialog>;
}
