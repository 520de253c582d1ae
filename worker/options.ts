/**
 * The worker's settings from command-line options, else environment variables, else
 * defaults, each checked with an error naming the option (or variable) at fault.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';

import { CatalystError, messageOf } from '../runtime/errors';
import { parseIsoDuration } from '../runtime/config';
import { parseTrustedPairs, type TrustedPair } from '../runtime/secrets/trust';

import { DEFAULT_RETRY_TIMEOUTS } from './report';
import type { RetryTimeouts } from './report';
import { DEFAULT_STRING_RULE, LONG_VALUE_POLICIES, STRING_VARIABLE_LIMIT } from './variables';
import type { LongValuePolicy, StringRule } from './variables';

export type EngineAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

export interface WorkerOptions {

  /** The engine's REST API root, e.g. `http://localhost:8080/engine-rest`. */
  engineUrl: string;
  auth: EngineAuth;
  workerId: string;

  /** Most tasks this worker runs at once (and fetches in one request). */
  maxTasks: number;
  lockDurationMs: number;

  /** How long a fetch waits at the engine for tasks to appear (0: return at once). */
  longPollMs: number;

  /** Pause after a fetch that brought nothing; a fetch that brought tasks is followed at once. */
  pollIntervalMs: number;

  /** Engine-level retries after a failed run (the engine's incident comes after these). */
  engineRetries: number;

  /** The engine's wait before each retry: the first, doubling with each failure, up to the cap. */
  retryTimeouts?: RetryTimeouts;

  /** Longest String the engine's database takes, and what happens to longer strings. */
  stringRule?: StringRule;

  /** How long a stopping worker lets running tasks finish before it releases them. */
  shutdownTimeoutMs: number;
  secretsFile?: string;
  secretsDir?: string;

  /** Written every few seconds while the worker runs and reaches its engine (container health checks). */
  healthFile?: string;

  /**
   * When set, keys go only where the trust rule allows (runtime/secrets/trust.ts): the
   * catalog's pairs, loopback and these pairs. Unset (the default): no check, because
   * operators deploy their own diagrams.
   */
  trustedHosts?: TrustedPair[];
}

/** `--trust` value that turns the check on with no pairs beyond the catalog's and loopback. */
const TRUST_CATALOG_ONLY = 'catalog';

const DEFAULT_ENGINE_URL = 'http://localhost:8080/engine-rest';

export const WORKER_DEFAULTS = {
  maxTasks: 10,
  lockDurationMs: 60_000,
  longPollMs: 5_000,

  // Only after an empty answer (a long poll that ended without work): an idle worker's
  // fetch waits at the engine, not here.
  pollIntervalMs: 10,
  engineRetries: 3,
  shutdownTimeoutMs: 30_000
} as const;

/** Pause between fetches by default when long polling is off: each fetch then returns at once. */
const POLL_INTERVAL_WITHOUT_LONG_POLL_MS = 500;

/** Error code of every problem with the worker's options (the command line exits 64). */
export const WORKER_OPTION_INVALID = 'WORKER_OPTION_INVALID';

/** Help text for `catalyst worker --help`. */
export const WORKER_USAGE = `catalyst worker [options]

Runs Catalyst tasks (external tasks on topic "catalyst") for a Camunda 7 or Operaton engine.
Every option can also come from the environment variable shown.

  --engine-url <url>            engine REST root            CATALYST_ENGINE_URL (${DEFAULT_ENGINE_URL})
  --engine-user <name>          basic auth user             CATALYST_ENGINE_USER
                                basic auth password         CATALYST_ENGINE_PASSWORD
  --engine-password-file <path> password read from a file   CATALYST_ENGINE_PASSWORD_FILE
                                bearer token for the engine CATALYST_ENGINE_TOKEN
  --worker-id <id>              worker id at the engine     CATALYST_WORKER_ID (catalyst-<host>-<pid>)
  --max-tasks <n>               provider calls at once      CATALYST_MAX_TASKS (${WORKER_DEFAULTS.maxTasks})
  --lock-duration <duration>    lock per task, extended     CATALYST_LOCK_DURATION (PT60S)
  --long-poll <duration>        wait at the engine for work CATALYST_LONG_POLL (PT5S)
  --poll-interval <duration>    pause after an empty fetch  CATALYST_POLL_INTERVAL (10 ms; 500 without long poll)
  --engine-retries <n>          engine retries on failure   CATALYST_ENGINE_RETRIES (${WORKER_DEFAULTS.engineRetries})
  --engine-retry-timeout <duration>
                                first wait before an engine CATALYST_ENGINE_RETRY_TIMEOUT (PT30S)
                                retry; doubles each failure
  --engine-retry-timeout-max <duration>
                                longest wait between them   CATALYST_ENGINE_RETRY_TIMEOUT_MAX (PT10M)
  --string-limit <n>            longest String the engine's CATALYST_STRING_LIMIT (${STRING_VARIABLE_LIMIT}; Oracle: 2000)
                                database takes, characters
  --long-values <policy>        longer strings: json (whole; CATALYST_LONG_VALUES (json)
                                needs Camunda Spin on the
                                engine), truncate or fail
  --shutdown-timeout <duration> drain time on SIGTERM       CATALYST_SHUTDOWN_TIMEOUT (PT30S)
  --secrets-file <path>         secrets properties file     CATALYST_SECRETS_FILE (./catalyst-secrets.properties)
  --secrets-dir <dir>           secret files directory      CATALYST_SECRETS_DIR (/run/secrets)
  --health-file <path>          written every 10 s while    CATALYST_HEALTH_FILE (none)
                                the engine answers
  --trust <secret=host,...>     send keys only to these     CATALYST_TRUST (off: keys go where the diagram says)
                                pairs, the catalog's and localhost; "catalog" for no more pairs

Durations are ISO-8601 (PT30S, PT5M) or milliseconds (30000). Logs are JSON lines on stdout.
Runs until SIGTERM or Ctrl+C, then drains (a second signal releases running tasks at once).
Exit 0 after a clean stop, 64 on a wrong option.`;

const OPTION_ENV = {
  'engine-url': 'CATALYST_ENGINE_URL',
  'engine-user': 'CATALYST_ENGINE_USER',
  'engine-password-file': 'CATALYST_ENGINE_PASSWORD_FILE',
  'worker-id': 'CATALYST_WORKER_ID',
  'max-tasks': 'CATALYST_MAX_TASKS',
  'lock-duration': 'CATALYST_LOCK_DURATION',
  'long-poll': 'CATALYST_LONG_POLL',
  'poll-interval': 'CATALYST_POLL_INTERVAL',
  'engine-retries': 'CATALYST_ENGINE_RETRIES',
  'engine-retry-timeout': 'CATALYST_ENGINE_RETRY_TIMEOUT',
  'engine-retry-timeout-max': 'CATALYST_ENGINE_RETRY_TIMEOUT_MAX',
  'string-limit': 'CATALYST_STRING_LIMIT',
  'long-values': 'CATALYST_LONG_VALUES',
  'shutdown-timeout': 'CATALYST_SHUTDOWN_TIMEOUT',
  'secrets-file': 'CATALYST_SECRETS_FILE',
  'secrets-dir': 'CATALYST_SECRETS_DIR',
  'health-file': 'CATALYST_HEALTH_FILE',
  trust: 'CATALYST_TRUST'
} as const;

type OptionName = keyof typeof OPTION_ENV;

/** A setting as given, with where it came from for error messages. */
interface Setting {
  value: string;
  source: string;
}

export interface ParseWorkerOptionsContext {
  env?: Record<string, string | undefined>;

  /** Reads the password file; injected by tests. */
  readFile?: (path: string) => string;
}

/** The worker's options for `node:util` parseArgs (all take a value). */
export const WORKER_OPTION_SPEC: Record<OptionName, { type: 'string' }> = Object.fromEntries(
  Object.keys(OPTION_ENV).map(name => [ name, { type: 'string' as const } ])
) as Record<OptionName, { type: 'string' }>;

/**
 * Reads `catalyst worker` arguments and the environment into checked options.
 *
 * @throws CatalystError `WORKER_OPTION_INVALID` naming the option or variable at fault
 */
export function parseWorkerOptions(args: readonly string[], context: ParseWorkerOptionsContext = {}): WorkerOptions {
  return readWorkerOptions(parseArguments(args), context);
}

/**
 * Checked options from already parsed option values (the command line parses them
 * itself) and the environment.
 *
 * @throws CatalystError `WORKER_OPTION_INVALID` naming the option or variable at fault
 */
export function readWorkerOptions(values: Record<string, unknown>, context: ParseWorkerOptionsContext = {}): WorkerOptions {
  const { env = process.env, readFile = path => readFileSync(path, 'utf8') } = context;

  const setting = (name: OptionName): Setting | undefined => {
    const fromArgs = values[name];

    if (typeof fromArgs === 'string') {
      return { value: fromArgs, source: `--${name}` };
    }

    const fromEnv = env[OPTION_ENV[name]];

    return fromEnv ? { value: fromEnv, source: OPTION_ENV[name] } : undefined;
  };

  // The engine refuses an asyncResponseTimeout over 30 minutes.
  const longPollMs = readDuration(setting('long-poll'), 0, 1_800_000) ?? WORKER_DEFAULTS.longPollMs;

  return {
    engineUrl: readEngineUrl(setting('engine-url')),
    auth: readAuth(setting('engine-user'), setting('engine-password-file'), env, readFile),
    workerId: readText(setting('worker-id')) ?? `catalyst-${hostname()}-${process.pid}`,
    maxTasks: readCount(setting('max-tasks'), 1, 1000) ?? WORKER_DEFAULTS.maxTasks,
    lockDurationMs: readDuration(setting('lock-duration'), 1000) ?? WORKER_DEFAULTS.lockDurationMs,

    longPollMs,
    pollIntervalMs: readDuration(setting('poll-interval'), 0) ?? (longPollMs ? WORKER_DEFAULTS.pollIntervalMs : POLL_INTERVAL_WITHOUT_LONG_POLL_MS),
    engineRetries: readCount(setting('engine-retries'), 0, 100) ?? WORKER_DEFAULTS.engineRetries,
    retryTimeouts: readRetryTimeouts(setting('engine-retry-timeout'), setting('engine-retry-timeout-max')),
    stringRule: {

      // The engine's widest String column is 4,000 characters; nothing longer is ever stored.
      limit: readCount(setting('string-limit'), 1, STRING_VARIABLE_LIMIT) ?? DEFAULT_STRING_RULE.limit,
      longValues: readLongValues(setting('long-values')) ?? DEFAULT_STRING_RULE.longValues
    },
    shutdownTimeoutMs: readDuration(setting('shutdown-timeout'), 0) ?? WORKER_DEFAULTS.shutdownTimeoutMs,
    secretsFile: readText(setting('secrets-file')),
    secretsDir: readText(setting('secrets-dir')),
    healthFile: readText(setting('health-file')),
    trustedHosts: readTrust(setting('trust'))
  };
}

function readTrust(setting: Setting | undefined): TrustedPair[] | undefined {
  if (!setting || setting.value.trim() === TRUST_CATALOG_ONLY) {
    return setting ? [] : undefined;
  }

  try {
    return parseTrustedPairs(setting.value, setting.source);
  } catch (error) {
    throw invalid(messageOf(error));
  }
}

function parseArguments(args: readonly string[]): Record<string, unknown> {
  try {
    return parseArgs({ args: [ ...args ], options: WORKER_OPTION_SPEC, strict: true, allowPositionals: false }).values;
  } catch (error) {

    // Node's message names the option ("Unknown option '--max-task'"); keep it, drop the hint to `--`.
    throw invalid(messageOf(error).split('. ')[0]);
  }
}

function readEngineUrl(setting: Setting | undefined): string {
  const text = setting?.value ?? DEFAULT_ENGINE_URL;
  let url: URL;

  try {
    url = new URL(text);
  } catch {
    throw invalid(`${setting?.source}: "${text}" is not a URL; expected e.g. ${DEFAULT_ENGINE_URL}`);
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`${setting?.source}: expected an http or https URL, got "${text}"`);
  }

  if (url.username || url.password) {
    throw invalid(`${setting?.source}: put credentials in CATALYST_ENGINE_USER and CATALYST_ENGINE_PASSWORD, not in the URL`);
  }

  return text.replace(/\/+$/, '');
}

function readAuth(
    user: Setting | undefined,
    passwordFile: Setting | undefined,
    env: Record<string, string | undefined>,
    readFile: (path: string) => string
): EngineAuth {
  const token = env.CATALYST_ENGINE_TOKEN;
  let password = env.CATALYST_ENGINE_PASSWORD;

  if (passwordFile) {
    try {
      password = readFile(passwordFile.value).trim();
    } catch (error) {
      throw invalid(`${passwordFile.source}: cannot read "${passwordFile.value}" (${messageOf(error)})`);
    }
  }

  if (user && token) {
    throw invalid(`${user.source} and CATALYST_ENGINE_TOKEN: choose basic auth or a bearer token, not both`);
  }

  if (user) {
    if (!password) {
      throw invalid(`${user.source}: basic auth needs a password in CATALYST_ENGINE_PASSWORD or --engine-password-file`);
    }

    return { type: 'basic', username: user.value, password };
  }

  if (password) {
    throw invalid('CATALYST_ENGINE_PASSWORD: a password needs a user in --engine-user or CATALYST_ENGINE_USER');
  }

  return token ? { type: 'bearer', token } : { type: 'none' };
}

function readRetryTimeouts(base: Setting | undefined, max: Setting | undefined): RetryTimeouts {
  const baseMs = readDuration(base, 0) ?? DEFAULT_RETRY_TIMEOUTS.baseMs;
  const maxMs = readDuration(max, 0) ?? Math.max(DEFAULT_RETRY_TIMEOUTS.maxMs, baseMs);

  if (maxMs < baseMs) {
    throw invalid(`${max?.source}: the longest wait must not be shorter than the first (${base?.source ?? 'default'}: ${baseMs} ms)`);
  }

  return { baseMs, maxMs };
}

function readLongValues(setting: Setting | undefined): LongValuePolicy | undefined {
  if (!setting) {
    return undefined;
  }

  const policy = setting.value.trim().toLowerCase();

  if (!(LONG_VALUE_POLICIES as readonly string[]).includes(policy)) {
    throw invalid(`${setting.source}: expected one of ${LONG_VALUE_POLICIES.join(', ')}, got "${setting.value}"`);
  }

  return policy as LongValuePolicy;
}

function readText(setting: Setting | undefined): string | undefined {
  if (setting && !setting.value.trim()) {
    throw invalid(`${setting.source}: must not be empty`);
  }

  return setting?.value.trim();
}

function readCount(setting: Setting | undefined, min: number, max: number): number | undefined {
  if (!setting) {
    return undefined;
  }

  const count = /^\d+$/.test(setting.value.trim()) ? Number(setting.value) : NaN;

  if (!(count >= min && count <= max)) {
    throw invalid(`${setting.source}: expected a whole number from ${min} to ${max}, got "${setting.value}"`);
  }

  return count;
}

function readDuration(setting: Setting | undefined, min: number, max = Infinity): number | undefined {
  if (!setting) {
    return undefined;
  }

  const text = setting.value.trim();
  let ms: number;

  try {
    ms = /^\d+$/.test(text) ? Number(text) : parseIsoDuration(text);
  } catch {
    throw invalid(`${setting.source}: expected an ISO-8601 duration (PT30S) or milliseconds, got "${setting.value}"`);
  }

  if (ms < min || ms > max) {
    const range = max === Infinity ? `at least ${min} ms` : `from ${min} to ${max} ms`;

    throw invalid(`${setting.source}: expected ${range}, got "${setting.value}"`);
  }

  return ms;
}

function invalid(message: string): CatalystError {
  return new CatalystError(WORKER_OPTION_INVALID, message);
}
