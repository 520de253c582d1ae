import { checkTaskConfig } from '../../runtime/config';
import type { TaskProperties } from '../../runtime/types';

/**
 * What the runtime would reject about `property` in these properties, or `undefined`.
 * The panel asks the runtime rather than repeating its rules, so the panel, the
 * command line and the worker never disagree about what is valid.
 */
export function propertyProblem(properties: TaskProperties, property: string): string | undefined {
  return checkTaskConfig(properties).find(problem => problem.property === property)?.message;
}
