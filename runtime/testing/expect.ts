import type { ExecutionResult } from '../types';
import { compileSchema } from './test-file';
import type { CheckResult, Expectations, VariableCheck } from './types';

/**
 * Judge a run against a case's expectations, one result per expectation in the order the
 * file lists them (outcome, BPMN error, variables, tokens, time).
 */
export function judge(expect: Expectations, result: ExecutionResult, tokens: number | null): CheckResult[] {
  const checks: CheckResult[] = [];
  const outcome = expect.bpmnError !== undefined ? 'bpmnError' : expect.outcome;

  if (outcome !== undefined) {
    checks.push(check(`outcome is ${outcome}`, result.outcome === outcome, () => `it was ${describeOutcome(result)}`));
  }

  if (expect.bpmnError !== undefined) {
    const code = result.bpmnError?.code ?? null;

    checks.push(check(`BPMN error ${expect.bpmnError}`, code === expect.bpmnError, () => code ? `the BPMN error was ${code}` : 'no BPMN error was thrown'));
  }

  for (const [ name, given ] of Object.entries(expect.variables ?? {})) {
    for (const each of Array.isArray(given) ? given : [ given ]) {
      checks.push(checkVariable(name, each, result.variables));
    }
  }

  if (expect.maxTokens !== undefined) {
    const limit = expect.maxTokens;

    checks.push(check(`at most ${limit} tokens`, tokens !== null && tokens <= limit,
      () => tokens === null ? 'the provider reported no token usage' : `it used ${tokens} tokens`));
  }

  if (expect.maxMs !== undefined) {
    const limit = expect.maxMs;

    checks.push(check(`at most ${limit} ms`, result.durationMs <= limit, () => `it took ${result.durationMs} ms`));
  }

  return checks;
}

function check(label: string, passed: boolean, detail: () => string): CheckResult {
  return passed ? { label, passed } : { label, passed, detail: detail() };
}

function checkVariable(name: string, given: VariableCheck, variables: Record<string, unknown>): CheckResult {
  const present = Object.prototype.hasOwnProperty.call(variables, name);
  const value = variables[name];
  const seen = () => present ? `it is ${preview(value)}` : `${name} was not set`;

  if ('equals' in given) {
    return check(`${name} equals ${preview(given.equals)}`, present && deepEqual(value, given.equals), seen);
  }

  if ('contains' in given) {
    return check(`${name} contains ${JSON.stringify(given.contains)}`, typeof value === 'string' && value.includes(given.contains), seen);
  }

  if ('matches' in given) {
    return check(`${name} matches /${given.matches}/`, typeof value === 'string' && new RegExp(given.matches, 'u').test(value), seen);
  }

  const validate = compileSchema(given.schema);
  const outcome = present ? validate(value) : { valid: false, message: null };

  return check(`${name} matches its JSON schema`, present && outcome.valid, () => present ? `${outcome.message}; ${seen()}` : seen());
}

function describeOutcome(result: ExecutionResult): string {
  switch (result.outcome) {
  case 'bpmnError':
    return `BPMN error ${result.bpmnError?.code}`;
  case 'failure':
    return `a failure: ${result.error}`;
  default:
    return 'complete';
  }
}

const PREVIEW_CHARS = 120;

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';

  return text.length <= PREVIEW_CHARS ? text : `${text.slice(0, PREVIEW_CHARS)}… (${text.length} characters)`;
}

/** Equality of JSON values; key order of objects does not matter. */
function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) {
    return true;
  }

  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) {
    return false;
  }

  if (Array.isArray(left) !== Array.isArray(right)) {
    return false;
  }

  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);

  return leftKeys.length === rightKeys.length && leftKeys.every(key =>
    Object.prototype.hasOwnProperty.call(right, key) && deepEqual((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]));
}
