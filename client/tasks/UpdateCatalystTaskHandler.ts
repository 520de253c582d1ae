import {
  findPropertyElement,
  getBusinessObject,
  getPropertiesContainers,
  getPropertyElements,
  type ModdleElement
} from './extension-properties';

/** Command name: one user action on a Catalyst task, one undo step. */
export const UPDATE_CATALYST_TASK = 'catalyst.updateTask';

/** A property value of `undefined` removes the property. */
export type PropertyChanges = Record<string, string | undefined>;

export interface UpdateCatalystTaskContext {
  element: { businessObject: ModdleElement };

  /** Attributes of the task itself, e.g. `camunda:type`. */
  attributes?: Record<string, unknown>;

  /** `camunda:property` values by name. */
  properties?: PropertyChanges;
}

interface CommandStack {
  execute(command: string, context: object): void;
}

interface BpmnFactory {
  create(type: string, attributes?: Record<string, unknown>): ModdleElement;
}

/**
 * Composite command: every change of one user action runs as nested
 * `element.updateModdleProperties` commands in `preExecute`, which the command stack
 * records as a single undoable step. Property elements are edited in place so that
 * unknown properties and every other extension element stay untouched.
 */
export default class UpdateCatalystTaskHandler {
  static $inject = [ 'commandStack', 'bpmnFactory' ];

  constructor(
    private readonly commandStack: CommandStack,
    private readonly bpmnFactory: BpmnFactory
  ) {}

  preExecute(context: UpdateCatalystTaskContext): void {
    const { element, attributes = {}, properties = {} } = context;
    const businessObject = getBusinessObject(element);

    const changedAttributes = Object.fromEntries(
      Object.entries(attributes).filter(([ name, value ]) => businessObject.get(name) !== value)
    );

    if (Object.keys(changedAttributes).length) {
      this.update(element, businessObject, changedAttributes);
    }

    const additions: ModdleElement[] = [];
    const removals = new Set<string>();

    for (const [ name, value ] of Object.entries(properties)) {
      const existing = findPropertyElement(businessObject, name);

      if (value === undefined) {
        if (existing) {
          removals.add(name);
        }
      } else if (!existing) {
        additions.push(this.bpmnFactory.create('camunda:Property', { name, value }));
      } else if (existing.get('value') !== value) {
        this.update(element, existing, { value });
      }
    }

    if (removals.size) {
      this.removeProperties(element, businessObject, removals);
    }

    if (additions.length) {
      this.addProperties(element, businessObject, additions);
    }
  }

  private removeProperties(element: object, businessObject: ModdleElement, names: Set<string>) {
    for (const container of getPropertiesContainers(businessObject)) {
      const values = container.get('values') as ModdleElement[];
      const kept = values.filter(property => !names.has(property.get('name')));

      if (kept.length !== values.length) {
        this.update(element, container, { values: kept });
      }
    }
  }

  private addProperties(element: object, businessObject: ModdleElement, additions: ModdleElement[]) {
    const [ container ] = getPropertiesContainers(businessObject);

    if (container) {
      additions.forEach(property => property.$parent = container);
      this.update(element, container, { values: [ ...container.get('values'), ...additions ] });

      return;
    }

    const newContainer = this.bpmnFactory.create('camunda:Properties', { values: additions });
    additions.forEach(property => property.$parent = newContainer);

    const extensionElements = businessObject.get('extensionElements') as ModdleElement | undefined;

    if (extensionElements) {
      newContainer.$parent = extensionElements;
      this.update(element, extensionElements, { values: [ ...extensionElements.get('values'), newContainer ] });

      return;
    }

    const newExtensionElements = this.bpmnFactory.create('bpmn:ExtensionElements', { values: [ newContainer ] });
    newContainer.$parent = newExtensionElements;
    newExtensionElements.$parent = businessObject;

    this.update(element, businessObject, { extensionElements: newExtensionElements });
  }

  private update(element: object, moddleElement: ModdleElement, properties: Record<string, unknown>) {
    this.commandStack.execute('element.updateModdleProperties', { element, moddleElement, properties });
  }
}

/** Whether the task already has a property element for every name (used to skip no-op commands). */
export function hasChanges(businessObject: ModdleElement, context: Omit<UpdateCatalystTaskContext, 'element'>): boolean {
  const { attributes = {}, properties = {} } = context;

  if (Object.entries(attributes).some(([ name, value ]) => businessObject.get(name) !== value)) {
    return true;
  }

  const elements = getPropertyElements(businessObject);

  return Object.entries(properties).some(([ name, value ]) => {
    const existing = elements.find(property => property.get('name') === name);

    return value === undefined ? !!existing : existing?.get('value') !== value;
  });
}
