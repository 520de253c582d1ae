import { ConfigError } from '../errors';

import { findJsonError } from '../template/parse';

/**
 * Parse a property holding a JSON object of strings (the response and error mappings).
 *
 * @throws ConfigError naming the property, and the line and column of a syntax error.
 */
export function parseStringMap(property: string, text: string): Record<string, string> {
  let value: unknown;

  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(property, `is not valid JSON (${describeSyntaxError(text, error)})`);
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(property, `must be a JSON object like {"name": "value"}, not ${describeJsonType(value)}`);
  }

  const map: Record<string, string> = {};

  for (const [ key, entry ] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new ConfigError(property, `the value of "${key}" must be a string, not ${describeJsonType(entry)}`);
    }

    map[key] = entry;
  }

  return map;
}

function describeJsonType(value: unknown): string {
  if (value === null) {
    return 'null';
  }

  if (Array.isArray(value)) {
    return 'an array';
  }

  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function describeSyntaxError(text: string, error: unknown): string {
  const found = findJsonError(text);

  if (!found) {
    return error instanceof Error ? error.message : String(error);
  }

  return `${found.reason} at line ${found.line}, column ${found.column}`;
}
