import { requireProvider } from '../catalog/providers';
import { chatUrl } from '../catalog/urls';
import { CatalystError, ConfigError } from '../errors';
import { parsePath } from '../mapping';
import { looksLikeKey } from '../secrets/key-like';
import type { AuthType, Provider, SecretSource, TaskConfig, TaskProperties } from '../types';

import { parseIsoDuration } from './duration';
import { parseStringMap } from './json-object';
import { secretVariableName } from './task';
import {
  AUTH_TYPES,
  CONTRACT_VERSION,
  DEFAULT_AUTH,
  DEFAULT_ERROR_MAPPING,
  DEFAULT_RESPONSE_MAPPING,
  DEFAULT_RETRIES,
  DEFAULT_SECRET_SOURCE,
  DEFAULT_TIMEOUT,
  DEFAULT_INVALID_RESPONSE_CODE,
  INVALID_RESPONSE_FAILURE,
  MAX_RETRIES,
  PROPERTY,
  SECRET_SOURCES
} from './properties';

/** One thing wrong with a task's properties. */
export interface ConfigProblem {
  property: string;
  message: string;
}

/**
 * The task's configuration, with the provider's defaults for absent properties.
 *
 * @throws ConfigError naming the first property that holds an unusable value.
 */
export function readTaskConfig(props: TaskProperties): TaskConfig {
  return interpret(props, error => {
    throw error;
  }) as TaskConfig;
}

/** Every problem with a task's properties (empty when readTaskConfig would succeed). */
export function checkTaskConfig(props: TaskProperties): ConfigProblem[] {
  const problems: ConfigProblem[] = [];

  interpret(props, error => {
    problems.push({ property: error.property, message: error.message.slice(error.property.length + 2) });
  });

  return problems;
}

/**
 * What each property of the task resolves to, the provider's defaults for absent ones
 * included; properties that hold an unusable value are left out. The panel shows these
 * defaults beside absent properties, so it shows what the worker would use.
 */
export function resolveTaskConfig(props: TaskProperties): Partial<TaskConfig> {
  return interpret(props, () => undefined);
}

type Report = (error: ConfigError) => void;

// Reads every property in turn; `report` either throws (read) or collects (check), so both
// share one set of rules. Values that could not be read are left out of the result.
function interpret(props: TaskProperties, report: Report): Partial<TaskConfig> {
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (error instanceof ConfigError) {
        report(error);
        return undefined;
      }

      throw error;
    }
  };

  const raw = (key: keyof typeof PROPERTY) => props[PROPERTY[key]];

  const version = attempt(() => readVersion(raw('version')));
  const provider = attempt(() => readProvider(raw('provider')));
  const url = attempt(() => readUrl(raw('url'), provider));
  const authType = attempt(() => readEnum<AuthType>(PROPERTY.authType, raw('authType'), AUTH_TYPES, authDefaults(provider).type));
  const defaults = authDefaults(provider, authType);
  const authHeader = attempt(() => readAuthHeader(raw('authHeader'), authType, defaults.header));
  const authPrefix = attempt(() => readAuthPrefix(raw('authPrefix'), defaults.prefix));
  const secretSource = attempt(() => readEnum<SecretSource>(PROPERTY.secretSource, raw('secretSource'), SECRET_SOURCES, defaults.secretSource));
  const secretName = attempt(() => readSecretName(raw('secretName'), secretSource, authType, provider));
  const payload = attempt(() => readPayload(raw('payload'), provider));
  const responseMapping = attempt(() => readResponseMapping(raw('responseMapping')));
  const errorMapping = attempt(() => readErrorMapping(raw('errorMapping')));
  const timeout = attempt(() => readTimeout(raw('timeout')));
  const retries = attempt(() => readRetries(raw('retries')));
  const invalidResponseCode = attempt(() => readInvalidResponse(raw('invalidResponse')));

  return {
    version,
    provider: provider?.id,
    url,
    authType,
    authHeader,
    authPrefix,
    secretSource,
    secretName,
    payload,
    responseMapping,
    errorMapping,
    timeout: timeout?.text,
    timeoutMs: timeout?.ms,
    retries,
    invalidResponseCode
  };
}

function isAbsent(value: string | undefined): value is undefined {
  return value === undefined;
}

function readVersion(value: string | undefined): 1 {
  if (isAbsent(value) || value.trim() === String(CONTRACT_VERSION)) {
    return CONTRACT_VERSION;
  }

  throw new ConfigError(PROPERTY.version, `version "${value}" is not supported; this runtime reads version ${CONTRACT_VERSION}`);
}

function readProvider(value: string | undefined): Provider {
  return requireProvider((value ?? '').trim());
}

function readUrl(value: string | undefined, provider: Provider | undefined): string | undefined {
  if (isAbsent(value)) {
    return provider && chatUrl(provider);
  }

  const url = value.trim();
  const example = provider ? chatUrl(provider) : 'https://api.groq.com/openai/v1/chat/completions';

  if (!url) {
    throw new ConfigError(PROPERTY.url, `is empty; set the full endpoint URL, e.g. ${example}`);
  }

  let parsed: URL;

  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(PROPERTY.url, `"${url}" is not a valid URL; write the full endpoint URL, e.g. ${example}`);
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(PROPERTY.url, `"${url}" must start with http:// or https://, not ${parsed.protocol}//`);
  }

  return url;
}

function readEnum<T extends string>(property: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (isAbsent(value)) {
    return fallback;
  }

  const trimmed = value.trim();

  if (!(allowed as readonly string[]).includes(trimmed)) {
    throw new ConfigError(property, `"${value}" is not allowed; use one of ${allowed.join(', ')}`);
  }

  return trimmed as T;
}

// RFC 9110 token characters: anything else would make fetch reject the header.
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** What absent auth and secret properties of a task stand for. */
interface AuthDefaults {
  type: AuthType;
  header: string;
  prefix: string;
  secretSource: SecretSource;
}

/**
 * The auth and secret settings absent properties take (design §2), as one set: the
 * provider's own while the task keeps the provider's auth type (a hand-written Ollama task
 * sends no key), the contract's values for the type the task chose otherwise, so a task
 * never pairs one provider's header with another type's prefix.
 */
function authDefaults(provider: Provider | undefined, authType?: AuthType): AuthDefaults {
  const secret = { secretSource: provider?.secret.source ?? DEFAULT_SECRET_SOURCE };

  if (provider && (authType === undefined || authType === provider.auth.type)) {
    return { ...provider.auth, ...secret };
  }

  const type = authType ?? DEFAULT_AUTH.type;

  return { type, header: DEFAULT_AUTH.header, prefix: type === 'bearerToken' ? DEFAULT_AUTH.prefix : '', ...secret };
}

function readAuthHeader(value: string | undefined, authType: AuthType | undefined, fallback: string): string {
  if (isAbsent(value)) {
    return fallback;
  }

  const header = value.trim();

  if (authType !== 'none' && !HEADER_NAME.test(header)) {
    throw new ConfigError(PROPERTY.authHeader, header
      ? `"${value}" is not a valid HTTP header name`
      : 'is empty; name the header the key goes in, e.g. Authorization or x-api-key');
  }

  return header;
}

function readAuthPrefix(value: string | undefined, fallback: string): string {
  if (isAbsent(value)) {
    return fallback;
  }

  if (/[\r\n]/.test(value)) {
    throw new ConfigError(PROPERTY.authPrefix, 'must be on one line');
  }

  return value.trim();
}

function readSecretName(
    value: string | undefined,
    source: SecretSource | undefined,
    authType: AuthType | undefined,
    provider: Provider | undefined
): string | undefined {
  if (isAbsent(value)) {
    return provider?.secret.name;
  }

  const name = value.trim();

  if (!name) {
    if (authType === 'none') {
      return name;
    }

    throw new ConfigError(PROPERTY.secretName, 'is empty; name the secret that holds the API key, e.g. groq_api_key');
  }

  // The name of an env variable, file or properties key is printed when the secret is not
  // found; a key pasted here would end up in that message, in logs and in incidents.
  if (source !== 'variable' && authType !== 'none' && looksLikeKey(name, provider)) {
    const example = provider?.secret.name || 'groq_api_key';

    throw new ConfigError(PROPERTY.secretName, `looks like a real API key, not the name of a secret; keep the key out of the BPMN (${KEY_HOME[source ?? 'env']}) and write its name here, e.g. ${example}`);
  }

  if (source === 'file' && /[\\/]|^\.\.?$/.test(name)) {
    throw new ConfigError(PROPERTY.secretName, `"${name}" must be a file name inside the secrets directory, not a path`);
  }

  if (source === 'variable' && name.startsWith('${') && !secretVariableName(name)) {
    throw new ConfigError(PROPERTY.secretName, `"${name}" is not a process-variable reference; write it like \${apiKey}`);
  }

  return name;
}

const KEY_HOME: Record<Exclude<SecretSource, 'variable'>, string> = {
  env: 'in an environment variable',
  file: 'in a file of the secrets directory',
  properties: 'in the secrets properties file'
};

function readPayload(value: string | undefined, provider: Provider | undefined): string | undefined {
  if (isAbsent(value)) {
    return provider?.defaultPayload;
  }

  if (!value.trim()) {
    throw new ConfigError(PROPERTY.payload, 'is empty; it must be the JSON request body');
  }

  return value;
}

function readResponseMapping(value: string | undefined): Record<string, string> {
  if (isAbsent(value)) {
    return { ...DEFAULT_RESPONSE_MAPPING };
  }

  const mapping = parseStringMap(PROPERTY.responseMapping, value);

  for (const [ variable, path ] of Object.entries(mapping)) {
    if (!variable.trim()) {
      throw new ConfigError(PROPERTY.responseMapping, 'a variable name is empty');
    }

    try {
      parsePath(path);
    } catch (error) {
      if (error instanceof CatalystError) {
        throw new ConfigError(PROPERTY.responseMapping, `the path of "${variable}" is invalid: ${error.message}`);
      }

      throw error;
    }
  }

  return mapping;
}

const HTTP_STATUS = /^[1-5]\d\d$/;

function readErrorMapping(value: string | undefined): Record<string, string> {
  if (isAbsent(value)) {
    return { ...DEFAULT_ERROR_MAPPING };
  }

  const mapping = parseStringMap(PROPERTY.errorMapping, value);

  for (const [ status, code ] of Object.entries(mapping)) {
    if (!HTTP_STATUS.test(status)) {
      throw new ConfigError(PROPERTY.errorMapping, `key "${status}" is not an HTTP status code (100 to 599)`);
    }

    if (!code.trim()) {
      throw new ConfigError(PROPERTY.errorMapping, `the BPMN error code for ${status} is empty`);
    }
  }

  return mapping;
}

function readTimeout(value: string | undefined): { text: string; ms: number } {
  const text = isAbsent(value) ? DEFAULT_TIMEOUT : value.trim();
  let ms: number;

  try {
    ms = parseIsoDuration(text);
  } catch (error) {
    throw new ConfigError(PROPERTY.timeout, error instanceof Error ? error.message : String(error));
  }

  if (ms <= 0) {
    throw new ConfigError(PROPERTY.timeout, `"${text}" must be longer than zero`);
  }

  return { text, ms };
}

function readRetries(value: string | undefined): number {
  if (isAbsent(value)) {
    return DEFAULT_RETRIES;
  }

  const trimmed = value.trim();

  if (!/^\d+$/.test(trimmed) || Number(trimmed) > MAX_RETRIES) {
    throw new ConfigError(PROPERTY.retries, `"${value}" must be a whole number from 0 to ${MAX_RETRIES}`);
  }

  return Number(trimmed);
}

/** `failure`, or the BPMN error code an invalid structured answer is thrown with. */
function readInvalidResponse(value: string | undefined): string | null {
  if (isAbsent(value) || value.trim() === '') {
    return DEFAULT_INVALID_RESPONSE_CODE;
  }

  const trimmed = value.trim();

  if (trimmed === INVALID_RESPONSE_FAILURE) {
    return null;
  }

  if (/\s/.test(trimmed)) {
    throw new ConfigError(PROPERTY.invalidResponse, `"${value}" must be "${INVALID_RESPONSE_FAILURE}" or a BPMN error code without spaces, e.g. ${DEFAULT_INVALID_RESPONSE_CODE}`);
  }

  return trimmed;
}
