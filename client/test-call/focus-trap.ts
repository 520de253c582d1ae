import { useLayoutEffect } from '@bpmn-io/properties-panel/preact/hooks';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps keyboard focus inside a modal dialog: Tab and Shift+Tab wrap around, Escape
 * calls `onEscape`, and focus returns to where it was when the dialog closes. On opening,
 * focus goes to the first element matching `initialFocus` (where the user starts typing),
 * else to the first focusable one.
 */
export function useFocusTrap(dialog: { current: HTMLElement | null }, onEscape: () => void, initialFocus?: string): void {

  // a layout effect: installed before the browser handles the next key, so no Tab slips past
  useLayoutEffect(() => {
    const node = dialog.current;
    const previouslyFocused = document.activeElement as HTMLElement | null;

    if (!node) {
      return;
    }

    const focusables = () => [ ...node.querySelectorAll<HTMLElement>(FOCUSABLE) ].filter(element => element.getClientRects().length > 0);

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onEscape();

        return;
      }

      if (event.key !== 'Tab') {
        return;
      }

      const elements = focusables();
      const first = elements[0];
      const last = elements[elements.length - 1];

      if (!first) {
        event.preventDefault();
      } else if (event.shiftKey && (document.activeElement === first || !node.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !node.contains(document.activeElement))) {
        event.preventDefault();
        first.focus();
      }
    };

    // on the document, capturing: a disabled button (Send while running) drops focus to the
    // body, and the canvas behind listens to keys too (delete, undo); the dialog owns them
    document.addEventListener('keydown', onKeyDown, true);
    const preferred = initialFocus ? focusables().find(element => element.matches(initialFocus)) : undefined;

    (preferred ?? focusables()[0] ?? node).focus();

    // a field prefilled from the last run: typing replaces the old value instead of joining it
    if (preferred instanceof HTMLTextAreaElement || preferred instanceof HTMLInputElement) {
      preferred.select();
    }

    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      previouslyFocused?.focus?.();
    };
  }, [ dialog, onEscape, initialFocus ]);
}
