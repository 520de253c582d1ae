import { providers } from '../../runtime/catalog/providers';
import { newTaskProperties, switchProviderProperties } from '../../runtime/config';
import type { TaskProperties } from '../../runtime/types';

import { canBeCatalystElement, isCatalystElement } from './catalyst-element';
import { CATALYST_ATTRIBUTES, makeCatalystChanges } from './catalyst-changes';
import { getBusinessObject, readExtensionProperties, type ModdleElement } from './extension-properties';
import ReplaceWithCatalystTaskHandler, {
  CATALYST_ELEMENT_TYPE,
  REPLACE_WITH_CATALYST_TASK,
  type ReplaceWithCatalystTaskContext
} from './ReplaceWithCatalystTaskHandler';
import UpdateCatalystTaskHandler, {
  hasChanges,
  UPDATE_CATALYST_TASK,
  type PropertyChanges,
  type UpdateCatalystTaskContext
} from './UpdateCatalystTaskHandler';

type TaskElement = UpdateCatalystTaskContext['element'];

/** Before anyone else hears of a change, so nobody reads the properties from before it. */
const FORGET_PRIORITY = 10_000;

interface CommandStack {
  registerHandler(command: string, handler: unknown): void;
  execute(command: string, context: object): void;
}

interface BpmnFactory {
  create(type: string, attributes?: Record<string, unknown>): ModdleElement;
}

interface EventBus {
  on(events: string[], priority: number, callback: () => void): void;
}

interface ElementFactory {
  createShape(attributes: { type: string; businessObject: ModdleElement }): TaskElement;
}

/**
 * Reads and writes a task's `catalyst.*` properties (design §2). Every write is one
 * command on the command stack, so one user action is one undo step and the panel,
 * the diagram and the exported XML stay in step.
 */
export default class CatalystTasks {
  static $inject = [ 'commandStack', 'bpmnFactory', 'elementFactory', 'eventBus' ];

  // Every entry of the panel asks for the properties of the same task while the panel
  // renders: read them once per rendering. A read lasts until the current task (in the
  // browser's sense) ends or the diagram changes, whichever comes first, so a change made
  // without a command (an import, a script) is seen by the next rendering anyway.
  private read = new WeakMap<ModdleElement, Readonly<TaskProperties>>();
  private forgetScheduled = false;

  constructor(
    private readonly commandStack: CommandStack,
    private readonly bpmnFactory: BpmnFactory,
    private readonly elementFactory: ElementFactory,
    eventBus?: EventBus
  ) {
    commandStack.registerHandler(UPDATE_CATALYST_TASK, UpdateCatalystTaskHandler);
    commandStack.registerHandler(REPLACE_WITH_CATALYST_TASK, ReplaceWithCatalystTaskHandler);

    eventBus?.on([ 'elements.changed', 'import.done', 'diagram.clear' ], FORGET_PRIORITY, () => this.forget());
  }

  /** Service and send tasks can become Catalyst tasks. */
  canBeCatalystTask(element: TaskElement): boolean {
    return canBeCatalystElement(element);
  }

  /** External task on topic `catalyst`, whatever its properties say. */
  isCatalystTask(element: TaskElement): boolean {
    return isCatalystElement(element);
  }

  /**
   * All extension properties of the task, `catalyst.*` and any other, name → value.
   * Frozen: the same object goes to every caller of one rendering (copy it to change it).
   */
  getProperties(element: TaskElement): TaskProperties {
    const businessObject = getBusinessObject(element);
    let properties = this.read.get(businessObject);

    if (!properties) {
      properties = Object.freeze(readExtensionProperties(businessObject));
      this.read.set(businessObject, properties);
      this.forgetSoon();
    }

    return properties as TaskProperties;
  }

  /** One property's value, `undefined` when the task does not have it. */
  getProperty(element: TaskElement, name: string): string | undefined {
    return this.getProperties(element)[name];
  }

  /**
   * Writes properties in one undo step; `undefined` removes one. Does nothing (and adds
   * no empty undo step) when every value is already as asked.
   *
   * @returns whether the diagram changed
   */
  setProperties(element: TaskElement, properties: PropertyChanges): boolean {
    return this.update(element, { properties });
  }

  /** {@link setProperties} for a single property. */
  setProperty(element: TaskElement, name: string, value: string | undefined): boolean {
    return this.setProperties(element, { [name]: value });
  }

  /**
   * Turns a service or send task into a Catalyst task of `providerId`: external type,
   * topic `catalyst`, and the provider's defaults for every property the task lacks.
   */
  makeCatalystTask(element: TaskElement, providerId: string = providers[0].id): boolean {
    return this.update(element, makeCatalystChanges(this.getProperties(element), providerId));
  }

  /**
   * The replace menu's `Catalyst – <provider>`: any task becomes a Catalyst task of
   * `providerId` in one undo step. A task of another type is replaced by a service task
   * first; a Catalyst task switches provider.
   *
   * @returns the task afterwards (a new element when its type changed)
   */
  replaceWithCatalystTask(element: TaskElement & { id: string }, providerId: string): TaskElement {
    const context: ReplaceWithCatalystTaskContext = { element, providerId };

    this.commandStack.execute(REPLACE_WITH_CATALYST_TASK, context);

    return context.newElement ?? element;
  }

  /**
   * A new service task shape, not yet on the canvas, that is a Catalyst task of
   * `providerId` with its defaults: what the append menu places in one step.
   */
  createCatalystShape(providerId: string): TaskElement {
    const factory = this.bpmnFactory;
    const values = Object.entries(newTaskProperties(providerId))
      .map(([ name, value ]) => factory.create('camunda:Property', { name, value }));
    const container = factory.create('camunda:Properties', { values });
    const extensionElements = factory.create('bpmn:ExtensionElements', { values: [ container ] });
    const businessObject = factory.create(CATALYST_ELEMENT_TYPE, { ...CATALYST_ATTRIBUTES, extensionElements });

    values.forEach(value => value.$parent = container);
    container.$parent = extensionElements;
    extensionElements.$parent = businessObject;

    return this.elementFactory.createShape({ type: CATALYST_ELEMENT_TYPE, businessObject });
  }

  /**
   * Switches provider in one undo step, as the runtime's `switchProviderProperties`
   * decides: the connection follows the new provider, the rest the user wrote stays.
   */
  switchProvider(element: TaskElement, providerId: string): boolean {
    return this.setProperties(element, switchProviderProperties(this.getProperties(element), providerId));
  }

  private forget(): void {
    this.read = new WeakMap();
  }

  private forgetSoon(): void {
    if (!this.forgetScheduled) {
      this.forgetScheduled = true;
      queueMicrotask(() => {
        this.forgetScheduled = false;
        this.forget();
      });
    }
  }

  private update(element: TaskElement, changes: Omit<UpdateCatalystTaskContext, 'element'>): boolean {
    if (!hasChanges(getBusinessObject(element), changes)) {
      return false;
    }

    this.commandStack.execute(UPDATE_CATALYST_TASK, { element, ...changes });

    return true;
  }
}

export type { PropertyChanges };
