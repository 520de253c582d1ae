import { newTaskProperties, PROPERTY, switchProviderProperties } from '../../runtime/config';
import type { TaskProperties } from '../../runtime/types';

import type { PropertyChanges, UpdateCatalystTaskContext } from './UpdateCatalystTaskHandler';
import type { ModdleElement } from './extension-properties';

/** Implementation attributes a Catalyst (external) task must not keep. */
const OTHER_IMPLEMENTATIONS = [
  'camunda:class',
  'camunda:expression',
  'camunda:delegateExpression',
  'camunda:resultVariable'
] as const;

/** What makes a task an external task the Catalyst worker fetches (design §2). */
export const CATALYST_ATTRIBUTES = {
  'camunda:type': 'external',
  'camunda:topic': 'catalyst'
} as const;

/**
 * The one change that turns a service or send task into a Catalyst task of `providerId`:
 * external type, topic `catalyst`, no other implementation, and the provider's defaults
 * for every property the task lacks (what the user already wrote stays).
 */
export function makeCatalystChanges(existing: TaskProperties, providerId: string): Omit<UpdateCatalystTaskContext, 'element'> {
  const properties: PropertyChanges = Object.fromEntries(
    Object.entries(newTaskProperties(providerId)).filter(([ name ]) => !(name in existing))
  );

  return {
    attributes: {
      ...Object.fromEntries(OTHER_IMPLEMENTATIONS.map(name => [ name, undefined ])),
      ...CATALYST_ATTRIBUTES
    },
    properties
  };
}

/**
 * {@link makeCatalystChanges} for a chosen provider: a task that already names another
 * provider (a Catalyst task, or one that lost its topic) switches to `providerId` the way
 * the panel's provider choice does, instead of keeping the old one.
 */
export function replaceWithCatalystChanges(existing: TaskProperties, providerId: string): Omit<UpdateCatalystTaskContext, 'element'> {
  const made = makeCatalystChanges(existing, providerId);
  const merged = { ...existing, ...made.properties } as TaskProperties;

  if (merged[PROPERTY.provider] === providerId) {
    return made;
  }

  return { ...made, properties: { ...made.properties, ...switchProviderProperties(merged, providerId) } };
}

/** What each implementation attribute is called in words. */
const IMPLEMENTATION_LABELS: Record<string, string> = {
  'camunda:class': 'Java class',
  'camunda:expression': 'expression',
  'camunda:delegateExpression': 'delegate expression',
  'camunda:topic': 'external task topic'
};

export interface ReplacedImplementation {
  attribute: string;

  /** In words: `Java class`, `expression`, `delegate expression`, `external task topic`. */
  label: string;
  value: string;
}

/**
 * The implementation a task has that becoming a Catalyst task replaces, e.g.
 * `{ attribute: 'camunda:expression', label: 'expression', value: '${bean.run()}' }`;
 * `undefined` when none. The panel and the replace menu name it, so that the change is
 * not a silent one.
 */
export function replacedImplementation(businessObject: ModdleElement): ReplacedImplementation | undefined {
  for (const attribute of OTHER_IMPLEMENTATIONS.slice(0, 3)) {
    const value = businessObject.get(attribute);

    if (typeof value === 'string' && value) {
      return { attribute, label: IMPLEMENTATION_LABELS[attribute], value };
    }
  }

  const topic = businessObject.get('camunda:topic');

  if (businessObject.get('camunda:type') === 'external' && topic && topic !== CATALYST_ATTRIBUTES['camunda:topic']) {
    return { attribute: 'camunda:topic', label: IMPLEMENTATION_LABELS['camunda:topic'], value: topic };
  }

  return undefined;
}
