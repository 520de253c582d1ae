import { checkTaskConfig } from '../../runtime/config';
import type { TaskProperties } from '../../runtime/types';

import { perProperties } from './derived';

let last: { key: string; problems: ReturnType<typeof checkTaskConfig> } | undefined;

/**
 * What the runtime would reject about `property` in these properties, or `undefined`.
 * The panel asks the runtime rather than repeating its rules, so the panel, the
 * command line and the worker never disagree about what is valid.
 */
export function propertyProblem(properties: TaskProperties, property: string): string | undefined {
  return checkedTask(properties).find(problem => problem.property === property)?.message;
}

// Every field of a task validates the same stored properties in one render: check them
// once (by identity, else by content: a field validating typed input copies them).
const checkedTask = perProperties(properties => checkedText(properties));

function checkedText(properties: TaskProperties): ReturnType<typeof checkTaskConfig> {
  const key = JSON.stringify(properties);

  if (last?.key !== key) {
    last = { key, problems: checkTaskConfig(properties) };
  }

  return last.problems;
}
