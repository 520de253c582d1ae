import { getProcessVariables } from '@bpmn-io/extract-process-variables';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

import { DEFAULT_RESPONSE_MAPPING, PROPERTY, isCatalystTask } from '../config';
import { CatalystError } from '../errors';
import { STANDARD_VARIABLES } from '../mapping';
import type { TaskProperties } from '../types';

import { camundaDescriptor } from './camunda-descriptor';
import { describeImportError } from './import-error';

/** A Catalyst task found in a diagram. */
export interface CatalystTask {
  id: string;
  name: string;

  /** `bpmn:ServiceTask` or `bpmn:SendTask`. */
  type: string;

  /** Id of the process the task belongs to. */
  processId: string;

  /** Every `camunda:property` of the task, name → value (unknown ones included). */
  properties: TaskProperties;

  /** Variables set before this task runs: form fields, outputs, earlier Catalyst mappings. */
  knownVariables: string[];
}

/** Something odd in a diagram that does not stop reading it. */
interface BpmnWarning {
  elementId: string | null;
  code: string;
  message: string;
}

export interface CatalystDiagram {
  tasks: CatalystTask[];

  /** Every variable the diagram sets anywhere. */
  knownVariables: string[];
  warnings: BpmnWarning[];
}

const CATALYST_TASK_TYPES = new Set([ 'bpmn:ServiceTask', 'bpmn:SendTask' ]);

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

  const processes = (definitions.get('rootElements') as ModdleElement[]).filter(element => element.$type === 'bpmn:Process');
  const tasks: CatalystTask[] = [];
  const everywhere = new Set<string>();

  for (const process of processes) {
    tasks.push(...await readProcess(process, warnings, everywhere));
  }

  return { tasks, knownVariables: [ ...everywhere ].sort(), warnings };
}

async function readProcess(process: ModdleElement, warnings: BpmnWarning[], everywhere: Set<string>): Promise<CatalystTask[]> {
  const elements = allFlowElements(process);
  const processVariables = await getProcessVariables(process, [ extractCamundaExtras ]) as ExtractedVariable[];
  const predecessors = predecessorMap(elements);
  const found: Array<{ element: ModdleElement; properties: TaskProperties }> = [];

  for (const element of elements) {
    const properties = readProperties(element, warnings);
    const catalyst = CATALYST_TASK_TYPES.has(element.$type) && isCatalystTask({ type: element.get('camunda:type'), topic: element.get('camunda:topic') });

    if (catalyst) {
      found.push({ element, properties });
    } else if (Object.keys(properties).some(name => name.startsWith('catalyst.'))) {
      warnings.push({
        elementId: element.id ?? null,
        code: 'bpmn/not-catalyst-task',
        message: `${element.id} has catalyst.* properties but is not a service or send task with camunda:type="external" and camunda:topic="catalyst"; no worker will run it`
      });
    }
  }

  const catalystIds = new Set(found.map(each => each.element.id));
  const mappedBy = new Map(found.map(({ element, properties }) => [ element.id, mappedVariables(properties) ]));

  for (const variable of processVariables) {
    everywhere.add(variable.name);
  }

  for (const element of elements) {
    inputNames(element).forEach(name => everywhere.add(name));
  }

  for (const names of mappedBy.values()) {
    names.forEach(name => everywhere.add(name));
  }

  if (found.length) {
    STANDARD_VARIABLES.forEach(name => everywhere.add(name));
  }

  return found.map(({ element, properties }) => {
    const earlier = upstreamOf(element, predecessors);
    const known = new Set(inputNames(element));

    for (const variable of processVariables) {
      if (variable.origin.some(origin => earlier.has(origin))) {
        known.add(variable.name);
      }
    }

    for (const previous of earlier) {
      if (catalystIds.has(previous.id)) {
        mappedBy.get(previous.id)!.forEach(name => known.add(name));
        STANDARD_VARIABLES.forEach(name => known.add(name));
      }
    }

    return {
      id: element.id!,
      name: element.name ?? '',
      type: element.$type,
      processId: process.id!,
      properties,
      knownVariables: [ ...known ].sort()
    };
  });
}

function allFlowElements(container: ModdleElement): ModdleElement[] {
  const result: ModdleElement[] = [];

  for (const element of (container.get('flowElements') ?? []) as ModdleElement[]) {
    result.push(element);

    if (element.get('flowElements')?.length) {
      result.push(...allFlowElements(element));
    }
  }

  return result;
}

// What can run directly before each element: sources of incoming sequence flows, the task a
// boundary event sits on, and the sub-process around an element that starts it.
function predecessorMap(elements: ModdleElement[]): Map<ModdleElement, ModdleElement[]> {
  const map = new Map<ModdleElement, ModdleElement[]>();
  const add = (target: ModdleElement | undefined, source: ModdleElement | undefined) => {
    if (target && source) {
      map.set(target, [ ...(map.get(target) ?? []), source ]);
    }
  };

  for (const element of elements) {
    if (element.$type === 'bpmn:SequenceFlow') {
      add(element.targetRef, element.sourceRef);
    }

    if (element.$type === 'bpmn:BoundaryEvent') {
      add(element, element.attachedToRef);
    }
  }

  for (const element of elements) {
    if (!map.has(element) && element.$parent?.$type === 'bpmn:SubProcess') {
      add(element, element.$parent);
    }
  }

  return map;
}

function upstreamOf(element: ModdleElement, predecessors: Map<ModdleElement, ModdleElement[]>): Set<ModdleElement> {
  const seen = new Set<ModdleElement>();
  const queue = [ ...(predecessors.get(element) ?? []) ];

  while (queue.length) {
    const next = queue.pop()!;

    if (!seen.has(next)) {
      seen.add(next);
      queue.push(...(predecessors.get(next) ?? []));
    }
  }

  return seen;
}

function extensionValues(element: ModdleElement, type: string): ModdleElement[] {
  const values = (element.get('extensionElements')?.get('values') ?? []) as ModdleElement[];

  return values.filter(value => value.$type === type);
}

function readProperties(element: ModdleElement, warnings: BpmnWarning[]): TaskProperties {
  const properties: TaskProperties = {};

  for (const container of extensionValues(element, 'camunda:Properties')) {
    for (const property of (container.get('values') ?? []) as ModdleElement[]) {
      const name = property.get('name') as string | undefined;

      if (!name) {
        continue;
      }

      if (name in properties && name.startsWith('catalyst.')) {
        warnings.push({ elementId: element.id ?? null, code: 'bpmn/duplicate-property', message: `${element.id} sets ${name} more than once; the last value is used` });
      }

      properties[name] = (property.get('value') as string | undefined) ?? '';
    }
  }

  return properties;
}

// Input parameters are local variables of the element they belong to.
function inputNames(element: ModdleElement): string[] {
  return extensionValues(element, 'camunda:InputOutput')
    .flatMap(io => (io.get('inputParameters') ?? []) as ModdleElement[])
    .map(parameter => parameter.get('name') as string)
    .filter(Boolean);
}

interface ExtractedVariable { name: string; origin: ModdleElement[]; scope: ModdleElement }

/**
 * Variables the library's extractors miss: a start event's `camunda:initiator` and the
 * output parameters of a `camunda:connector` (the http-connector's result).
 */
function extractCamundaExtras(options: { elements: ModdleElement[]; containerElement: ModdleElement; processVariables: ExtractedVariable[] }): void {
  const add = (name: string | undefined, element: ModdleElement) => {
    if (name) {
      options.processVariables.push({ name, origin: [ element ], scope: options.containerElement });
    }
  };

  for (const element of options.elements) {
    if (element.$type === 'bpmn:StartEvent') {
      add(element.get('camunda:initiator'), element);
    }

    for (const connector of extensionValues(element, 'camunda:Connector')) {
      const outputs = (connector.get('inputOutput')?.get('outputParameters') ?? []) as ModdleElement[];
      outputs.forEach(output => add(output.get('name'), element));
    }
  }
}

function mappedVariables(properties: TaskProperties): string[] {
  const text = properties[PROPERTY.responseMapping];

  if (text === undefined) {
    return Object.keys(DEFAULT_RESPONSE_MAPPING);
  }

  try {
    const mapping = JSON.parse(text);

    return mapping && typeof mapping === 'object' && !Array.isArray(mapping) ? Object.keys(mapping) : [];
  } catch {
    return [];
  }
}
