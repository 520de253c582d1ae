import { secretVariableName } from '../config';
import { SecretError } from '../errors';
import type { SecretLocation, SecretStore, TaskConfig } from '../types';

type SecretConfig = Pick<TaskConfig, 'authType' | 'secretSource' | 'secretName'>;

/**
 * Where the task's key comes from, for people: never the value itself.
 */
export function describeSecret(config: Pick<TaskConfig, 'secretSource' | 'secretName'>, store: SecretStore): SecretLocation {
  const { secretSource: source, secretName: name } = config;

  if (source !== 'variable') {
    return store.locate(source, name);
  }

  const variable = secretVariableName(name);

  return {
    source,
    name,
    description: variable ? `process variable ${variable}` : 'literal value in the BPMN (development only)'
  };
}

/**
 * The task's key. `value` is `null` when the task sends no key (`authType` `none`).
 *
 * @throws SecretError saying where it looked when the key is missing or empty.
 */
export async function resolveSecret(
    config: SecretConfig,
    store: SecretStore,
    variables: Record<string, unknown>
): Promise<{ value: string | null; location: SecretLocation }> {
  const location = describeSecret(config, store);

  if (config.authType === 'none') {
    return { value: null, location };
  }

  const value = config.secretSource === 'variable'
    ? readVariableSecret(config.secretName, variables, location)
    : await store.read(config.secretSource, config.secretName);

  if (value === undefined) {
    throw new SecretError(missingMessage(location));
  }

  if (!value.trim()) {
    throw new SecretError(`${location.description} is empty`);
  }

  return { value: value.trim(), location };
}

function readVariableSecret(name: string, variables: Record<string, unknown>, location: SecretLocation): string | undefined {
  const variable = secretVariableName(name);

  if (!variable) {
    return name;
  }

  const value = variables[variable];

  if (value === undefined || value === null) {
    return undefined;
  }

  if (typeof value !== 'string') {
    throw new SecretError(`${location.description} must hold a string, not a ${typeof value}`);
  }

  return value;
}

function missingMessage(location: SecretLocation): string {
  switch (location.source) {
  case 'env':
  case 'variable':
    return `${location.description} is not set`;
  default:
    return `${location.description} not found`;
  }
}
