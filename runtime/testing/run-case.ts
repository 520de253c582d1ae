import { readTaskConfig, secretVariableName } from '../config';
import { CatalystError, messageOf } from '../errors';
import { executeTask } from '../execute';
import type { ExecuteOptions, ExecutionResult, SecretStore, TaskConfig, TaskProperties } from '../types';
import { judge } from './expect';
import { recordingFetch, rememberingStore, replayFetch, replaySecretStore, REPLAY_KEY } from './recording';
import { tokensUsed } from './tokens';
import type { CaseResult, Recording, RunMode, TestCase } from './types';

export interface RunCaseOptions {
  mode: RunMode;

  /** The case's recording (replay). */
  recording?: Recording;
  secrets: SecretStore;

  /** Injected for tests and hosts; default globalThis.fetch. Never called in replay. */
  fetch?: typeof fetch;

  /** Chat-completions URL replacing every task's `catalyst.url` for this run. */
  endpoint?: string;

  /** Variables every case gets (a key passed as a process variable); the case's own win. */
  variables?: Record<string, unknown>;
  retries?: number;
  signal?: AbortSignal;

  /** Clock for `recordedAt` (tests). */
  now?: () => Date;

  /**
   * What the host's own calls pass to executeTask besides variables, secrets and fetch (a
   * key's trusted hosts, a response size limit): live and recording runs go the same way
   * as the host's `call`. Replays send no key and use none of it.
   */
  executeOptions?: Partial<ExecuteOptions>;

  /** The runtime's executeTask as the host runs it (the bridge's runtime port); default the runtime's own. */
  execute?: typeof executeTask;
}

/**
 * Run one saved case through the runtime, exactly as a test call or the worker would, and
 * judge its expectations. Live runs talk to the provider; recording runs do and keep each
 * exchange (no key, no header that carries one); replays answer from the recording without
 * key or network, and fail with "the prompt changed" when the rendered request differs.
 *
 * Never throws for expected problems: they are a failed case with `error` set.
 */
export async function runCase(properties: TaskProperties, testCase: TestCase, options: RunCaseOptions): Promise<CaseResult> {
  const base = { name: testCase.name, task: testCase.task, mode: options.mode };
  let config: TaskConfig;

  try {
    config = readTaskConfig(properties);
  } catch (error) {
    if (error instanceof CatalystError) {
      return stopped(base, `the task cannot run: ${error.message}`);
    }

    throw error;
  }

  if (options.endpoint) {
    config = { ...config, url: options.endpoint };
  }

  const variables = { ...options.variables, ...testCase.variables };

  if (options.mode === 'replay') {
    return replay(config, testCase, variables, options, base);
  }

  const seen = new Set<string>();
  const secrets = rememberingStore(options.secrets, seen);
  const recorder = options.mode === 'record' ? recordingFetch(options.fetch ?? globalThis.fetch, seen) : null;
  const variableSecret = secretVariableOf(config);

  if (variableSecret && typeof variables[variableSecret] === 'string') {
    seen.add(variables[variableSecret] as string);
  }

  const execute = options.execute ?? executeTask;
  const result = await execute(config, {
    ...options.executeOptions,
    variables,
    secrets,
    retries: options.retries,
    signal: options.signal,
    fetch: recorder?.fetch ?? options.fetch
  });
  const judged = judgeRun(base, testCase, result, result.durationMs);

  if (recorder && result.attempts.length) {
    judged.recording = {
      recordedAt: (options.now ?? (() => new Date()))().toISOString(),
      task: testCase.task,
      durationMs: result.durationMs,
      exchanges: recorder.exchanges
    };
  }

  return judged;
}

async function replay(config: TaskConfig, testCase: TestCase, variables: Record<string, unknown>, options: RunCaseOptions, base: Base): Promise<CaseResult> {
  const { recording } = options;

  if (!recording) {
    return stopped(base, 'no recording for this case: run it once with --record (it needs the key and the provider)');
  }

  if (recording.task !== testCase.task) {
    return stopped(base, `the recording is of task ${recording.task}, the case runs ${testCase.task}; re-record with --record`);
  }

  const variableSecret = secretVariableOf(config);
  const replayVariables = variableSecret && variables[variableSecret] === undefined ? { ...variables, [variableSecret]: REPLAY_KEY } : variables;
  const replayer = replayFetch(recording);
  const execute = options.execute ?? executeTask;

  const result = await execute(config, {
    variables: replayVariables,
    secrets: replaySecretStore,
    retries: options.retries,
    signal: options.signal,
    fetch: replayer.fetch,

    // The recorded answers say how long a retry waited; a replay need not wait again.
    sleep: async () => {}
  });
  const mismatch = replayer.mismatch();

  if (mismatch) {
    return { ...stopped(base, mismatch.message), result };
  }

  // Timing is judged on the recorded run: a replay takes no time worth judging.
  return judgeRun(base, testCase, result, recording.durationMs ?? result.durationMs);
}

type Base = Pick<CaseResult, 'name' | 'task' | 'mode'>;

function judgeRun(base: Base, testCase: TestCase, result: ExecutionResult, durationMs: number): CaseResult {
  const tokens = tokensUsed(result);
  const checks = judge(testCase.expect, { ...result, durationMs }, tokens);

  return { ...base, passed: checks.every(each => each.passed), checks, result, tokens, durationMs, error: null };
}

function stopped(base: Base, message: string): CaseResult {
  return {
    ...base,
    passed: false,
    checks: [ { label: 'the case runs', passed: false, detail: message } ],
    result: null,
    tokens: null,
    durationMs: 0,
    error: message
  };
}

function secretVariableOf(config: TaskConfig): string | null {
  return config.authType !== 'none' && config.secretSource === 'variable' ? secretVariableName(config.secretName) : null;
}

/** A message for a case that threw anyway (a bug in a host's fetch): the run goes on. */
export function crashedCase(testCase: TestCase, mode: RunMode, error: unknown): CaseResult {
  return caseNotRun(testCase, mode, `the case could not run: ${messageOf(error)}`);
}

/** A case that cannot start (its task is not in the diagram): failed, with `message` as its error. */
export function caseNotRun(testCase: TestCase, mode: RunMode, message: string): CaseResult {
  return stopped({ name: testCase.name, task: testCase.task, mode }, message);
}
