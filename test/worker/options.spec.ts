import { describe, expect, it } from 'vitest';

import { parseWorkerOptions, WORKER_DEFAULTS } from '../../worker/options';

const NO_FILES = () => {
  throw new Error('ENOENT: no such file');
};

function parse(args: string[], env: Record<string, string> = {}, readFile: (path: string) => string = NO_FILES) {
  return parseWorkerOptions(args, { env, readFile });
}

describe('worker/options', () => {

  it('uses Camunda 7 Run\'s REST root and the documented defaults when nothing is given', () => {

    // when
    const options = parse([]);

    // then
    expect(options).toMatchObject({
      engineUrl: 'http://localhost:8080/engine-rest',
      auth: { type: 'none' },
      ...WORKER_DEFAULTS
    });
    expect(options.workerId).toMatch(/^catalyst-.+-\d+$/);
  });

  it('reads every setting from the environment', () => {

    // when
    const options = parse([], {
      CATALYST_ENGINE_URL: 'https://engine.example/engine-rest/',
      CATALYST_WORKER_ID: 'worker-7',
      CATALYST_MAX_TASKS: '50',
      CATALYST_LOCK_DURATION: 'PT2M',
      CATALYST_LONG_POLL: '0',
      CATALYST_ENGINE_RETRIES: '5',
      CATALYST_SHUTDOWN_TIMEOUT: 'PT10S',
      CATALYST_SECRETS_DIR: '/secrets'
    });

    // then
    expect(options).toMatchObject({
      engineUrl: 'https://engine.example/engine-rest',
      workerId: 'worker-7',
      maxTasks: 50,
      lockDurationMs: 120_000,
      longPollMs: 0,
      engineRetries: 5,
      shutdownTimeoutMs: 10_000,
      secretsDir: '/secrets'
    });
  });

  it('stores Strings up to 4,000 characters and longer ones as Json, and waits 30 s doubling up to 10 minutes between engine retries, by default', () => {

    // when
    const options = parse([]);

    // then
    expect(options.stringRule).toEqual({ limit: 4_000, longValues: 'json' });
    expect(options.retryTimeouts).toEqual({ baseMs: 30_000, maxMs: 600_000 });
  });

  it('reads the String limit, the long-value policy and the engine retry waits from options or the environment', () => {

    // when
    const fromArgs = parse([ '--string-limit', '2000', '--long-values', 'truncate', '--engine-retry-timeout', 'PT1M', '--engine-retry-timeout-max', 'PT30M' ]);
    const fromEnv = parse([], { CATALYST_STRING_LIMIT: '2000', CATALYST_LONG_VALUES: 'fail', CATALYST_ENGINE_RETRY_TIMEOUT: '5000' });

    // then
    expect(fromArgs).toMatchObject({ stringRule: { limit: 2_000, longValues: 'truncate' }, retryTimeouts: { baseMs: 60_000, maxMs: 1_800_000 } });
    expect(fromEnv).toMatchObject({ stringRule: { limit: 2_000, longValues: 'fail' }, retryTimeouts: { baseMs: 5_000, maxMs: 600_000 } });
  });

  it('refuses a String limit the engine cannot store, an unknown long-value policy and a cap below the first wait, naming each', () => {

    // then
    expect(() => parse([ '--string-limit', '8000' ])).toThrow(/--string-limit: expected a whole number from 1 to 4000, got "8000"/);
    expect(() => parse([], { CATALYST_LONG_VALUES: 'clob' })).toThrow(/CATALYST_LONG_VALUES: expected one of json, truncate, fail, got "clob"/);
    expect(() => parse([ '--engine-retry-timeout', 'PT5M', '--engine-retry-timeout-max', 'PT1M' ])).toThrow(/--engine-retry-timeout-max: the longest wait must not be shorter than the first/);
  });

  it('pauses longer between fetches when long polling is off, unless told otherwise', () => {

    // then
    expect(parse([ '--long-poll', '0' ]).pollIntervalMs).toBe(500);
    expect(parse([ '--long-poll', '0', '--poll-interval', '100' ]).pollIntervalMs).toBe(100);
  });

  it('prefers an option over the environment', () => {

    // when
    const options = parse([ '--max-tasks', '3', '--lock-duration=45000' ], { CATALYST_MAX_TASKS: '50' });

    // then
    expect(options.maxTasks).toBe(3);
    expect(options.lockDurationMs).toBe(45_000);
  });

  it('names the option at fault', () => {

    // then
    expect(() => parse([ '--max-tasks', 'many' ])).toThrow('--max-tasks: expected a whole number from 1 to 1000, got "many"');
  });

  it('names the environment variable at fault', () => {

    // then
    expect(() => parse([], { CATALYST_LOCK_DURATION: 'soon' })).toThrow(/^CATALYST_LOCK_DURATION: expected an ISO-8601 duration/);
  });

  it('refuses a lock shorter than a second', () => {

    // then
    expect(() => parse([ '--lock-duration', '500' ])).toThrow('--lock-duration: expected at least 1000 ms, got "500"');
  });

  it('refuses a long poll the engine would refuse', () => {

    // then
    expect(() => parse([ '--long-poll', 'PT31M' ])).toThrow(/--long-poll: expected from 0 to 1800000 ms/);
  });

  it('refuses an unknown option by name', () => {

    // then
    expect(() => parse([ '--max-task', '3' ])).toThrow(/--max-task/);
  });

  it('refuses an engine URL that is not http(s)', () => {

    // then
    expect(() => parse([ '--engine-url', 'ftp://engine' ])).toThrow('--engine-url: expected an http or https URL, got "ftp://engine"');
  });

  it('refuses credentials in the engine URL', () => {

    // then
    expect(() => parse([], { CATALYST_ENGINE_URL: 'http://demo:demo@localhost:8080/engine-rest' })).toThrow(/^CATALYST_ENGINE_URL: put credentials/);
  });

  it('takes basic auth from user and password variables', () => {

    // when
    const options = parse([], { CATALYST_ENGINE_USER: 'demo', CATALYST_ENGINE_PASSWORD: 'pw' });

    // then
    expect(options.auth).toEqual({ type: 'basic', username: 'demo', password: 'pw' });
  });

  it('reads the password from a file, trimmed', () => {

    // when
    const options = parse([ '--engine-user', 'demo', '--engine-password-file', '/run/secrets/engine' ], {}, () => 'pw-from-file\n');

    // then
    expect(options.auth).toEqual({ type: 'basic', username: 'demo', password: 'pw-from-file' });
  });

  it('names an unreadable password file', () => {

    // then
    expect(() => parse([ '--engine-user', 'demo', '--engine-password-file', '/nope' ])).toThrow(/^--engine-password-file: cannot read "\/nope"/);
  });

  it('refuses a user without a password', () => {

    // then
    expect(() => parse([ '--engine-user', 'demo' ])).toThrow(/^--engine-user: basic auth needs a password/);
  });

  it('takes a bearer token, but not together with basic auth', () => {

    // then
    expect(parse([], { CATALYST_ENGINE_TOKEN: 'tok' }).auth).toEqual({ type: 'bearer', token: 'tok' });
    expect(() => parse([ '--engine-user', 'demo' ], { CATALYST_ENGINE_TOKEN: 'tok', CATALYST_ENGINE_PASSWORD: 'pw' }))
      .toThrow(/choose basic auth or a bearer token/);
  });

  describe('--trust: the optional allowlist for keys', () => {

    it('is off by default: operators deploy their own diagrams', () => {

      // then
      expect(parse([]).trustedHosts).toBeUndefined();
    });

    it('reads pairs from --trust or CATALYST_TRUST, and "catalog" for the catalog\'s pairs and loopback only', () => {

      // then
      expect(parse([ '--trust', 'groq_api_key=llm.internal,openai_api_key=proxy.internal' ]).trustedHosts).toEqual([
        { secret: 'groq_api_key', host: 'llm.internal' },
        { secret: 'openai_api_key', host: 'proxy.internal' }
      ]);
      expect(parse([], { CATALYST_TRUST: 'groq_api_key=llm.internal' }).trustedHosts).toEqual([ { secret: 'groq_api_key', host: 'llm.internal' } ]);
      expect(parse([ '--trust', 'catalog' ]).trustedHosts).toEqual([]);
    });

    it('names an entry that is not secret=host', () => {

      // then
      expect(() => parse([], { CATALYST_TRUST: 'llm.internal' })).toThrow('CATALYST_TRUST: "llm.internal" is not secret_name=host');
    });
  });
});
