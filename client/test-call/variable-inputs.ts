import { parseTemplate } from '../../runtime/template';

/** What the user typed for one payload variable, and whether it is meant as JSON. */
export interface VariableInput {
  text: string;
  json: boolean;

  /**
   * The variable has no value at all (a process that never set it), which is not the
   * empty text: it is left out of the run, and the run fails as in the worker.
   */
  unset?: boolean;
}

/** A typed value turned into the process variable the runtime sees, or why it cannot be. */
export type InputValue = { ok: true; value: unknown; asJson: boolean } | { ok: false; problem: string };

/**
 * The variables a payload uses, by root name, in the order they first appear: one input
 * each in the test dialog. A payload that does not parse still yields the names found.
 */
export function payloadVariables(payload: string): string[] {
  return [ ...new Set(parseTemplate(payload).placeholders.map(placeholder => placeholder.name)) ];
}

/**
 * The value a typed input stands for. Text is text, so a message such as `42` or `true`
 * stays a string, as a form field in a process would deliver it. It is JSON when the
 * user ticked "JSON" (then it must parse), or when it starts with `{` or `[` and parses:
 * objects and arrays are what `${order.items[0]}` steps into. Text that starts with `[`
 * but is not JSON (`[urgent] call back`) stays text.
 */
export function inputValue(input: VariableInput): InputValue {
  const trimmed = input.text.trim();
  const looksStructured = trimmed.startsWith('{') || trimmed.startsWith('[');

  if (!input.json && !looksStructured) {
    return { ok: true, value: input.text, asJson: false };
  }

  try {
    return { ok: true, value: JSON.parse(trimmed), asJson: true };
  } catch (error) {
    if (!input.json) {
      return { ok: true, value: input.text, asJson: false };
    }

    return { ok: false, problem: `not valid JSON (${(error as Error).message}); untick JSON to send it as text` };
  }
}

/**
 * The process variables for a run, or the problems naming each input at fault. An input
 * marked unset is left out, so the runtime says "variable … has no value" exactly as
 * `catalyst call` and the worker do for a variable the process never set.
 */
export function runVariables(names: readonly string[], inputs: Record<string, VariableInput>): { variables: Record<string, unknown>; problems: Record<string, string> } {
  const variables: Record<string, unknown> = {};
  const problems: Record<string, string> = {};

  for (const name of names) {
    if (inputs[name]?.unset) {
      continue;
    }

    const value = inputValue(inputs[name] ?? { text: '', json: false });

    if (value.ok) {
      variables[name] = value.value;
    } else {
      problems[name] = `${name}: ${value.problem}`;
    }
  }

  return { variables, problems };
}
