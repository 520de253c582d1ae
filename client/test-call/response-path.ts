/** A step into a JSON value: a member name or an array index. */
export type JsonStep = string | number;

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/**
 * The response-mapping path of a node in the response body, in the syntax the runtime
 * reads (design §5.3): `choices[0].message.content`, `["odd key"]` for names that are not
 * identifiers.
 */
export function responsePath(steps: readonly JsonStep[]): string {
  return steps.map((step, index) => {
    if (typeof step === 'number') {
      return `[${step}]`;
    }

    if (IDENTIFIER.test(step)) {
      return index === 0 ? step : `.${step}`;
    }

    return `[${JSON.stringify(step)}]`;
  }).join('');
}

/**
 * A variable name for a node: its last member name made an identifier (`content` →
 * `content`, `finish_reason` → `finishReason`), `value` at the root or for indexes only.
 */
export function suggestedVariable(steps: readonly JsonStep[]): string {
  const name = [ ...steps ].reverse().find((step): step is string => typeof step === 'string') ?? 'value';
  const camel = name.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase());
  const identifier = camel.replace(/^[^A-Za-z_]+/, '');

  return identifier || 'value';
}
