import type { ExecutionResult } from '../../runtime/types';

import type { VariableInput } from './variable-inputs';

/** One finished run, as the history keeps it: enough to compare, never a secret. */
export interface RunRecord {
  at: number;
  outcome: ExecutionResult['outcome'] | 'cancelled';
  statusCode: number | null;
  durationMs: number;
  attempts: number;
  sizeBytes: number | null;
  finishReason: string | null;
  bpmnErrorCode: string | null;

  /** The first mapped answer or the error, cut short. */
  summary: string;
  inputs: Record<string, VariableInput>;
}

/** What the dialog keeps per task between runs. */
export interface TaskRuns {
  inputs: Record<string, VariableInput>;
  history: RunRecord[];
}

/** Runs kept per task; older ones drop off. */
export const HISTORY_LENGTH = 5;

const SUMMARY_CHARS = 160;
const KEY_PREFIX = 'catalyst.testCall';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/**
 * The last inputs and the run history of each task, kept outside the diagram (the
 * browser's localStorage of the Modeler) keyed by diagram id and task id: test values are
 * the user's, not the process's, and must never reach the XML. Secrets are never kept:
 * records hold inputs and outcomes only.
 */
export class RunStore {
  constructor(private readonly storage: Storage | null = defaultStorage()) {}

  load(diagramId: string, taskId: string): TaskRuns {
    try {
      const stored = JSON.parse(this.storage?.getItem(keyOf(diagramId, taskId)) ?? 'null') as TaskRuns | null;

      if (stored && typeof stored.inputs === 'object' && Array.isArray(stored.history)) {
        return stored;
      }
    } catch {

      // a damaged entry is as good as none
    }

    return { inputs: {}, history: [] };
  }

  /** Remembers the inputs of a run and, when it finished, its record (newest first). */
  save(diagramId: string, taskId: string, inputs: Record<string, VariableInput>, record?: RunRecord): TaskRuns {
    const previous = this.load(diagramId, taskId);
    const runs = {
      inputs,
      history: record ? [ record, ...previous.history ].slice(0, HISTORY_LENGTH) : previous.history
    };

    try {
      this.storage?.setItem(keyOf(diagramId, taskId), JSON.stringify(runs));
    } catch {

      // storage full or disabled: the dialog still works, it only forgets
    }

    return runs;
  }
}

/** The history record of a result. */
export function recordOf(result: ExecutionResult | null, cancelled: boolean, inputs: Record<string, VariableInput>, at = Date.now()): RunRecord {
  return {
    at,
    outcome: cancelled || !result ? 'cancelled' : result.outcome,
    statusCode: result?.statusCode ?? null,
    durationMs: result?.durationMs ?? 0,
    attempts: result?.attempts.length ?? 0,
    sizeBytes: result?.response?.sizeBytes ?? null,
    finishReason: result?.finishReason ?? null,
    bpmnErrorCode: result?.bpmnError?.code ?? null,
    summary: summaryOf(result),
    inputs
  };
}

function summaryOf(result: ExecutionResult | null): string {
  const text = answerText(result);

  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

/** What a run said in words: the error, else the BPMN error's message, else the first mapped text variable. */
export function answerText(result: ExecutionResult | null): string {
  if (!result) {
    return '';
  }

  return result.error ?? result.bpmnError?.message ?? firstMappedText(result.variables) ?? '';
}

function firstMappedText(variables: Record<string, unknown>): string | undefined {
  const mapped = Object.entries(variables).find(([ name, value ]) => !name.startsWith('catalyst_') && typeof value === 'string');

  return mapped?.[1] as string | undefined;
}

function keyOf(diagramId: string, taskId: string): string {
  return `${KEY_PREFIX}:${diagramId}:${taskId}`;
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
