import { findJsonError } from '../runtime/template';

import { UsageError } from './errors';
import { readUserFile } from './files';

export interface VariableSources {

  /** `--vars file.json`: a JSON object of variables. */
  file?: string;

  /** `--var name=value`: string values. */
  strings: string[];

  /** `--var-json name=<json>`: JSON values. */
  json: string[];
}

const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * The process variables for a call: the `--vars` file first, then `--var`, then
 * `--var-json`, later ones replacing earlier ones of the same name.
 *
 * @throws UsageError naming the argument or file that is wrong.
 */
export async function loadVariables(sources: VariableSources, cwd: string): Promise<Record<string, unknown>> {
  const variables: Record<string, unknown> = {};

  if (sources.file) {
    Object.assign(variables, await readVariablesFile(sources.file, cwd));
  }

  for (const assignment of sources.strings) {
    const { name, value } = splitAssignment('--var', assignment);
    variables[name] = value;
  }

  for (const assignment of sources.json) {
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
