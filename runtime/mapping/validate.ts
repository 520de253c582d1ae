/**
 * Checks of the `catalyst.responseMapping` and `catalyst.errorMapping` texts, for the
 * panel and lint: every problem, each naming what is wrong; nothing throws.
 */

import { messageOf } from '../errors';
import { findJsonError } from '../template/parse';

import { parsePath } from './path';
import { isStandardVariable } from './standard-variables';

export interface MappingProblem {
  message: string;

  /** The entry at fault, when the problem belongs to one. */
  key?: string;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ERROR_STATUS = /^[45][0-9][0-9]$/;

function parseObject(text: string, what: string, example: string): { value: Record<string, unknown> } | { problem: MappingProblem } {
  if (text.trim() === '') {
    return { problem: { message: `${what} is empty; write a JSON object like ${example}` } };
  }

  let value: unknown;

  try {
    value = JSON.parse(text);
  } catch (error) {
    const found = findJsonError(text);
    const detail = found ? `${found.reason} at line ${found.line}, column ${found.column}` : messageOf(error);

    return { problem: { message: `${what} is not valid JSON: ${detail}` } };
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

    return { problem: { message: `${what} must be a JSON object like ${example}, not ${kind}` } };
  }

  return { value: value as Record<string, unknown> };
}

/**
 * Checks a response mapping text: a JSON object of process variable name → response
 * path (`{"aiReply": "choices[0].message.content"}`).
 */
export function checkResponseMapping(text: string): MappingProblem[] {
  const parsed = parseObject(text, 'response mapping', '{"aiReply": "choices[0].message.content"}');

  if ('problem' in parsed) {
    return [ parsed.problem ];
  }

  const problems: MappingProblem[] = [];

  for (const [ key, path ] of Object.entries(parsed.value)) {
    if (!VARIABLE_NAME.test(key)) {
      problems.push({ key, message: `response mapping: variable name \`${key}\` must start with a letter or _ and hold only letters, digits and _` });
    } else if (isStandardVariable(key)) {
      problems.push({ key, message: `response mapping: ${key} is a standard variable every call sets; map the value to another name` });
    }

    if (typeof path !== 'string') {
      problems.push({ key, message: `response mapping: the path of ${key} must be a string like "choices[0].message.content", not ${JSON.stringify(path)}` });
      continue;
    }

    try {
      parsePath(path);
    } catch (error) {
      problems.push({ key, message: `response mapping: ${key}: ${messageOf(error)}` });
    }
  }

  return problems;
}

/**
 * Checks an error mapping text: a JSON object of HTTP status (`"400"` to `"599"`) →
 * BPMN error code (non-empty, no spaces), e.g. `{"429": "RATE_LIMITED"}`.
 */
export function checkErrorMapping(text: string): MappingProblem[] {
  const parsed = parseObject(text, 'error mapping', '{"429": "RATE_LIMITED"}');

  if ('problem' in parsed) {
    return [ parsed.problem ];
  }

  const problems: MappingProblem[] = [];

  for (const [ key, code ] of Object.entries(parsed.value)) {
    if (!ERROR_STATUS.test(key)) {
      problems.push({ key, message: `error mapping: \`${key}\` is not an HTTP error status; use a status from 400 to 599 such as "429"` });
    }

    if (typeof code !== 'string') {
      problems.push({ key, message: `error mapping: the BPMN error code for ${key} must be a string like "RATE_LIMITED", not ${JSON.stringify(code)}` });
    } else if (code.trim() === '') {
      problems.push({ key, message: `error mapping: the BPMN error code for ${key} is empty` });
    } else if (/\s/.test(code)) {
      problems.push({ key, message: `error mapping: the BPMN error code for ${key} (\`${code}\`) must not contain spaces` });
    }
  }

  return problems;
}
