import { getProcessVariables } from '@bpmn-io/extract-process-variables';

import { STANDARD_VARIABLES } from '../../runtime/mapping';
import { PROPERTY } from '../../runtime/config';
import type { VariableOption } from '../editor/completion-source';
import { isCatalystElement, readExtensionProperties, type ModdleElement } from '../tasks';

/** A variable the diagram writes, with the elements that write it. */
export interface ProcessVariable {
  name: string;
  origin: ModdleElement[];
}

type Extractor = (options: { elements: ModdleElement[]; processVariables: ProcessVariable[] }) => void;

/**
 * Every variable a process writes: what @bpmn-io/extract-process-variables finds (form
 * fields, output parameters, result variables, ...) plus what Catalyst tasks set from
 * their responses. The same for every task of the process, so callers may cache it.
 */
export async function extractProcessVariables(process: ModdleElement): Promise<ProcessVariable[]> {
  return await getProcessVariables(process, [ catalystOutputs ]) as ProcessVariable[];
}

/**
 * The variables a task's payload may use: what other elements of its process write and
 * the task's own input parameters. Sorted by name, each once.
 */
export function variablesForTask(variables: readonly ProcessVariable[], task: ModdleElement): VariableOption[] {
  const options = new Map<string, VariableOption>();

  for (const variable of variables) {
    const origins = variable.origin.filter(origin => origin !== task);

    if (origins.length) {
      options.set(variable.name, { name: variable.name, detail: origins.map(describe).join(', ') });
    }
  }

  for (const name of inputParameterNames(task)) {
    options.set(name, { name, detail: 'input of this task' });
  }

  return [ ...options.values() ].sort((a, b) => a.name.localeCompare(b.name));
}

/** The process a flow element belongs to (through sub-processes), if any. */
export function findProcess(element: ModdleElement): ModdleElement | undefined {
  let current: ModdleElement | undefined = element;

  while (current && !current.$instanceOf('bpmn:Process')) {
    current = current.$parent;
  }

  return current;
}

/** Catalyst tasks set their mapped variables and the four standard ones (design §5). */
const catalystOutputs: Extractor = ({ elements, processVariables }) => {
  const byName = new Map(processVariables.map(variable => [ variable.name, variable ]));

  for (const element of elements) {
    if (!isCatalystElement(element)) {
      continue;
    }

    for (const name of [ ...STANDARD_VARIABLES, ...mappedVariables(element) ]) {
      const known = byName.get(name);

      if (known) {
        known.origin.push(element);
      } else {
        const variable = { name, origin: [ element ] };

        byName.set(name, variable);
        processVariables.push(variable);
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

function describe(element: ModdleElement): string {
  return element.get('name') || element.get('id');
}
