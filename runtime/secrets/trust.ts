import { providers } from '../catalog/providers';
import { secretEnvName } from '../config/task';
import { CatalystError } from '../errors';
import type { TaskConfig } from '../types';

/**
 * One (secret name, host) pair: the key read under `secret` may be sent to `host`.
 * `host` is a URL's host name as written (lower case, no port), never what it resolves to.
 */
export interface TrustedPair {
  secret: string;
  host: string;
}

/** Why a key may go out (or that there is no key to guard). */
type TrustReason = 'no-key' | 'diagram-literal' | 'loopback' | 'catalog' | 'user';

export type KeySendVerdict =
  | { allowed: true; reason: TrustReason; secret: string; host: string | null }
  | { allowed: false; secret: string; host: string; message: string };

type KeySettings = Pick<TaskConfig, 'authType' | 'secretSource' | 'secretName'>;

const VARIABLE_REFERENCE = /^\$\{.*\}$/;

// A task's URL is judged call after call (the bridge's gate, then the runtime's), and
// parsing it is most of the judging: the recent answers are kept (the function is pure).
const RECENT_HOSTS_LIMIT = 256;
const recentHosts = new Map<string, string | null>();

/**
 * The pairs the catalog itself names: each provider's default secret with its own host
 * (`groq_api_key` → `api.groq.com`). Local providers' hosts are loopback and need none.
 */
export const CATALOG_TRUSTED_PAIRS: readonly TrustedPair[] = Object.freeze(providers.flatMap(provider => {
  const host = urlHost(provider.baseUrl);

  return host && provider.secret.source !== 'variable' && !isLoopbackHost(host) ? [ { secret: provider.secret.name, host } ] : [];
}));

/**
 * The host name of a URL as written (lower-cased, IPv6 in brackets, no port), or `null`
 * when the text is not an http(s) URL. No DNS: `attacker.example` is judged by its name
 * even when it resolves to 127.0.0.1.
 */
export function urlHost(url: string): string | null {
  const known = recentHosts.get(url);

  if (known !== undefined) {
    return known;
  }

  const host = parseHost(url);

  if (recentHosts.size >= RECENT_HOSTS_LIMIT) {
    recentHosts.clear();
  }

  recentHosts.set(url, host);

  return host;
}

function parseHost(url: string): string | null {
  let parsed: URL;

  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return null;
  }

  return parsed.hostname.toLowerCase() || null;
}

/** `localhost`, `127.0.0.0/8` and `[::1]` written as such: the user's own machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();

  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * Whether the task's key may be sent to `url`. It may when the task sends no key, when the
 * "key" is a literal written in the diagram itself (a development value such as `ollama`),
 * when the host is loopback, when the catalog names the pair, or when `trusted` (the
 * user's own pairs: approvals, `--trust`, the worker's allowlist) does. Anything else,
 * including a `catalyst.secretName` that names some other environment variable or file,
 * is refused.
 */
export function judgeKeySend(config: KeySettings, url: string, trusted: readonly TrustedPair[] = []): KeySendVerdict {
  const secret = config.secretName.trim();
  const host = urlHost(url);

  if (config.authType === 'none') {
    return { allowed: true, reason: 'no-key', secret, host };
  }

  if (config.secretSource === 'variable' && !VARIABLE_REFERENCE.test(secret)) {
    return { allowed: true, reason: 'diagram-literal', secret, host };
  }

  if (host === null) {
    return { allowed: false, secret, host: url, message: `the key from ${secret} is not sent to "${url}": it is not an http(s) URL with a host` };
  }

  if (isLoopbackHost(host)) {
    return { allowed: true, reason: 'loopback', secret, host };
  }

  if (includesPair(CATALOG_TRUSTED_PAIRS, secret, host)) {
    return { allowed: true, reason: 'catalog', secret, host };
  }

  if (includesPair(trusted, secret, host)) {
    return { allowed: true, reason: 'user', secret, host };
  }

  return { allowed: false, secret, host, message: `the key from ${secret} is not sent to ${host}: that host is not trusted for this secret` };
}

function includesPair(pairs: readonly TrustedPair[], secret: string, host: string): boolean {
  return pairs.some(pair => sameSecret(pair.secret, secret) && pair.host === host);
}

/**
 * Whether two secret names stand for the same key: `groq_api_key`, `GROQ_API_KEY` and
 * `groq-api-key` all read the environment variable GROQ_API_KEY, so one approval covers
 * them all. Process-variable references (`${apiKey}`) are compared as written.
 */
export function sameSecret(a: string, b: string): boolean {
  const left = a.trim();
  const right = b.trim();

  if (left === right) {
    return true;
  }

  return !VARIABLE_REFERENCE.test(left) && !VARIABLE_REFERENCE.test(right) && secretEnvName(left) === secretEnvName(right);
}

/** A secret name that can be written as a pair: no `=`, `,`, `#` or white space. */
const PAIR_SECRET = /^[^=,#\s]+$/;

/** A host name as URLs give it: letters, digits, `-`, `.`, `_`, or an IPv6 address in brackets. */
const PAIR_HOST = /^(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])$/;

/**
 * Why `pair` cannot be trusted as written, or `null`. A URL's host may hold `,` and `=`
 * (`https://a.example,openai_api_key=evil.example/`), and a secret name in a diagram may too;
 * written into the approvals file such a pair would read back as two, one of them never asked
 * about. So such names are never approved, in any file.
 */
export function trustedPairProblem(pair: TrustedPair): string | null {
  if (!PAIR_SECRET.test(pair.secret)) {
    return `the secret name "${pair.secret}" cannot be trusted: it holds "=", ",", "#" or white space`;
  }

  if (!PAIR_HOST.test(pair.host)) {
    return `the host "${pair.host}" cannot be trusted: a host name has only letters, digits, "-", "." and "_"`;
  }

  return null;
}

/**
 * `secret=host`, the form of `--trust`, `CATALYST_TRUST` and the approvals file.
 *
 * @throws CatalystError `TRUST_INVALID` for a pair that would not read back as itself
 */
export function formatTrustedPair(pair: TrustedPair): string {
  const problem = trustedPairProblem(pair);

  if (problem) {
    throw new CatalystError('TRUST_INVALID', problem);
  }

  return `${pair.secret}=${pair.host}`;
}

/**
 * Reads `secret=host` pairs separated by commas or lines; `#` starts a comment line.
 *
 * @param where named in the error (`--trust`, `CATALYST_TRUST`, a file)
 * @throws CatalystError `TRUST_INVALID` naming the entry and where it is
 */
export function parseTrustedPairs(text: string, where: string): TrustedPair[] {
  const pairs: TrustedPair[] = [];

  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*#/.test(line)) {
      return;
    }

    for (const entry of line.split(',')) {
      if (!entry.trim()) {
        continue;
      }

      const pair = parseTrustedPair(entry, text.includes('\n') ? `${where} line ${index + 1}` : where);

      if (!includesPair(pairs, pair.secret, pair.host)) {
        pairs.push(pair);
      }
    }
  });

  return pairs;
}

function parseTrustedPair(entry: string, where: string): TrustedPair {
  const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(entry);
  const host = match ? hostOfEntry(match[2]) : null;

  if (!match || host === null || trustedPairProblem({ secret: match[1], host })) {
    throw new CatalystError('TRUST_INVALID', `${where}: "${entry.trim()}" is not secret_name=host (e.g. groq_api_key=api.example.com)`);
  }

  return { secret: match[1], host };
}

/** A host as people write it: `api.example.com`, with a port, or a whole URL. */
function hostOfEntry(text: string): string | null {
  return urlHost(/^https?:\/\//i.test(text) ? text : `https://${text}`);
}
