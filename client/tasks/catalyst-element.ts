import { isCatalystTask } from '../../runtime/config';

import { getBusinessObject, type ModdleElement } from './extension-properties';

type Element = { businessObject?: ModdleElement } | ModdleElement;

/** Service and send tasks can become Catalyst tasks (design §2). */
export function canBeCatalystElement(element: Element): boolean {
  const businessObject = getBusinessObject(element);

  return businessObject.$instanceOf('bpmn:ServiceTask') || businessObject.$instanceOf('bpmn:SendTask');
}

/** A service or send task that is an external task on topic `catalyst`. */
export function isCatalystElement(element: Element): boolean {
  const businessObject = getBusinessObject(element);

  return canBeCatalystElement(businessObject) && isCatalystTask({
    type: businessObject.get('camunda:type'),
    topic: businessObject.get('camunda:topic')
  });
}
