/**
 * The playground's bottom panel, standing in for the Modeler's (Problems, Output and the
 * plugins' tabs under the diagram): a row of tabs, one body shown at a time, a button that
 * hides and shows the panel, and a handle to drag its height.
 *
 * Tabs come from the host itself (`addTab`) or from plugins through `<Fill
 * slot="bottom-panel">` (see fill.ts). Unlike the Modeler, a tab's body stays in the page
 * while another tab is shown (hidden): its content never unmounts.
 */

/** A tab of the bottom panel. */
interface BottomPanelTab {

  /** Unique; the `tab` of the `open-panel` action. */
  id: string;
  label: string;

  /** Lower comes first; tabs of equal order keep the order they were added in. */
  order?: number;

  /** Called once with the tab's body element; may return a function that cleans up when the tab goes. */
  mount(container: HTMLElement): void | (() => void);
}

export interface BottomPanel {

  /** Adds a tab; returns the function that removes it. */
  addTab(tab: BottomPanelTab): () => void;

  /** Shows the panel, with the tab `id` when given (else the one shown last). */
  open(id?: string): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;

  /** The id of the tab shown (or shown when the panel opens again). */
  selected(): string | null;

  /** Sets the height of the panel's body in pixels (kept between the least and what the window allows). */
  setHeight(height: number): void;
}

interface Entry {
  tab: BottomPanelTab;
  seq: number;
  button: HTMLButtonElement;
  body: HTMLElement;
  cleanup?: () => void;
}

const MIN_HEIGHT = 80;

/** Builds the bottom panel inside `root` (initially closed). */
export function createBottomPanel(root: HTMLElement): BottomPanel {
  root.classList.add('cp-panel');
  root.innerHTML = `
    <div class="cp-panel__resize" role="separator" aria-orientation="horizontal" aria-label="Resize the panel" tabindex="0"></div>
    <div class="cp-panel__header">
      <div class="cp-panel__tabs" role="tablist" aria-label="Panel"></div>
      <button type="button" class="cp-panel__toggle" aria-expanded="false">Show panel</button>
    </div>
    <div class="cp-panel__bodies"></div>
  `;

  const tablist = root.querySelector<HTMLElement>('.cp-panel__tabs')!;
  const bodies = root.querySelector<HTMLElement>('.cp-panel__bodies')!;
  const toggleButton = root.querySelector<HTMLButtonElement>('.cp-panel__toggle')!;
  const handle = root.querySelector<HTMLElement>('.cp-panel__resize')!;

  const entries: Entry[] = [];
  let seq = 0;
  let open = false;
  let current: string | null = null;

  function sorted(): Entry[] {
    return [ ...entries ].sort((a, b) => (a.tab.order ?? 0) - (b.tab.order ?? 0) || a.seq - b.seq);
  }

  function update() {
    const shown = entries.find(entry => entry.tab.id === current) ?? sorted()[0];

    current = shown?.tab.id ?? null;
    root.classList.toggle('cp-panel--open', open);
    toggleButton.setAttribute('aria-expanded', String(open));
    toggleButton.textContent = open ? 'Hide panel' : 'Show panel';
    bodies.hidden = !open;
    handle.hidden = !open;

    for (const entry of sorted()) {
      const selected = entry === shown;

      tablist.append(entry.button);
      entry.button.setAttribute('aria-selected', String(selected && open));
      entry.button.tabIndex = selected ? 0 : -1;
      entry.body.hidden = !selected;
    }
  }

  function select(id: string, focus = false) {
    current = id;
    open = true;
    update();

    if (focus) {
      entries.find(entry => entry.tab.id === id)?.button.focus();
    }
  }

  // the WAI-ARIA tabs pattern: arrows move between tabs, Home and End to the ends
  tablist.addEventListener('keydown', event => {
    const tabs = sorted();
    const index = tabs.findIndex(entry => entry.button === document.activeElement);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];

    if (index === -1 || next === undefined) {
      return;
    }

    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length].tab.id, true);
  });

  toggleButton.addEventListener('click', () => panel.toggle());
  const setHeight = installResize(handle, bodies);

  const panel: BottomPanel = {
    addTab(tab) {
      if (entries.some(entry => entry.tab.id === tab.id)) {
        throw new Error(`bottom panel: a tab "${ tab.id }" is there already`);
      }

      const button = document.createElement('button');
      button.type = 'button';
      button.role = 'tab';
      button.id = `cp-panel-tab-${ tab.id }`;
      button.className = 'cp-panel__tab';
      button.textContent = tab.label;
      button.addEventListener('click', () => (current === tab.id && open ? panel.close() : select(tab.id)));

      const body = document.createElement('div');
      body.role = 'tabpanel';
      body.id = `cp-panel-body-${ tab.id }`;
      body.className = 'cp-panel__body';
      body.setAttribute('aria-labelledby', button.id);
      button.setAttribute('aria-controls', body.id);
      bodies.append(body);

      const entry: Entry = { tab, seq: seq++, button, body };
      entries.push(entry);
      update();

      const cleanup = tab.mount(body);
      entry.cleanup = cleanup || undefined;

      return () => {
        const index = entries.indexOf(entry);

        if (index !== -1) {
          entries.splice(index, 1);
          entry.cleanup?.();
          button.remove();
          body.remove();
          update();
        }
      };
    },
    open(id) {
      open = true;
      current = id ?? current;
      update();
    },
    close() {
      open = false;
      update();
    },
    toggle() {
      if (open) {
        panel.close();
      } else {
        panel.open();
      }
    },
    isOpen: () => open,
    selected: () => current,
    setHeight
  };

  update();

  return panel;
}

/** Drag (or arrow keys on) the handle above the panel to change its height. */
function installResize(handle: HTMLElement, bodies: HTMLElement): (height: number) => void {
  const maxHeight = () => Math.max(MIN_HEIGHT, window.innerHeight - 160);

  // a focusable separator is a slider to assistive technology: it says its range and value
  const say = (height: number) => {
    handle.setAttribute('aria-valuemin', String(MIN_HEIGHT));
    handle.setAttribute('aria-valuemax', String(maxHeight()));
    handle.setAttribute('aria-valuenow', String(height));
    handle.setAttribute('aria-valuetext', `${ height } pixels high`);
  };

  const setHeight = (height: number) => {
    const clamped = Math.min(maxHeight(), Math.max(MIN_HEIGHT, Math.round(height)));

    bodies.style.height = `${ clamped }px`;
    say(clamped);
  };

  setHeight(Math.round(window.innerHeight * 0.45));

  handle.addEventListener('pointerdown', event => {
    const startY = event.clientY;
    const startHeight = bodies.getBoundingClientRect().height;

    handle.setPointerCapture(event.pointerId);

    const move = (moveEvent: PointerEvent) => setHeight(startHeight + startY - moveEvent.clientY);
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
    };

    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
  });

  handle.addEventListener('keydown', event => {
    const step = { ArrowUp: 20, ArrowDown: -20 }[event.key];

    if (step) {
      event.preventDefault();
      setHeight(bodies.getBoundingClientRect().height + step);
    }
  });

  return setHeight;
}
