import type { ExecutionResult } from '../../runtime/types';
import type { UntrustedSend } from '../bridge';

import { advance, NO_PROGRESS, type RunEvent, type RunProgress } from './run-progress';
import type { RunRecord, TaskRuns } from './run-store';
import type { RunEnd } from './run-task';
import type { VariableInput } from './variable-inputs';

/** Finished runs kept in memory for the result and the comparison (full results, unlike the stored history). */
export const SESSION_RUNS = 5;

/** One finished run of this session: what was sent and what came back. No secret. */
export interface SessionRun {

  /** 1, 2, 3 … in the order the runs were sent. */
  number: number;
  at: number;
  inputs: Record<string, VariableInput>;
  result: ExecutionResult | null;
  cancelled: boolean;
}

/** Everything the test call shows, changed only through {@link testCallReducer}. */
export interface TestCallState {
  inputs: Record<string, VariableInput>;
  problems: Record<string, string>;
  secretValue: string;
  apiKey: string;
  withRetries: boolean;
  stream: boolean;

  running: boolean;
  progress: RunProgress;

  /** Newest first. The first one is the result shown; it stays while the next run goes. */
  runs: SessionRun[];
  sent: number;

  /** Why the last run could not run at all (no result), or the trust rule's refusal. */
  runError: string | null;
  refused: UntrustedSend | null;
  curl: { command?: string; message: string } | null;

  /** Variables of the last sent run, for "save as test case" (may hold the `${secret}` variable: memory only). */
  sentVariables: Record<string, unknown>;
  history: RunRecord[];
}

export type TestCallAction =
  | { type: 'input'; name: string; change: Partial<VariableInput> }
  | { type: 'reuse'; inputs: Record<string, VariableInput> }
  | { type: 'option'; change: Partial<Pick<TestCallState, 'secretValue' | 'apiKey' | 'withRetries' | 'stream'>> }
  | { type: 'problems'; problems: Record<string, string> }
  | { type: 'start'; variables: Record<string, unknown> }
  | { type: 'event'; event: RunEvent; now: number }
  | { type: 'finish'; end: RunEnd; inputs: Record<string, VariableInput>; history: RunRecord[]; at: number }
  | { type: 'fail'; message: string | null; refused: UntrustedSend | null }
  | { type: 'curl'; curl: TestCallState['curl'] };

/** The state when the test call opens for a task: its remembered inputs and history. */
export function initialState(stored: TaskRuns): TestCallState {
  return {
    inputs: stored.inputs,
    problems: {},
    secretValue: '',
    apiKey: '',
    withRetries: true,
    stream: false,
    running: false,
    progress: NO_PROGRESS,
    runs: [],
    sent: 0,
    runError: null,
    refused: null,
    curl: null,
    sentVariables: {},
    history: stored.history
  };
}

const EMPTY_INPUT: VariableInput = { text: '', json: false };

/** The test call's state after one action. */
export function testCallReducer(state: TestCallState, action: TestCallAction): TestCallState {
  switch (action.type) {
  case 'input':
    return { ...state, inputs: { ...state.inputs, [action.name]: { ...(state.inputs[action.name] ?? EMPTY_INPUT), ...action.change } } };
  case 'reuse':
    return { ...state, inputs: action.inputs };
  case 'option':
    return { ...state, ...action.change };
  case 'problems':
    return { ...state, problems: action.problems };
  case 'start':
    return { ...state, running: true, sent: state.sent + 1, progress: NO_PROGRESS, runError: null, refused: null, sentVariables: action.variables };
  case 'event':
    return state.running ? { ...state, progress: advance(state.progress, action.event, action.now) } : state;
  case 'finish': {
    const run: SessionRun = { number: state.sent, at: action.at, inputs: action.inputs, result: action.end.result, cancelled: action.end.cancelled };

    return { ...state, running: false, runs: [ run, ...state.runs ].slice(0, SESSION_RUNS), history: action.history };
  }
  case 'fail':
    return { ...state, running: false, runError: action.message, refused: action.refused };
  case 'curl':
    return { ...state, curl: action.curl };
  }
}
