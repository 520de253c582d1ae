import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

import { CatalystError } from '../errors';

import { camundaDescriptor } from './camunda-descriptor';
import { describeImportError } from './import-error';
import { catalystTasksOf, type BpmnWarning, type CatalystDiagram } from './tasks';

export type { CatalystDiagram, CatalystTask } from './tasks';

/**
 * Read the Catalyst tasks of a Camunda 7 diagram and the variables known at each of them.
 *
 * @throws CatalystError `BPMN_UNREADABLE` naming the problem (and line and column) when the
 *   text is not a BPMN diagram.
 */
export async function readCatalystTasks(xml: string): Promise<CatalystDiagram> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  let definitions: ModdleElement;
  const warnings: BpmnWarning[] = [];

  try {
    const result = await moddle.fromXML(xml);
    definitions = result.rootElement;

    for (const warning of result.warnings) {
      warnings.push({ elementId: warning.element?.id ?? null, code: 'bpmn/import', message: describeImportError(warning.message) });
    }
  } catch (error) {
    const firstWarning = (error as { warnings?: Array<{ message: string }> }).warnings?.[0]?.message;
    const message = error instanceof Error ? error.message : String(error);

    throw new CatalystError('BPMN_UNREADABLE', `not a readable BPMN diagram: ${describeImportError(firstWarning ?? message)}`, { cause: error });
  }

  return catalystTasksOf(definitions, warnings);
}
