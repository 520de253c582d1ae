import { providers } from '../../runtime/catalog';
import { newTaskProperties, switchProviderProperties } from '../../runtime/config';
import type { TaskProperties } from '../../runtime/types';

import { canBeCatalystElement, isCatalystElement } from './catalyst-element';
import { getBusinessObject, readExtensionProperties, type ModdleElement } from './extension-properties';
import UpdateCatalystTaskHandler, {
  hasChanges,
  UPDATE_CATALYST_TASK,
  type PropertyChanges,
  type UpdateCatalystTaskContext
} from './UpdateCatalystTaskHandler';

type TaskElement = UpdateCatalystTaskContext['element'];

interface CommandStack {
  registerHandler(command: string, handler: unknown): void;
  execute(command: string, context: object): void;
}

/** Implementation attributes a Catalyst (external) task must not keep. */
const OTHER_IMPLEMENTATIONS = {
  'camunda:class': undefined,
  'camunda:expression': undefined,
  'camunda:delegateExpression': undefined,
  'camunda:resultVariable': undefined
};

/**
 * Reads and writes a task's `catalyst.*` properties (design §2). Every write is one
 * command on the command stack, so one user action is one undo step and the panel,
 * the diagram and the exported XML stay in step.
 */
export default class CatalystTasks {
  static $inject = [ 'commandStack' ];

  constructor(private readonly commandStack: CommandStack) {
    commandStack.registerHandler(UPDATE_CATALYST_TASK, UpdateCatalystTaskHandler);
  }

  /** Service and send tasks can become Catalyst tasks. */
  canBeCatalystTask(element: TaskElement): boolean {
    return canBeCatalystElement(element);
  }

  /** External task on topic `catalyst`, whatever its properties say. */
  isCatalystTask(element: TaskElement): boolean {
    return isCatalystElement(element);
  }

  /** All extension properties of the task, `catalyst.*` and any other, name → value. */
  getProperties(element: TaskElement): TaskProperties {
    return readExtensionProperties(getBusinessObject(element));
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
    const existing = this.getProperties(element);
    const defaults = Object.fromEntries(
      Object.entries(newTaskProperties(providerId)).filter(([ name ]) => !(name in existing))
    );

    return this.update(element, {
      attributes: {
        ...OTHER_IMPLEMENTATIONS,
        'camunda:type': 'external',
        'camunda:topic': 'catalyst'
      },
      properties: defaults
    });
  }

  /**
   * Switches provider in one undo step, as the runtime's `switchProviderProperties`
   * decides: the connection follows the new provider, the rest the user wrote stays.
   */
  switchProvider(element: TaskElement, providerId: string): boolean {
    return this.setProperties(element, switchProviderProperties(this.getProperties(element), providerId));
  }

  private update(element: TaskElement, changes: Omit<UpdateCatalystTaskContext, 'element'>): boolean {
    if (!hasChanges(getBusinessObject(element), changes)) {
      return false;
    }

    this.commandStack.execute(UPDATE_CATALYST_TASK, { element, ...changes });

    return true;
  }
}

export type { ModdleElement, PropertyChanges };
