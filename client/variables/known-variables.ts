import { getProcessVariables } from '@bpmn-io/extract-process-variables';

import { STANDARD_VARIABLES } from '../../runtime/mapping';
import { PROPERTY } from '../../runtime/config';
import type { VariableOption } from '../editor';
import { isCatalystElement, readExtensionProperties, type ModdleElement } from '../tasks';

interface ProcessVariable {
  name: string;
  origin: ModdleElement[];
}

type Extractor = (options: { elements: ModdleElement[]; processVariables: ProcessVariable[] }) => void;

/**
 * Variables a Catalyst task's payload may use: what the diagram writes
 * (@bpmn-io/extract-process-variables: form fields, output parameters, result
 * variables, ...), what other Catalyst tasks map from their responses, and the task's
 * own input parameters. Sorted by name, each once.
 */
export async function collectKnownVariables(task: ModdleElement): Promise<VariableOption[]> {
  const process = findProcess(task);
  const options = new Map<string, VariableOption>();

  if (process) {
    const variables = await getProcessVariables(process, [ catalystOutputs ]) as ProcessVariable[];

    for (const variable of variables) {
      const origins = variable.origin.filter(origin => origin !== task);

      if (origins.length) {
        options.set(variable.name, { name: variable.name, detail: origins.map(describe).join(', ') });
      }
    }
  }

  for (const name of inputParameterNames(task)) {
    options.set(name, { name, detail: 'input of this task' });
  }

  return [ ...options.values() ].sort((a, b) => a.name.localeCompare(b.name));
}

/** Catalyst tasks set their mapped variables and the four standard ones (design §5). */
const catalystOutputs: Extractor = ({ elements, processVariables }) => {
  for (const element of elements) {
    if (!isCatalystElement(element)) {
      continue;
    }

    const names = [ ...STANDARD_VARIABLES, ...mappedVariables(element) ];

    for (const name of names) {
      const known = processVariables.find(variable => variable.name === name);

      if (known) {
        known.origin.push(element);
      } else {
        processVariables.push({ name, origin: [ element ] });
      }
    }
  }
};

function mappedVariables(element: ModdleElement): string[] {
  const text = readExtensionProperties(element)[PROPERTY.responseMapping];

  try {
    const mapping = JSON.parse(text ?? '{}');

    return mapping && typeof mapping === 'object' && !Array.isArray(mapping) ? Object.keys(mapping) : [];
  } catch {

    // an invalid mapping is reported on its own entry; it just adds no variables here
    return [];
  }
}

function inputParameterNames(task: ModdleElement): string[] {
  const values = (task.get('extensionElements')?.get('values') ?? []) as ModdleElement[];

  return values
    .filter(value => value.$instanceOf('camunda:InputOutput'))
    .flatMap(inputOutput => (inputOutput.get('inputParameters') ?? []) as ModdleElement[])
    .map(parameter => parameter.get('name') as string)
    .filter(Boolean);
}

function findProcess(element: ModdleElement): ModdleElement | undefined {
  let current: ModdleElement | undefined = element;

  while (current && !current.$instanceOf('bpmn:Process')) {
    current = current.$parent;
  }

  return current;
}

function describe(element: ModdleElement): string {
  return element.get('name') || element.get('id');
}
