/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { render } from '@bpmn-io/properties-panel/preact';

import { TEST_TASK_EDITOR_EVENT, type CatalystBridge } from '../bridge';
import { isCatalystElement, type CatalystTasks } from '../tasks';

import { RunStore } from './run-store';
import { TestCallDialog } from './TestCallDialog';
import type { Translate } from './translate';

type EventBus = { on(type: string, listener: (...args: any[]) => unknown): void };
type Canvas = { getRootElement(): { businessObject?: { $parent?: { id?: string }; id?: string } } };
type Selection = { get(): any[] };

/**
 * `catalystTestCall`: opens the test dialog for a task, from the panel's Test call
 * button or the menu's "Test Selected Task…". One dialog at a time, modal over the page.
 */
export default class TestCallService {
  static $inject = [ 'eventBus', 'canvas', 'selection', 'catalystBridge', 'catalystTasks', 'translate' ];

  private container: HTMLElement | null = null;
  private readonly store = new RunStore();

  constructor(
      eventBus: EventBus,
      private readonly canvas: Canvas,
      private readonly selection: Selection,
      private readonly bridge: CatalystBridge,
      private readonly catalystTasks: CatalystTasks,
      private readonly translate?: Translate
  ) {
    eventBus.on(TEST_TASK_EDITOR_EVENT, () => this.openSelected());
    eventBus.on('diagram.destroy', () => this.close());
  }

  /** Opens the dialog for a Catalyst task; returns whether it opened. */
  open(element: any): boolean {
    if (!element || !isCatalystElement(element)) {
      return false;
    }

    this.close();

    const container = this.container = document.createElement('div');
    container.className = 'catalyst-test-call-root';
    document.body.appendChild(container);

    render(<TestCallDialog
      element={ element }
      diagramId={ this.diagramId() }
      bridge={ this.bridge }
      catalystTasks={ this.catalystTasks }
      store={ this.store }
      translate={ this.translate }
      onClose={ () => this.close() } />, container);

    return true;
  }

  /** Opens the dialog for the single selected element, when it is a Catalyst task. */
  openSelected(): boolean {
    const selected = this.selection.get();

    return selected.length === 1 && this.open(selected[0]);
  }

  isOpen(): boolean {
    return this.container !== null;
  }

  close(): void {
    const container = this.container;

    if (!container) {
      return;
    }

    this.container = null;
    render(null, container);
    container.remove();
  }

  /** The diagram's `bpmn:Definitions` id: runs are remembered per diagram and task. */
  private diagramId(): string {
    const root = this.canvas.getRootElement().businessObject;

    return root?.$parent?.id ?? root?.id ?? 'diagram';
  }
}
