import type { CallStreamEvent } from '../bridge';

/**
 * A run event: the bridge's stream events; a run in the editor emits the runtime's own
 * events, which are the same shapes (attempt, chunk, retry, result).
 */
export type RunEvent = CallStreamEvent;

/** What the dialog shows while a run is going: attempts, waits and the answer as it streams. */
export interface RunProgress {
  attempt: number;

  /** Each scheduled retry with its wait and the reason for it, in order. */
  retries: Array<{ attempt: number; waitMs: number; reason: string }>;
  answer: string;
  reasoning: string;
  chunks: number;

  /** When the current attempt started and its first chunk arrived (ms, performance clock). */
  attemptStartedAt: number | null;
  firstChunkAt: number | null;
  lastChunkAt: number | null;
}

export const NO_PROGRESS: RunProgress = {
  attempt: 0,
  retries: [],
  answer: '',
  reasoning: '',
  chunks: 0,
  attemptStartedAt: null,
  firstChunkAt: null,
  lastChunkAt: null
};

/**
 * The progress after one more event. A new attempt starts the answer afresh: what a
 * failed attempt streamed is not what the worker would keep.
 */
export function advance(progress: RunProgress, event: RunEvent, now: number): RunProgress {
  switch (event.type) {
  case 'attempt':
    return { ...progress, attempt: event.attempt, answer: '', reasoning: '', chunks: 0, attemptStartedAt: now, firstChunkAt: null, lastChunkAt: null };
  case 'retry':
    return { ...progress, retries: [ ...progress.retries, { attempt: event.attempt, waitMs: event.waitMs, reason: event.reason } ] };
  case 'chunk':
    return {
      ...progress,
      answer: event.reasoning ? progress.answer : progress.answer + event.text,
      reasoning: event.reasoning ? progress.reasoning + event.text : progress.reasoning,
      chunks: progress.chunks + 1,
      firstChunkAt: progress.firstChunkAt ?? now,
      lastChunkAt: now
    };
  default:
    return progress;
  }
}

/**
 * Time to first token and tokens per second as the stream goes. Each streamed chunk
 * carries about one token with OpenAI-compatible servers, so chunks stand in for tokens
 * (the exact count arrives only with the usage block at the end).
 */
export function streamRates(progress: RunProgress): { timeToFirstTokenMs: number | null; tokensPerSecond: number | null } {
  const { attemptStartedAt, firstChunkAt, lastChunkAt, chunks } = progress;
  const timeToFirstTokenMs = attemptStartedAt !== null && firstChunkAt !== null ? Math.round(firstChunkAt - attemptStartedAt) : null;
  const streamingMs = firstChunkAt !== null && lastChunkAt !== null ? lastChunkAt - firstChunkAt : 0;
  const tokensPerSecond = chunks > 1 && streamingMs > 0 ? Math.round(((chunks - 1) / streamingMs) * 10_000) / 10 : null;

  return { timeToFirstTokenMs, tokensPerSecond };
}
