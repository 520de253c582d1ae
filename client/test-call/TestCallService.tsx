/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { render } from '@bpmn-io/properties-panel/preact';

import { isShown, TEST_TASK_EDITOR_EVENT, type CatalystBridge } from '../bridge';
import { isCatalystElement, type CatalystTasks } from '../tasks';

import { catalystTab } from './catalyst-tab';
import { RunStore } from './run-store';
import { TestCallModal } from './TestCallModal';
import { isSendShortcut, type TestCallTarget } from './TestCallView';
import type { Translate } from './translate';

type EventBus = {
  on(type: string, listener: (...args: any[]) => unknown): void;
  off(type: string, listener: (...args: any[]) => unknown): void;
};
type Canvas = {
  getRootElement(): { businessObject?: { $parent?: { id?: string }; id?: string } };
  getContainer(): HTMLElement;
};
type Selection = { get(): any[] };

/** The payload editor's entry in the properties panel (client/panel): Ctrl+Enter there sends. */
const PAYLOAD_ENTRY = '[data-entry-id="catalyst-payload"]';

/** Options of {@link TestCallService.open}. */
export interface OpenOptions {

  /** Send at once (Ctrl+Enter in the payload editor). */
  send?: boolean;

  /** Move the keyboard into the test call; default: yes. */
  focus?: boolean;
}

/**
 * `catalystTestCall`: opens the test call for a task, from the panel's Test call button,
 * the menu's "Test Selected Task" or Ctrl+Enter in the payload editor. Where the host has
 * a bottom panel (the Modeler, the playground) the test call is its Catalyst tab, beside
 * the diagram; elsewhere a modal dialog.
 */
export default class TestCallService {
  static $inject = [ 'eventBus', 'canvas', 'selection', 'catalystBridge', 'catalystTasks', 'translate' ];

  private modal: HTMLElement | null = null;
  private readonly store = new RunStore();

  constructor(
      private readonly eventBus: EventBus,
      private readonly canvas: Canvas,
      private readonly selection: Selection,
      private readonly bridge: CatalystBridge,
      private readonly catalystTasks: CatalystTasks,
      private readonly translate?: Translate
  ) {
    const onKeyDown = (event: KeyboardEvent) => this.onKeyDown(event);

    // capturing: the payload editor (CodeMirror) would otherwise take the key first
    document.addEventListener('keydown', onKeyDown, true);

    eventBus.on(TEST_TASK_EDITOR_EVENT, () => this.openSelected());

    // the Modeler attaches the editor of the diagram tab it shows and detaches the others:
    // the Catalyst tab follows, showing this diagram's test call only while it is in front
    eventBus.on('attach', () => catalystTab.editorAttached(this));
    eventBus.on('detach', () => catalystTab.editorDetached(this));
    eventBus.on('diagram.destroy', () => {
      document.removeEventListener('keydown', onKeyDown, true);
      this.close();
      catalystTab.forget(this);
    });
  }

  /** Opens the test call for a Catalyst task; returns whether it opened. */
  open(element: any, options: OpenOptions = {}): boolean {
    if (!element || !isCatalystElement(element)) {
      return false;
    }

    const diagramId = this.diagramId();
    const target: TestCallTarget = {
      element,
      diagramId,
      bridge: this.bridge,
      catalystTasks: this.catalystTasks,
      store: this.store,
      translate: this.translate,
      onTaskChanged: listener => {
        this.eventBus.on('elements.changed', listener);

        return () => this.eventBus.off('elements.changed', listener);
      }
    };

    if (catalystTab.available()) {
      catalystTab.show(this, `${diagramId}\n${element.id}`, target, { send: options.send, focus: options.focus ?? true });

      return true;
    }

    this.close();

    const container = this.modal = document.createElement('div');
    container.className = 'catalyst-test-call-root';
    document.body.appendChild(container);

    render(<TestCallModal { ...target } sendRequest={ options.send ? 1 : 0 } onClose={ () => this.close() } />, container);

    return true;
  }

  /** Opens the test call for the single selected element, when it is a Catalyst task. */
  openSelected(options?: OpenOptions): boolean {
    const selected = this.selection.get();

    return selected.length === 1 && this.open(selected[0], options);
  }

  /** Whether the modal dialog is open (the tab has no "open": it stays with the panel). */
  isOpen(): boolean {
    return this.modal !== null;
  }

  close(): void {
    const container = this.modal;

    if (!container) {
      return;
    }

    this.modal = null;
    render(null, container);
    container.remove();
  }

  /** Ctrl+Enter in this editor's payload editor: test the task with the payload as it is now. */
  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target as Element | null;

    if (!isSendShortcut(event) || !target?.closest?.(PAYLOAD_ENTRY) || this.modal || !isShown(this.canvas.getContainer())) {
      return;
    }

    // the editor writes the payload a moment after the last key, and at once when it loses
    // the focus: that write is what the test call must send, without taking the focus away
    target.closest('.cm-content')?.dispatchEvent(new FocusEvent('blur'));

    if (this.openSelected({ send: true, focus: false })) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  /** The diagram's `bpmn:Definitions` id: runs are remembered per diagram and task. */
  private diagramId(): string {
    const root = this.canvas.getRootElement().businessObject;

    return root?.$parent?.id ?? root?.id ?? 'diagram';
  }
}
