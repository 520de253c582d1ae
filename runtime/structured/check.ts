/**
 * The check of a structured answer (design §5.7): does the answer parse, does it follow the
 * task's schema, do tool-call arguments parse and follow their function's parameters, and
 * could every `#` mapping path read its JSON text. Pure: the executor decides the outcome.
 */
import type { UndecodablePath } from '../mapping';
import { decodeJsonText } from '../mapping/path';
import { isRecord, tryParseJson } from '../execute/json';
import type { StructuredProblem, StructuredVerdict } from '../types';
import { ANSWER_CONTENT_PATH } from './answer-path';
import { requestedFormat } from './format';
import { compileSchema, schemaProblems } from './schema-check';

/** A request body that may ask for JSON or offer tools names one of these members. */
const ASKS_FOR_STRUCTURE = /"(?:response_format|format|tools)"\s*:/;

export interface StructuredCheckInput {

  /** The request body as sent (JSON text or parsed). */
  request: unknown;

  /** The answer as response mapping sees it: `<think>` reasoning already split off. */
  answer: unknown;

  /** `#` mapping paths whose text did not parse. */
  undecodable?: readonly UndecodablePath[];

  /** Whether any mapping path continues into JSON text (`#`). */
  mapsIntoJson?: boolean;
}

/**
 * The verdict on a structured answer, or `null` when the task asks for text, maps no path
 * into JSON text and got no tool calls: then there is nothing to check.
 */
export function checkStructuredAnswer(input: StructuredCheckInput): StructuredVerdict | null {

  // Most tasks ask for text: spare them parsing the request body again on every call.
  if (typeof input.request === 'string' && !input.mapsIntoJson && !ASKS_FOR_STRUCTURE.test(input.request)) {
    return null;
  }

  const request = typeof input.request === 'string' ? tryParseJson(input.request) : input.request;
  const format = requestedFormat(request);
  const message = firstMessage(input.answer);

  // Tool calls are checked when the payload offered tools; mocks and odd servers send them otherwise.
  const offeredTools = isRecord(request) && Array.isArray(request.tools) && request.tools.length > 0;
  const toolCalls = offeredTools && Array.isArray(message?.tool_calls) ? message.tool_calls : [];
  const undecodable = input.undecodable ?? [];

  if (format.kind === 'text' && !input.mapsIntoJson && !toolCalls.length) {
    return null;
  }

  const problems: StructuredProblem[] = [];
  const verdict: StructuredVerdict = { requested: format.kind, source: ANSWER_CONTENT_PATH, valid: true, problems };
  const content = message?.content;
  const answeredWithTools = toolCalls.length > 0 && (content === null || content === undefined || content === '');

  if (format.schema) {
    verdict.schema = format.schema;
  }

  if (format.kind !== 'text' && !answeredWithTools) {
    const decoded = decodeJsonText(content ?? undefined);
    const refusal = typeof message?.refusal === 'string' && message.refusal ? message.refusal : null;

    if (refusal && (content === null || content === undefined || content === '')) {

      // OpenAI's structured outputs answer a request they will not serve with a refusal, not JSON.
      problems.push({ path: 'choices[0].message.refusal', message: `the model refused to answer: ${refusal}` });
    } else if ('error' in decoded) {
      problems.push({ path: ANSWER_CONTENT_PATH, message: `the answer is not JSON: ${decoded.error}` });
    } else {
      verdict.parsed = decoded.value;

      if (format.schema) {
        const compiled = compileSchema(format.schema);

        if ('unchecked' in compiled) {
          verdict.schemaUnchecked = compiled.unchecked;
        } else if ('error' in compiled) {
          problems.push({ path: ANSWER_CONTENT_PATH, message: compiled.error });
        } else {
          problems.push(...schemaProblems(compiled.validate, decoded.value, `${ANSWER_CONTENT_PATH}#`));
        }
      }
    }
  }

  problems.push(...toolCallProblems(toolCalls, request));

  for (const each of undecodable) {
    if (!problems.some(problem => problem.path === each.at)) {
      problems.push({ path: each.at, message: `mapped by ${each.variable}: ${each.message}` });
    }
  }

  verdict.valid = problems.length === 0;

  return verdict;
}

/** Each tool call's `function.arguments` must be JSON and follow its function's `parameters`. */
function toolCallProblems(toolCalls: unknown[], request: unknown): StructuredProblem[] {
  const problems: StructuredProblem[] = [];
  const parameters = functionParameters(request);

  toolCalls.forEach((call, index) => {
    const fn = isRecord(call) && isRecord(call.function) ? call.function : null;

    if (!fn) {
      return;
    }

    const path = `choices[0].message.tool_calls[${index}].function.arguments`;
    const decoded = decodeJsonText(fn.arguments ?? '{}');

    if ('error' in decoded) {
      problems.push({ path, message: `the arguments of ${String(fn.name)} are not JSON: ${decoded.error}` });

      return;
    }

    const schema = typeof fn.name === 'string' ? parameters.get(fn.name) : undefined;

    if (schema) {
      const compiled = compileSchema(schema);

      if ('validate' in compiled) {
        problems.push(...schemaProblems(compiled.validate, decoded.value, `${path}#`));
      }
    }
  });

  return problems;
}

function functionParameters(request: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const tools = isRecord(request) && Array.isArray(request.tools) ? request.tools : [];

  for (const tool of tools) {
    const fn = isRecord(tool) && isRecord(tool.function) ? tool.function : null;

    if (fn && typeof fn.name === 'string' && isRecord(fn.parameters)) {
      map.set(fn.name, fn.parameters);
    }
  }

  return map;
}

function firstMessage(answer: unknown): Record<string, unknown> | null {
  const choices = isRecord(answer) && Array.isArray(answer.choices) ? answer.choices : [];
  const choice = isRecord(choices[0]) ? choices[0] : null;

  return choice && isRecord(choice.message) ? choice.message : null;
}
