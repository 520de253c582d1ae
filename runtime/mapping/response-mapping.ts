/**
 * Response mapping (design §5.3): each process variable takes the value found at its
 * path in the response. A path that finds nothing sets the variable to null and says so.
 */

import { messageOf } from '../errors';
import { resolvePath } from './path';

export interface ResponseMappingResult {

  /** Every mapped variable, `null` where its path found nothing. */
  variables: Record<string, unknown>;

  /** One line per variable that got `null` because its path found nothing or is invalid. */
  warnings: string[];
}

/**
 * Applies `mapping` (variable → path) to a parsed response body.
 *
 * Never throws: an invalid path becomes a warning like a path that matches nothing,
 * so one bad entry does not cost the other variables.
 */
export function applyResponseMapping(json: unknown, mapping: Readonly<Record<string, string>>): ResponseMappingResult {
  const variables: Record<string, unknown> = {};
  const warnings: string[] = [];

  for (const variable in mapping) {
    if (!Object.hasOwn(mapping, variable)) {
      continue;
    }

    const path = mapping[variable];

    try {
      const resolution = resolvePath(json, path);

      variables[variable] = resolution.found ? resolution.value : null;

      if (!resolution.found) {
        warnings.push(`response mapping: variable ${variable} set to null, path \`${path}\` matched nothing in the response`);
      }
    } catch (error) {
      variables[variable] = null;
      warnings.push(`response mapping: variable ${variable} set to null, ${messageOf(error)}`);
    }
  }

  return { variables, warnings };
}
