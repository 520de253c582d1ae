import type { VariableOption } from '../editor/completion-source';
import { getBusinessObject, type ModdleElement } from '../tasks';

import { extractProcessVariables, findProcess, variablesForTask, type ProcessVariable } from './known-variables';

interface EventBus {
  on(events: string | string[], callback: () => void): void;
}

/**
 * The variables each task may use, per process, cached until the diagram changes:
 * extracting them walks every element of the process, which in a diagram with
 * thousands of tasks must not happen again on every selection.
 */
export default class KnownVariables {
  static $inject = [ 'eventBus' ];

  private cache = new WeakMap<ModdleElement, Promise<ProcessVariable[]>>();

  constructor(eventBus: EventBus) {
    eventBus.on([ 'commandStack.changed', 'import.done' ], () => {
      this.cache = new WeakMap();
    });
  }

  /** What the task's payload may use: other elements' outputs and its own inputs. */
  async forTask(element: { businessObject?: ModdleElement } | ModdleElement): Promise<VariableOption[]> {
    const task = getBusinessObject(element);
    const process = findProcess(task);

    if (!process) {
      return variablesForTask([], task);
    }

    let variables = this.cache.get(process);

    if (!variables) {
      variables = extractProcessVariables(process);
      this.cache.set(process, variables);
    }

    return variablesForTask(await variables, task);
  }
}
