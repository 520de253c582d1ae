import { isRecord } from './json';
import { splitThink } from './think';

const THINK_START = /^\s*<think>/;

export interface AnswerReading {
  reasoning: string | null;
  finishReason: string | null;
  warnings: string[];

  /** The body as response mapping sees it: content without a `<think>` prefix. */
  mappingView: unknown;
}

/**
 * Read what a chat-completions body says beyond its content: the reasoning (a `reasoning` /
 * `reasoning_content` field or a `<think>` prefix), why generation stopped, and warnings.
 */
export function readAnswer(body: unknown): AnswerReading {
  const choices = isRecord(body) && Array.isArray(body.choices) ? body.choices : [];
  const choice = isRecord(choices[0]) ? choices[0] : {};
  const message = isRecord(choice.message) ? choice.message : {};
  const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
  const warnings: string[] = [];

  if (finishReason === 'length') {
    warnings.push('the answer was cut off at the token limit (finish_reason "length"); raise max_tokens to get all of it');
  }

  const fieldReasoning = nonEmptyText(message.reasoning) ?? nonEmptyText(message.reasoning_content);

  // Most answers have no think block; skip the splitter for them.
  if (typeof message.content !== 'string' || !THINK_START.test(message.content)) {
    return { reasoning: fieldReasoning, finishReason, warnings, mappingView: body };
  }

  const split = splitThink(message.content);

  if (split.reasoning === null) {
    return { reasoning: fieldReasoning, finishReason, warnings, mappingView: body };
  }

  const reasoning = fieldReasoning ? `${fieldReasoning}\n${split.reasoning}` : split.reasoning;
  const mappingView = {
    ...(body as Record<string, unknown>),
    choices: [ { ...choice, message: { ...message, content: split.answer } }, ...choices.slice(1) ]
  };

  return { reasoning, finishReason, warnings, mappingView };
}

function nonEmptyText(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
