/** Names of the task's extension properties (design §2). */
export const PROPERTY = Object.freeze({
  version: 'catalyst.version',
  provider: 'catalyst.provider',
  url: 'catalyst.url',
  authType: 'catalyst.authType',
  authHeader: 'catalyst.authHeader',
  authPrefix: 'catalyst.authPrefix',
  secretSource: 'catalyst.secretSource',
  secretName: 'catalyst.secretName',
  payload: 'catalyst.payload',
  responseMapping: 'catalyst.responseMapping',
  errorMapping: 'catalyst.errorMapping',
  timeout: 'catalyst.timeout',
  retries: 'catalyst.retries',
  invalidResponse: 'catalyst.invalidResponse'
} as const);

export const CONTRACT_VERSION = 1;

/** The seeds' error mapping. */
export const DEFAULT_ERROR_MAPPING: Readonly<Record<string, string>> = Object.freeze({
  '429': 'RATE_LIMITED',
  '401': 'AUTH_FAILED',
  '400': 'INVALID_REQUEST'
});

/**
 * The seeds' error mapping as a new task gets it. Written out because JavaScript orders
 * integer-like keys numerically, and the seeds list 429 first.
 */
export const DEFAULT_ERROR_MAPPING_TEXT = '{\n  "429": "RATE_LIMITED",\n  "401": "AUTH_FAILED",\n  "400": "INVALID_REQUEST"\n}';

/** The seeds' five mapped variables. */
export const DEFAULT_RESPONSE_MAPPING: Readonly<Record<string, string>> = Object.freeze({
  aiReply: 'choices[0].message.content',
  modelUsed: 'model',
  promptTokens: 'usage.prompt_tokens',
  completionTokens: 'usage.completion_tokens',
  finishReason: 'choices[0].finish_reason'
});

export const DEFAULT_TIMEOUT = 'PT60S';

/** Auth of a task that does not say (design §2): a bearer token in `Authorization`. */
export const DEFAULT_AUTH = Object.freeze({ type: 'bearerToken', header: 'Authorization', prefix: 'Bearer' } as const);

export const DEFAULT_SECRET_SOURCE = 'env';

export const DEFAULT_RETRIES = 3;

export const MAX_RETRIES = 10;

export const AUTH_TYPES = [ 'bearerToken', 'apiKeyHeader', 'none' ] as const;

export const SECRET_SOURCES = [ 'env', 'file', 'properties', 'variable' ] as const;

/** BPMN error code of an answer that is not the JSON the task asked for (design §5.7). */
export const DEFAULT_INVALID_RESPONSE_CODE = 'INVALID_RESPONSE';

/**
 * Properties a new task (and an element template) leaves out: their absence is the default,
 * and only tasks that need them carry them (`catalyst.invalidResponse` on tasks asking for JSON).
 */
export const ABSENT_BY_DEFAULT: readonly string[] = Object.freeze([ PROPERTY.invalidResponse ]);

/** `catalyst.invalidResponse` value that makes such an answer a failure (engine retries). */
export const INVALID_RESPONSE_FAILURE = 'failure';
