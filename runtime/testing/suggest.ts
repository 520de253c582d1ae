import type { ExecutionResult } from '../types';
import type { Expectations, TestCase } from './types';

/** Variables every run sets; expectations about them say little about the answer. */
const STANDARD_VARIABLES = new Set([ 'catalyst_responseBody', 'catalyst_statusCode', 'catalyst_success', 'catalyst_error' ]);

/** How much slower than seen a saved case may be before it fails. */
const TIME_HEADROOM = 3;
const MIN_MAX_MS = 5000;

/** Token budget over what was seen: answers vary in length from run to run. */
const TOKEN_HEADROOM = 1.5;

/**
 * Expectations for a new case, from a result the user has just seen: the outcome (and BPMN
 * error code), each mapped variable the answer set (text: not empty, so a re-worded
 * answer still passes; other values: equal), tokens and time with headroom.
 */
export function suggestExpectations(result: ExecutionResult, tokens: number | null): Expectations {
  const expect: Expectations = {};

  if (result.outcome === 'bpmnError' && result.bpmnError) {
    expect.bpmnError = result.bpmnError.code;
  } else {
    expect.outcome = result.outcome;
  }

  if (result.outcome === 'complete') {
    const variables: NonNullable<Expectations['variables']> = {};

    for (const [ name, value ] of Object.entries(result.variables)) {
      if (STANDARD_VARIABLES.has(name) || value === undefined) {
        continue;
      }

      variables[name] = typeof value === 'string' ? { matches: '\\S' } : { equals: value };
    }

    if (Object.keys(variables).length) {
      expect.variables = variables;
    }

    if (tokens !== null) {
      expect.maxTokens = Math.ceil(tokens * TOKEN_HEADROOM);
    }

    expect.maxMs = Math.max(MIN_MAX_MS, Math.ceil(result.durationMs * TIME_HEADROOM / 1000) * 1000);
  }

  return expect;
}

/** A new case for a task, named uniquely among `existing`. */
export function newTestCase(task: string, name: string, variables: Record<string, unknown>, expect: Expectations, existing: readonly TestCase[]): TestCase {
  return { name: uniqueName(name, existing), task, variables, expect };
}

function uniqueName(name: string, existing: readonly TestCase[]): string {
  const taken = new Set(existing.map(each => each.name));
  let candidate = name.trim() || 'case';

  for (let number = 2; taken.has(candidate); number++) {
    candidate = `${name.trim() || 'case'} (${number})`;
  }

  return candidate;
}
