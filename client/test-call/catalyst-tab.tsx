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
  target: TestCallTarget;
  sendRequest: number;
}

/** What one editor (one diagram tab of the Modeler) shows in the Catalyst tab. */
interface EditorView {

  /** Rendered into once and kept while the editor lives: a run going on there goes on. */
  element: HTMLElement;
  shown: Shown | null;
  translate: Translate;
}

/**
 * The Catalyst tab of the bottom panel: one per application, like the panel, showing the
 * test call of the diagram in front. The client extension connects it (`connect`) and
 * hands it the element the host rendered for the tab (`attach`); each editor's test-call
 * service `show`s a task in it and says when its diagram comes to the front
 * (`editorAttached`) or leaves it (`editorDetached`), as the Modeler attaches the editor of
 * the diagram tab it shows and detaches the others.
 *
 * Each editor's test call lives in an element of its own, rendered with the host's Preact
 * and moved into whatever element the host gives the tab. Switching diagrams, or a host
 * that unmounts a tab it does not show (the Modeler does), takes that element out of the
 * page but not the test call: the inputs, a run still going and the results are there
 * again when the diagram and the tab come back.
 */
class CatalystTab {
  private opener: (() => void) | null = null;
  private root: HTMLElement | null = null;
  private readonly views = new Map<object, EditorView>();

  /** The editor whose diagram is in front, when it has a test-call service. */
  private front: object | null = null;

  /** Shown while no editor in front has a test call: says how to start one. */
  private readonly idle: EditorView = { element: document.createElement('div'), shown: null, translate: untranslated };
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
   * Shows the test call of a task of `owner`'s diagram and opens the tab. The same task
   * again keeps its inputs and results; `send` also sends (Ctrl+Enter in the payload
   * editor), `focus` moves the keyboard into the tab (the panel's Test call button).
   */
  show(owner: object, key: string, target: TestCallTarget, options: { send?: boolean; focus?: boolean } = {}): void {
    const view = this.viewOf(owner);
    const same = view.shown?.key === key;

    view.translate = this.idle.translate = target.translate ?? untranslated;
    view.shown = {
      key,
      target,
      sendRequest: (same ? view.shown!.sendRequest : 0) + (options.send ? 1 : 0)
    };
    this.render(owner, view);
    this.editorAttached(owner);
    this.opener?.();

    if (options.focus) {
      if (this.container().isConnected) {
        this.focusFirst();
      } else {
        this.focusPending = true;
      }
    }
  }

  /** `owner`'s diagram came to the front: the tab shows its test call, or how to start one. */
  editorAttached(owner: object): void {
    this.front = owner;
    this.place();
  }

  /** `owner`'s diagram left the front: its test call stays, out of view, until it comes back. */
  editorDetached(owner: object): void {
    if (this.front === owner) {
      this.front = null;
      this.place();
    }
  }

  /** Empties `owner`'s part of the tab (its Close button). */
  clear(owner: object): void {
    const view = this.views.get(owner);

    if (!view?.shown) {
      return;
    }

    const hadFocus = view.element.contains(document.activeElement);

    view.shown = null;
    this.render(owner, view);

    // the focused Close button is gone: keep the keyboard in the tab, not on the page
    if (hadFocus) {
      view.element.querySelector<HTMLElement>('.catalyst-tab__empty')?.focus();
    }
  }

  /** `owner`'s diagram closed: its test call goes (a run still going is cancelled with it). */
  forget(owner: object): void {
    const view = this.views.get(owner);

    if (!view) {
      return;
    }

    this.views.delete(owner);
    render(null, view.element);
    this.editorDetached(owner);
  }

  private viewOf(owner: object): EditorView {
    let view = this.views.get(owner);

    if (!view) {
      view = { element: document.createElement('div'), shown: null, translate: untranslated };
      this.views.set(owner, view);
    }

    return view;
  }

  private container(): HTMLElement {
    if (!this.root) {
      this.root = document.createElement('div');
      this.root.className = 'catalyst-tab';
      this.place();
    }

    return this.root;
  }

  /** Puts the front editor's view into the tab (the idle one when it has none). */
  private place(): void {
    const root = this.root;

    if (!root) {
      return;
    }

    const view = (this.front && this.views.get(this.front)) || this.idle;

    if (view === this.idle) {
      this.render(null, this.idle);
    }

    if (root.firstChild !== view.element) {
      root.replaceChildren(view.element);
    }
  }

  private focusFirst(): void {
    focusFirstField(this.container());
  }

  private render(owner: object | null, view: EditorView): void {
    const { shown, translate } = view;

    render(shown
      ? <TestCallView key={ shown.key } { ...shown.target } variant="tab" sendRequest={ shown.sendRequest } onClose={ () => owner && this.clear(owner) } />
      : <p class="catalyst-tab__empty" tabIndex={ -1 }>
        { translate('Select a Catalyst task and choose Test call in the properties panel, or press Ctrl+Enter in its payload editor.') }
      </p>, view.element);
  }
}

/** The application's Catalyst tab. */
export const catalystTab = new CatalystTab();
