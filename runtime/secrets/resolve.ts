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
): Promise<{ value: string | null }> {
  if (config.authType === 'none') {
    return { value: null };
  }

  // Where the key lives is worked out only to say so in an error: every call comes through here.
  const value = config.secretSource === 'variable'
    ? readVariableSecret(config, variables, store)
    : await store.read(config.secretSource, config.secretName);

  if (value === undefined) {
    throw new SecretError(missingMessage(describeSecret(config, store)));
  }

  if (!value.trim()) {
    throw new SecretError(`${describeSecret(config, store).description} is empty`);
  }

  return { value: value.trim() };
}

function readVariableSecret(config: SecretConfig, variables: Record<string, unknown>, store: SecretStore): string | undefined {
  const variable = secretVariableName(config.secretName);

  if (!variable) {
    return config.secretName;
  }

  const value = variables[variable];

  if (value === undefined || value === null) {
    return undefined;
  }

  if (typeof value !== 'string') {
    throw new SecretError(`${describeSecret(config, store).description} must hold a string, not a ${typeof value}`);
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
