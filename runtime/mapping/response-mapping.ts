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

  /** Variables whose path goes into JSON text (`#`) that does not parse: the answer is invalid. */
  undecodable: UndecodablePath[];
}

export interface UndecodablePath {
  variable: string;

  /** The path up to the text that should have been JSON, e.g. `choices[0].message.content`. */
  at: string;
  message: string;
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
  const undecodable: UndecodablePath[] = [];

  for (const variable in mapping) {
    if (!Object.hasOwn(mapping, variable)) {
      continue;
    }

    const path = mapping[variable];

    try {
      const resolution = resolvePath(json, path);

      setVariable(variables, variable, resolution.found ? resolution.value : null);

      if (resolution.undecodable) {
        undecodable.push({ variable, ...resolution.undecodable });
        warnings.push(`response mapping: variable ${variable} set to null, \`${resolution.undecodable.at}\` cannot be read as JSON: ${resolution.undecodable.message}`);
      } else if (!resolution.found) {
        warnings.push(`response mapping: variable ${variable} set to null, path \`${path}\` matched nothing in the response`);
      }
    } catch (error) {
      setVariable(variables, variable, null);
      warnings.push(`response mapping: variable ${variable} set to null, ${messageOf(error)}`);
    }
  }

  return { variables, warnings, undecodable };
}

/**
 * Assigning `__proto__` would swap the object's prototype rather than add a variable, and the
 * executor writes into this object without copying it; such a mapping sets nothing (as when
 * the executor copied the variables, which dropped it).
 */
function setVariable(variables: Record<string, unknown>, name: string, value: unknown): void {
  if (name !== '__proto__') {
    variables[name] = value;
  }
}
