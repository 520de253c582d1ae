import { findJsonError } from '../runtime/template';

import { stringOption, stringOptions, type OptionSpec, type ParsedArgs } from './args';
import { UsageError } from './errors';
import { readUserFile } from './files';

/**
 * The options {@link loadVariables} reads: `--vars file.json` (a JSON object of variables),
 * `--var name=value` (string values), `--var-json name=<json>` (JSON values).
 */
export const VARIABLE_OPTIONS = {
  vars: { type: 'string' },
  var: { type: 'string', multiple: true },
  'var-json': { type: 'string', multiple: true }
} satisfies OptionSpec;

const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * The process variables for a call: the `--vars` file first, then `--var`, then
 * `--var-json`, later ones replacing earlier ones of the same name.
 *
 * @throws UsageError naming the argument or file that is wrong.
 */
export async function loadVariables(args: ParsedArgs, cwd: string): Promise<Record<string, unknown>> {
  const variables: Record<string, unknown> = {};
  const file = stringOption(args, 'vars');

  if (file) {
    Object.assign(variables, await readVariablesFile(file, cwd));
  }

  for (const assignment of stringOptions(args, 'var')) {
    const { name, value } = splitAssignment('--var', assignment);
    variables[name] = value;
  }

  for (const assignment of stringOptions(args, 'var-json')) {
    const { name, value } = splitAssignment('--var-json', assignment);
    variables[name] = parseJson(value, `--var-json ${name}`);
  }

  return variables;
}

async function readVariablesFile(file: string, cwd: string): Promise<Record<string, unknown>> {
  const text = await readUserFile(file, cwd);
  const value = parseJson(text, file);

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${file} must hold a JSON object of variables, like {"userMessage": "Hello"}`);
  }

  return value as Record<string, unknown>;
}

function splitAssignment(option: string, assignment: string): { name: string; value: string } {
  const index = assignment.indexOf('=');
  const name = index < 0 ? assignment : assignment.slice(0, index);

  if (index < 0 || !NAME.test(name)) {
    throw new UsageError(`${option} "${assignment}" must look like name=value, with a variable name of letters, digits and _`);
  }

  return { name, value: assignment.slice(index + 1) };
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const found = findJsonError(text);
    const detail = found ? `${found.reason} at line ${found.line}, column ${found.column}` : 'invalid JSON';

    throw new UsageError(`${where} is not valid JSON: ${detail}`);
  }
}
