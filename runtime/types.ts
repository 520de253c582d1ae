/**
 * Types shared by every part of the runtime and every surface that uses it
 * (panel, test call, bridge, command line, worker). design.md is the contract;
 * these types are its TypeScript face.
 */

// ---------------------------------------------------------------------------
// Provider catalog (resources/providers.json)

export type AuthType = 'bearerToken' | 'apiKeyHeader' | 'none';

export type SecretSource = 'env' | 'file' | 'properties' | 'variable';

/** How a provider answers `GET /models`. */
export type ModelsShape =
  | 'openai-list' // { object: "list", data: [ { id, ... } ] }
  | 'groq-list' // openai-list whose entries carry `active`
  | 'together-array' // bare array, entries carry `type: "chat" | "embedding" | ...`
  | 'fireworks-list' // openai-list with ids `accounts/fireworks/models/...`
  | 'ollama-tags'; // { models: [ { name, model, ... } ] } (native /api/tags)

export interface CatalogModel {
  id: string;
  description: string;

  /** Returns reasoning separately (`reasoning` / `reasoning_content`). */
  reasoning?: boolean;

  /**
   * Structured answers this model is known to give on this provider: `json` (JSON mode),
   * `schema` (follows a JSON Schema). Absent: the catalog does not know.
   */
  responseFormats?: Array<'json' | 'schema'>;
}

/**
 * How a provider's payload asks for a structured answer:
 * - `json_schema`: `response_format: {type: "json_schema", json_schema: {name, strict, schema}}` (OpenAI)
 * - `json_object_schema`: `response_format: {type: "json_object", schema}` (Together, Fireworks)
 * - `json_object`: `response_format: {type: "json_object"}` (JSON mode, no schema)
 * - `ollama_format`: `format: schema` or `format: "json"` (Ollama's native API)
 */
type ResponseFormatStyle = 'json_schema' | 'json_object_schema' | 'json_object' | 'ollama_format';

export interface ProviderResponseFormat {

  /** How "JSON with schema" is written; `null` when the provider cannot follow a schema. */
  schema: Exclude<ResponseFormatStyle, 'json_object'> | null;

  /** How plain JSON mode is written; `null` when the provider has none. */
  json: 'json_object' | 'ollama_format' | null;
}

interface ProviderQuirks {

  /** Name of the output-token limit field the provider expects. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';

  /** Where the provider puts reasoning text in a message, if it does. */
  reasoningField?: 'reasoning' | 'reasoning_content';

  /** Errors may arrive inside a 200 body or mid-stream (OpenRouter). */
  errorsIn200?: boolean;
}

export interface Provider {
  id: string;
  name: string;
  description: string;

  /** One of the four connectors from the seeds (true) or a preset (false). */
  connector: boolean;

  /** Runs on the user's machine (Ollama, LM Studio, ...). */
  local: boolean;

  /** The user must edit the URL (the OpenAI-compatible catch-all). */
  editableUrl: boolean;

  /** Base URL including the version, e.g. `https://api.groq.com/openai/v1`. */
  baseUrl: string;
  chatPath: string;

  /** `null` when the provider has no models endpoint. */
  modelsPath: string | null;
  modelsShape: ModelsShape;

  auth: { type: AuthType; header: string; prefix: string };
  secret: { source: SecretSource; name: string };

  /** Known key prefix (`gsk_`), or `null` when keys have no recognisable prefix. */
  keyPrefix: string | null;
  console: string | null;

  /** Default request payload (a JSON template with `${var}` placeholders). */
  defaultPayload: string;
  defaultModel: string;
  models: CatalogModel[];
  quirks: ProviderQuirks;

  /** How the payload asks this provider for JSON answers (design §5.7). */
  responseFormat?: ProviderResponseFormat;
}

// ---------------------------------------------------------------------------
// Task configuration (design §2)

/** The raw `catalyst.*` (and any other) extension properties of a task, name → value. */
export type TaskProperties = Record<string, string>;

export interface TaskConfig {
  version: 1;
  provider: string;
  url: string;
  authType: AuthType;
  authHeader: string;
  authPrefix: string;
  secretSource: SecretSource;
  secretName: string;
  payload: string;

  /** Process variable → response path. */
  responseMapping: Record<string, string>;

  /** HTTP status (as written, e.g. `"429"`) → BPMN error code. */
  errorMapping: Record<string, string>;

  /** Per-attempt timeout as written (ISO-8601) and in milliseconds. */
  timeout: string;
  timeoutMs: number;

  /** Retries after the first attempt. */
  retries: number;

  /**
   * What an answer that is not the JSON the task asked for ends as (design §5.7): a BPMN
   * error with this code (absent: `INVALID_RESPONSE`), or `null` for a failure.
   */
  invalidResponseCode?: string | null;
}

// ---------------------------------------------------------------------------
// Templates and lint (design §4)

export type Severity = 'error' | 'warning' | 'info';

/** One lint finding, with offsets into the payload text (`to` exclusive). */
export interface Diagnostic {
  from: number;
  to: number;
  severity: Severity;
  code: string;
  message: string;
}

/** A `${...}` placeholder found in a template. */
export interface Placeholder {

  /** Full expression between `${` and `}`, e.g. `order.items[0]`. */
  expression: string;

  /** Root variable name, e.g. `order`. */
  name: string;

  /** Steps into the variable's value after the root. */
  path: Array<string | number>;

  /** Offsets of the whole `${...}` in the template (`to` exclusive). */
  from: number;
  to: number;

  /** Inside a JSON string literal (value inserted escaped) or a whole JSON value. */
  inString: boolean;
}

export interface LintOptions {

  /** Variables the diagram knows; when given, others are reported as warnings. */
  knownVariables?: readonly string[];

  /** Provider whose model list and key prefix the lint checks against. */
  provider?: Provider;
}

// ---------------------------------------------------------------------------
// Secrets (design §3)

/** Where a secret comes from, described for people (never carries the value). */
export interface SecretLocation {
  source: SecretSource;
  name: string;

  /** `env GROQ_API_KEY`, `file /run/secrets/groq_api_key`, ... */
  description: string;
}

/** Looks secrets up; Node implementation in runtime/node, the bridge's in menu/. */
export interface SecretStore {

  /** Where `name` would be read from for `source`. */
  locate(source: Exclude<SecretSource, 'variable'>, name: string): SecretLocation;

  /** The secret's value, or `undefined` when it is not there. */
  read(source: Exclude<SecretSource, 'variable'>, name: string): Promise<string | undefined>;
}

// ---------------------------------------------------------------------------
// Execution (design §5)

export type Outcome = 'complete' | 'bpmnError' | 'failure';

export interface Attempt {

  /** HTTP status, or `null` for a network error or timeout. */
  statusCode: number | null;

  /** Time the attempt took. */
  ms: number;

  /** Time waited before this attempt (0 for the first). */
  waitedMs: number;

  /** What went wrong, when it did (already redacted). */
  error?: string;
}

export interface StreamStats {
  timeToFirstTokenMs: number | null;
  tokensPerSecond: number | null;
  chunks: number;
}

export interface ExecutionResult {
  outcome: Outcome;

  /** Mapped variables plus the four standard `catalyst_*` variables. */
  variables: Record<string, unknown>;
  bpmnError: { code: string; message: string } | null;
  error: string | null;
  statusCode: number | null;
  attempts: Attempt[];
  durationMs: number;

  /** Non-fatal findings: unresolved mapping paths, `finish_reason: length`, ... */
  warnings: string[];

  /** Names of variables whose value is over 4,000 characters (engine needs Json/Object). */
  largeVariables: string[];

  /** The final response as received (body redacted), when there was one. */
  response: {
    headers: Record<string, string>;
    body: string;
    sizeBytes: number;
  } | null;

  /** Reasoning text split out of the answer, when the provider returns it. */
  reasoning: string | null;
  finishReason: string | null;
  stream: StreamStats | null;

  /** For failures: how long the engine should wait before its own retry. */
  retryTimeoutMs: number | null;

  /**
   * The structured-answer check, when the task asked for JSON or maps into JSON text (`#`);
   * absent otherwise.
   */
  structured?: StructuredVerdict | null;
}

/** One way a structured answer is not what the task asked for. */
export interface StructuredProblem {

  /** Where in the answer: a response path such as `choices[0].message.content#items[0].amount`. */
  path: string;
  message: string;
}

export interface StructuredVerdict {

  /** What the payload asked for: JSON, JSON following a schema, or text (only `#` mapping paths). */
  requested: 'json' | 'schema' | 'text';

  /** Response path of the text that holds the answer (`choices[0].message.content`). */
  source: string;

  /** The answer parsed, when it parsed. */
  parsed?: unknown;
  valid: boolean;
  problems: StructuredProblem[];

  /** Properties of the schema the answer follows (for mapping completion). */
  schema?: Record<string, unknown>;

  /** Why the answer was not checked against the schema (a run in the editor, without the bridge). */
  schemaUnchecked?: string;
}

export type ExecutionEvent =
  | { type: 'attempt'; attempt: number }
  | { type: 'chunk'; text: string; reasoning?: boolean }
  | { type: 'retry'; attempt: number; waitMs: number; reason: string }
  | { type: 'result'; result: ExecutionResult };

export interface ExecuteOptions {

  /** Process variables available to the template and `variable` secrets. */
  variables: Record<string, unknown>;
  secrets: SecretStore;

  /** Override the task's retries (`--no-retries` sets 0). */
  retries?: number;

  /** Force streaming on (`--stream`); otherwise the payload's `stream` decides. */
  stream?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: ExecutionEvent) => void;

  /** Injected for tests and for the bridge; default globalThis.fetch. */
  fetch?: typeof fetch;

  /** Injected for tests: waits between attempts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;

  /** Injected for tests: jitter source in [0, 1). */
  random?: () => number;

  /** Cap for any single wait between attempts (default 60 s). */
  maxRetryWaitMs?: number;

  /** Largest response body read before the call fails as too large (default 10 MiB). */
  maxResponseBytes?: number;

  /**
   * When given, the key goes only where `judgeKeySend` (runtime/secrets/trust.ts) allows:
   * loopback, the catalog's pairs, and these (secret name, host) pairs; any other host
   * fails the run before the secret is read. Absent: no check (the worker's default).
   */
  trustedHosts?: readonly import('./secrets/trust').TrustedPair[];
}

// ---------------------------------------------------------------------------
// Models (design §6)

export interface ModelInfo {
  id: string;

  /** Can serve chat completions (false for embedding, audio, image models). */
  chat: boolean;
  ownedBy?: string;
  description?: string;
}
