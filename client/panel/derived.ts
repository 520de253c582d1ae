import { resolveTaskConfig } from '../../runtime/config';
import { readPayloadFormat } from '../../runtime/structured/format';
import { getPayloadModel } from '../../runtime/template';
import type { TaskProperties } from '../../runtime/types';

/**
 * `compute` once per properties object. `CatalystTasks.getProperties` hands every entry
 * of one rendering the same frozen object, so the entries share one result; the next
 * rendering reads a new object and computes afresh.
 */
export function perProperties<T>(compute: (properties: TaskProperties) => T): (properties: TaskProperties) => T {
  const results = new WeakMap<TaskProperties, T>();

  return properties => {
    if (!results.has(properties)) {
      results.set(properties, compute(properties));
    }

    return results.get(properties)!;
  };
}

/** `compute` for the last text it was asked about: several entries parse the same payload. */
function forLastText<T>(compute: (text: string) => T): (text: string) => T {
  let last: { text: string; result: T } | undefined;

  return text => {
    if (last?.text !== text) {
      last = { text, result: compute(text) };
    }

    return last.result;
  };
}

/** The properties as text: equal properties, equal key (for memoised validation). */
export const propertiesKey = perProperties(properties => JSON.stringify(properties));

/** `resolveTaskConfig`, shared by the entries of one rendering. */
export const resolvedConfig = perProperties(resolveTaskConfig);

/** `readPayloadFormat` of the payload the entries show (response format, mapping, invalid answer). */
export const payloadFormat = forLastText(readPayloadFormat);

/** `getPayloadModel` of the payload the entries show (model, model id, response format). */
export const payloadModel = forLastText(getPayloadModel);
