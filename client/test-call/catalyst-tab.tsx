/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { render } from '@bpmn-io/properties-panel/preact';

import { focusFirstField, TestCallView, type TestCallTarget } from './TestCallView';
import { untranslated, type Translate } from './translate';

/** The id of the Catalyst tab in the host's bottom panel (the `tab` of the `open-panel` action). */
export const CATALYST_TAB_ID = 'catalyst';

/** The tab's name in the bottom panel: the plugin's name, as the Modeler names its own tabs (Problems, Output). */
export const CATALYST_TAB_LABEL = 'Catalyst';

interface Shown {
  key: string;
  owner: object;
  target: TestCallTarget;
  sendRequest: number;
}

/**
 * The Catalyst tab of the bottom panel: one per application, like the panel. The
 * client extension connects it (`connect`) and hands it the element the host rendered
 * for the tab (`attach`); the editors' test-call services `show` a task in it.
 *
 * The test call lives in an element of its own, rendered with the host's Preact and moved
 * into whatever element the host gives the tab. A host that unmounts a tab it does not
 * show (the Modeler does) takes that element away but not the test call: the inputs, a
 * run still going and the results are there again when the tab comes back.
 */
class CatalystTab {
  private opener: (() => void) | null = null;
  private root: HTMLElement | null = null;
  private shown: Shown | null = null;
  private translate: Translate = untranslated;
  private focusPending = false;

  /** Called by the client extension of a host with a bottom panel: `open` shows the tab. */
  connect(open: () => void): void {
    this.opener = open;
  }

  /** Whether a host with a bottom panel connected the tab; otherwise the test call is a modal dialog. */
  available(): boolean {
    return this.opener !== null;
  }

  /** The element the host renders in the tab (a React/Preact ref callback), or `null` when it goes. */
  readonly attach = (node: HTMLElement | null): void => {
    if (!node) {
      return;
    }

    node.appendChild(this.container());

    if (this.focusPending) {
      this.focusPending = false;
      this.focusFirst();
    }
  };

  /**
   * Shows the test call of a task and opens the tab. The same task again keeps its inputs
   * and results; `send` also sends (Ctrl+Enter in the payload editor), `focus` moves the
   * keyboard into the tab (the panel's Test call button).
   */
  show(owner: object, key: string, target: TestCallTarget, options: { send?: boolean; focus?: boolean } = {}): void {
    const same = this.shown?.key === key;

    this.translate = target.translate ?? untranslated;
    this.shown = {
      key,
      owner,
      target,
      sendRequest: (same ? this.shown!.sendRequest : 0) + (options.send ? 1 : 0)
    };
    this.render();
    this.opener?.();

    if (options.focus) {
      if (this.container().isConnected) {
        this.focusFirst();
      } else {
        this.focusPending = true;
      }
    }
  }

  /** Whether the tab shows a test call of this owner (an editor's service). */
  shows(owner: object): boolean {
    return this.shown?.owner === owner;
  }

  /** Empties the tab (its Close button; the diagram of the task closed). */
  clear(owner?: object): void {
    if (!this.shown || (owner && this.shown.owner !== owner)) {
      return;
    }

    const hadFocus = this.container().contains(document.activeElement);

    this.shown = null;
    this.render();

    // the focused Close button is gone: keep the keyboard in the tab, not on the page
    if (hadFocus) {
      this.container().querySelector<HTMLElement>('.catalyst-tab__empty')?.focus();
    }
  }

  private container(): HTMLElement {
    if (!this.root) {
      this.root = document.createElement('div');
      this.root.className = 'catalyst-tab';
    }

    return this.root;
  }

  private focusFirst(): void {
    focusFirstField(this.container());
  }

  private render(): void {
    const { shown, translate } = this;

    render(shown
      ? <TestCallView key={ shown.key } { ...shown.target } variant="tab" sendRequest={ shown.sendRequest } onClose={ () => this.clear() } />
      : <p class="catalyst-tab__empty" tabIndex={ -1 }>
        { translate('Select a Catalyst task and choose Test call in the properties panel, or press Ctrl+Enter in its payload editor.') }
      </p>, this.container());
  }
}

/** The application's Catalyst tab. */
export const catalystTab = new CatalystTab();
