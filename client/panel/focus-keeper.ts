const GROUP_SELECTOR = '[data-group-id="group-Catalyst__Task"]';

/** Where focus goes when what held it left the group: the first of these that exists. */
const FALLBACKS = [
  '[data-entry-id="catalyst-make"] button',
  '[data-entry-id="catalyst-provider"] select',
  '.catalyst-section__toggle'
];

const ATTEMPTS = 10;

interface EventBus {
  on(event: string, priority: number, callback: () => void): void;
}

/**
 * Keeps the keyboard focus in the Catalyst group when a change removes the focused control
 * (undoing "Make Catalyst task" takes the whole form away, redoing it the button): the
 * focus would drop to the page, and a keyboard user would start over from the top.
 */
export default class CatalystFocusKeeper {
  static $inject = [ 'eventBus' ];

  constructor(eventBus: EventBus) {

    // high priority: seen while the panel still shows the focused control
    eventBus.on('commandStack.changed', 2000, () => {
      const held = document.activeElement;

      if (held?.closest(GROUP_SELECTOR)) {
        restoreFocus(held, 0);
      }
    });
  }
}

function restoreFocus(held: Element, attempt: number): void {
  requestAnimationFrame(() => {
    const active = document.activeElement;

    // the panel has not re-rendered yet: look again next frame
    if (active === held && held.isConnected) {
      if (attempt < ATTEMPTS) {
        restoreFocus(held, attempt + 1);
      }

      return;
    }

    if (active && active !== document.body) {
      return;
    }

    const group = document.querySelector(GROUP_SELECTOR);
    const target = group && FALLBACKS.map(selector => group.querySelector<HTMLElement>(selector)).find(Boolean);

    if (target) {
      target.focus();
    } else if (attempt < ATTEMPTS) {
      restoreFocus(held, attempt + 1);
    }
  });
}
