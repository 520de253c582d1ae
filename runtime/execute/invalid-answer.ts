import { DEFAULT_INVALID_RESPONSE_CODE } from '../config/properties';
import { isDecodeStep, parsePath } from '../mapping';
import type { ExecutionResult, TaskConfig } from '../types';
import { largeVariableNames, standardVariables } from './variables';

type Common = Pick<ExecutionResult, 'statusCode' | 'attempts' | 'response' | 'stream'>;

/**
 * An answer that is not the JSON the task asked for (design §5.7): a BPMN error with the
 * task's code (default `INVALID_RESPONSE`) and the standard variables, or a failure the
 * engine retries when the task says `failure`. Mapped variables are not set: a gateway must
 * never route on half an answer.
 */
export function invalidAnswer(
    common: Common,
    config: TaskConfig,
    structured: NonNullable<ExecutionResult['structured']>,
    warnings: string[],
    answer: { reasoning: string | null; finishReason: string | null }
): Omit<ExecutionResult, 'durationMs'> {
  const first = structured.problems[0];
  const more = structured.problems.length > 1 ? ` (and ${structured.problems.length - 1} more)` : '';
  const what = structured.requested === 'schema' ? 'the answer does not match the task\'s schema' : 'the answer is not the JSON the task asked for';
  const message = `${what}: ${first.path}: ${first.message}${more}`;
  const variables = standardVariables({ body: common.response?.body ?? '', statusCode: common.statusCode, success: false, error: message });
  const code = config.invalidResponseCode === undefined ? DEFAULT_INVALID_RESPONSE_CODE : config.invalidResponseCode;
  const base = {
    ...common,
    variables,
    warnings,
    largeVariables: largeVariableNames(variables),
    reasoning: answer.reasoning,
    finishReason: answer.finishReason,
    structured,
    retryTimeoutMs: null
  };

  return code
    ? { ...base, outcome: 'bpmnError', bpmnError: { code, message }, error: null }
    : { ...base, outcome: 'failure', bpmnError: null, error: message };
}

/** Whether a response-mapping path continues into JSON text (`#`). */
export function mapsIntoJson(mapping: Record<string, string>): boolean {
  return Object.values(mapping).some(path => {
    try {
      return path.includes('#') && parsePath(path).some(isDecodeStep);
    } catch {
      return false;
    }
  });
}
