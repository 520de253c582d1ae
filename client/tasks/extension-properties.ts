import type { TaskProperties } from '../../runtime/types';

/**
 * A moddle element as bpmn-js hands it out. Typed loosely on purpose: bpmn-moddle
 * has no static types for camunda:* extensions.
 */
export type ModdleElement = {
  $type: string;
  $parent?: ModdleElement;
  $instanceOf(type: string): boolean;
  get(name: string): any;
  [key: string]: any;
};

/** Shape elements carry their semantic element as `businessObject`. */
export function getBusinessObject(element: { businessObject?: ModdleElement } | ModdleElement): ModdleElement {
  return (element as { businessObject?: ModdleElement }).businessObject || element as ModdleElement;
}

/** Every `camunda:Properties` container of a task, in document order. */
export function getPropertiesContainers(businessObject: ModdleElement): ModdleElement[] {
  const extensionElements = businessObject.get('extensionElements') as ModdleElement | undefined;

  if (!extensionElements) {
    return [];
  }

  return (extensionElements.get('values') as ModdleElement[])
    .filter(value => value.$instanceOf('camunda:Properties'));
}

/** Every `camunda:Property` of a task, across all its containers. */
export function getPropertyElements(businessObject: ModdleElement): ModdleElement[] {
  return getPropertiesContainers(businessObject)
    .flatMap(container => container.get('values') as ModdleElement[]);
}

/**
 * The task's extension properties, name → value. The first occurrence of a name wins,
 * as in the runtime's BPMN reader, so the panel shows what the worker would use.
 */
export function readExtensionProperties(businessObject: ModdleElement): TaskProperties {
  const properties: TaskProperties = {};

  for (const property of getPropertyElements(businessObject)) {
    const name = property.get('name') as string | undefined;

    if (name && !(name in properties)) {
      properties[name] = property.get('value') ?? '';
    }
  }

  return properties;
}

/** The first `camunda:Property` named `name`, the one {@link readExtensionProperties} reports. */
export function findPropertyElement(businessObject: ModdleElement, name: string): ModdleElement | undefined {
  return getPropertyElements(businessObject).find(property => property.get('name') === name);
}
