import type { TaskProperties } from '../../runtime/types';

import { BridgeRequestError } from './bridge-error';

const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/;

function invalid(field: string, message: string): BridgeRequestError {
  return new BridgeRequestError(400, 'BODY_INVALID', `${field}: ${message}`, { field });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `properties`: the task's extension properties, name → string value. */
export function requireProperties(body: Record<string, unknown>): TaskProperties {
  const properties = body.properties;

  if (!isPlainObject(properties)) {
    throw invalid('properties', 'must be an object of the task\'s extension properties (name → string)');
  }

  for (const [ name, value ] of Object.entries(properties)) {
    if (typeof value !== 'string') {
      throw invalid(`properties.${name}`, `must be a string, not ${typeof value}`);
    }
  }

  return properties as TaskProperties;
}

/** `variables`: process variables for the template, default none. */
export function optionalVariables(body: Record<string, unknown>): Record<string, unknown> {
  const variables = body.variables ?? {};

  if (!isPlainObject(variables)) {
    throw invalid('variables', 'must be an object (variable name → value)');
  }

  return variables;
}

/** `retries`: overrides the task's retries when given. */
export function optionalRetries(body: Record<string, unknown>): number | undefined {
  const retries = body.retries;

  if (retries === undefined || retries === null) {
    return undefined;
  }

  if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0) {
    throw invalid('retries', 'must be a whole number of 0 or more');
  }

  return retries;
}

/** An optional boolean field such as `stream`. */
export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];

  if (value === undefined || value === null) {
    return undefined;
  }

  if (typeof value !== 'boolean') {
    throw invalid(field, 'must be true or false');
  }

  return value;
}

/** An optional string field such as `provider` or `url`. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];

  if (value === undefined || value === null || value === '') {
    return undefined;
  }

  if (typeof value !== 'string') {
    throw invalid(field, 'must be a string');
  }

  return value;
}

/** `callId` chosen by the client, or `undefined` to let the bridge choose. */
export function optionalCallId(body: Record<string, unknown>): string | undefined {
  const callId = optionalString(body, 'callId');

  if (callId !== undefined && !CALL_ID.test(callId)) {
    throw invalid('callId', 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -');
  }

  return callId;
}
