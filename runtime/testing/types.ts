import type { ExecutionResult, Outcome } from '../types';

/** One check on one variable: exactly one of these is set (resources/catalyst-tests.schema.json). */
export type VariableCheck =
  | { equals: unknown }
  | { contains: string }
  | { matches: string }
  | { schema: object | boolean };

export interface Expectations {
  outcome?: Outcome;

  /** Expected BPMN error code; implies `outcome: 'bpmnError'`. */
  bpmnError?: string;
  variables?: Record<string, VariableCheck | VariableCheck[]>;

  /** At most this many tokens in all (`usage.total_tokens`). */
  maxTokens?: number;

  /** At most this many milliseconds for the whole run. */
  maxMs?: number;
}

export interface TestCase {
  name: string;

  /** The Catalyst task's id in the diagram. */
  task: string;
  variables?: Record<string, unknown>;
  expect: Expectations;
}

/** A `<diagram>.catalyst-tests.json` file. */
export interface TestSuite {
  $schema?: string;
  version: 1;
  cases: TestCase[];
}

/** One HTTP exchange as recorded: no key, no header that could carry one. */
export interface RecordedExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

export interface Recording {

  /** ISO timestamp of the recording run. */
  recordedAt: string;
  task: string;

  /** How long the recorded run took; replays judge `maxMs` on it. */
  durationMs?: number;

  /** Every attempt of the run in order (a retried call has several). */
  exchanges: RecordedExchange[];
}

/** A `<diagram>.catalyst-recordings.json` file: case name → recording. */
export interface RecordingFile {
  version: 1;
  recordings: Record<string, Recording>;
}

/** How a run talks to providers: live, recording what it sees, or replaying recordings. */
export type RunMode = 'live' | 'record' | 'replay';

/** The verdict on one expectation. */
export interface CheckResult {

  /** What was expected, in words: `outcome is complete`, `aiReply contains "Paris"`. */
  label: string;
  passed: boolean;

  /** Why it failed (what was seen instead); absent when it passed. */
  detail?: string;
}

export interface CaseResult {
  name: string;
  task: string;
  passed: boolean;

  /** Checks in the order the case lists them; a run that could not start has one failed check. */
  checks: CheckResult[];

  /** How the case ran: live, recorded now, or replayed. */
  mode: RunMode;

  /** The runtime's result, when the task ran. */
  result: ExecutionResult | null;

  /** Total tokens the provider reported, when it did. */
  tokens: number | null;
  durationMs: number;

  /** A problem that stopped the case before expectations could be judged (no recording, changed prompt). */
  error: string | null;

  /** The recording made by this run (mode `record`), to be saved by the caller. */
  recording?: Recording;
}
