import { engineTypedValue } from '../runtime/structured/typed';
import type { Diagnostic, ExecutionResult } from '../runtime/types';

/** One lint finding as a row of `catalyst lint --format json`. */
export interface LintRow {
  file: string;
  taskId: string;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  from: number;
  to: number;
}

/** `file:taskId:severity:code: message` (design §8); line breaks in messages are flattened. */
export function formatLintLine(row: LintRow): string {
  return `${row.file}:${row.taskId}:${row.severity}:${row.code}: ${row.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** The `catalyst call --json` object: exactly the fields of design §8. */
export function callJson(result: ExecutionResult): object {
  return {
    outcome: result.outcome,
    variables: result.variables,
    bpmnError: result.bpmnError,
    error: result.error,
    statusCode: result.statusCode,
    attempts: result.attempts.map(({ statusCode, ms, waitedMs }) => ({ statusCode, ms, waitedMs })),
    durationMs: result.durationMs
  };
}

const MAX_SHOWN_CHARS = 400;

/** The human report of a call: outcome in words, attempts with waits, variables, warnings. */
export function formatCallReport(result: ExecutionResult): string {
  const lines = [ outcomeLine(result), 'attempts:' ];

  result.attempts.forEach((attempt, index) => {
    const status = attempt.statusCode === null ? 'no response' : `HTTP ${attempt.statusCode}`;
    const waited = index > 0 ? ` after waiting ${formatMs(attempt.waitedMs)}` : '';
    const error = attempt.error ? ` (${attempt.error.replace(/^HTTP \d{3}: /, '')})` : '';

    lines.push(`  ${index + 1}. ${status} in ${formatMs(attempt.ms)}${waited}${error}`);
  });

  if (!result.attempts.length) {
    lines.push('  none (stopped before sending a request)');
  }

  const names = Object.keys(result.variables);

  if (names.length) {
    lines.push('variables:');

    // The type is the one the worker gives the engine (design §5.7): what a gateway compares.
    for (const name of names) {
      const type = result.largeVariables.includes(name) ? 'Json' : engineTypedValue(result.variables[name]).type;

      lines.push(`  ${name} = ${shorten(JSON.stringify(result.variables[name]) ?? 'undefined')} (${type})`);
    }
  }

  if (result.finishReason === 'tool_calls') {
    lines.push('finish reason: tool_calls (the model asks for a tool call instead of answering)');
  }

  if (result.structured && !result.structured.valid) {
    lines.push(`structured answer (${result.structured.requested}) is invalid:`);

    for (const problem of result.structured.problems) {
      lines.push(`  ${problem.path}: ${problem.message}`);
    }
  }

  // The engine's String column holds 4,000 characters (design §5.4); say which values the
  // worker would store otherwise, since a process reading them gets a Json value.
  if (result.largeVariables.length) {
    lines.push(`note: ${result.largeVariables.join(', ')} ${result.largeVariables.length === 1 ? 'is' : 'are'} over 4,000 characters; the worker stores ${result.largeVariables.length === 1 ? 'it' : 'them'} as Json, not String`);
  }

  for (const warning of result.warnings) {
    lines.push(`warning: ${warning}`);
  }

  return lines.join('\n') + '\n';
}

function outcomeLine(result: ExecutionResult): string {
  const status = result.statusCode === null ? '' : ` with HTTP ${result.statusCode}`;
  const timing = ` in ${formatMs(result.durationMs)}`;

  switch (result.outcome) {
  case 'complete':
    return `completed${status}${timing}`;
  case 'bpmnError':
    return `BPMN error ${result.bpmnError?.code}${status}${timing}: ${result.bpmnError?.message ?? ''}`;
  default:
    return `failed${status}${timing}: ${result.error ?? 'unknown error'}`;
  }
}

/** `850 ms`, `1.2 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function shorten(text: string): string {
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} characters)`;
}
