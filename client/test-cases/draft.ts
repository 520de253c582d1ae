import { suggestExpectations } from '../../runtime/testing/suggest';
import { tokensUsed } from '../../runtime/testing/tokens';
import type { Expectations } from '../../runtime/testing/types';
import type { ExecutionResult } from '../../runtime/types';

/** A case being saved from a result: what the form shows and the user may change. */
export interface CaseDraft {
  name: string;

  /** The expectations as editable JSON. */
  expectText: string;

  /** The variables the result was produced with (never a key). */
  variables: Record<string, unknown>;
}

const NAME_CHARS = 48;

/**
 * A draft from the result the user has just seen: the inputs it ran with (the key variable
 * left out), expectations suggested from it, and a name from the first text input.
 */
export function draftFromResult(result: ExecutionResult, variables: Record<string, unknown>, secretVariable: string | null, taskId: string): CaseDraft {
  const kept = Object.fromEntries(Object.entries(variables).filter(([ name ]) => name !== secretVariable));

  return {
    name: nameFrom(kept, taskId),
    expectText: JSON.stringify(suggestExpectations(result, tokensUsed(result)), null, 2),
    variables: kept
  };
}

/** The draft's expectations, or the reason they cannot be read. */
export function readExpectations(text: string): { ok: true; expect: Expectations } | { ok: false; problem: string } {
  let value: unknown;

  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `Expectations: not valid JSON (${(error as Error).message})` };
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'Expectations: must be a JSON object such as {"outcome": "complete"}' };
  }

  return { ok: true, expect: value as Expectations };
}

function nameFrom(variables: Record<string, unknown>, taskId: string): string {
  const text = Object.values(variables).find((value): value is string => typeof value === 'string' && value.trim() !== '');

  if (!text) {
    return `${taskId} case`;
  }

  const line = text.trim().replace(/\s+/g, ' ');

  return line.length > NAME_CHARS ? `${line.slice(0, NAME_CHARS - 1)}…` : line;
}
