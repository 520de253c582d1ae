/**
 * Renders a payload template into the JSON request body (design §4): inside a string a
 * value goes in JSON-escaped, as a whole value its JSON goes in. Refuses, before any
 * request, a template that is malformed, a variable without value, or a result that
 * is not JSON.
 */

import { TemplateError, messageOf } from '../errors';
import type { Placeholder } from '../types';
import { formatPath, resolvePath } from '../mapping/path';
import { parseTemplate, type TemplateParse } from './parse';

// The worker and the bridge render the same few templates again and again, and parsing is
// most of a render's cost; parses are never mutated, so a small cache by text is safe.
const CACHED_PARSES = 32;
const recentParses = new Map<string, TemplateParse>();

function parseCached(text: string): TemplateParse {
  let parsed = recentParses.get(text);

  if (!parsed) {
    parsed = parseTemplate(text);

    if (recentParses.size >= CACHED_PARSES) {
      recentParses.delete(recentParses.keys().next().value as string);
    }

    recentParses.set(text, parsed);
  }

  return parsed;
}

function unserializable(placeholder: Placeholder, why: string): TemplateError {
  return new TemplateError('template/unserializable-value',
    `\${${placeholder.expression}}: the value of ${placeholder.name} ${why}`,
    { from: placeholder.from, to: placeholder.to, variable: placeholder.name });
}

function valueJson(value: unknown, placeholder: Placeholder): string {

  // JSON.stringify would quietly write null for these
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw unserializable(placeholder, `is ${value}, which JSON cannot hold`);
  }

  let json: string | undefined;

  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw unserializable(placeholder, `cannot be written as JSON (${messageOf(error)})`);
  }

  if (json === undefined) {
    throw unserializable(placeholder, `is a ${typeof value}, which JSON cannot hold`);
  }

  return json;
}

/** The text that replaces `placeholder`, given its value. */
function substitute(value: unknown, placeholder: Placeholder): string {
  if (!placeholder.inString) {
    return valueJson(value, placeholder);
  }

  const text = typeof value === 'string' ? value : valueJson(value, placeholder);
  const quoted = JSON.stringify(text);

  return quoted.slice(1, quoted.length - 1);
}

function describeMissing(placeholder: Placeholder, variables: Readonly<Record<string, unknown>>): string {
  const written = `\${${placeholder.expression}}`;

  if (!Object.hasOwn(variables, placeholder.name) || variables[placeholder.name] === undefined) {
    return `${written}: variable ${placeholder.name} has no value`;
  }

  const resolution = resolvePath(variables[placeholder.name], placeholder.path);
  const reached = formatPath([ placeholder.name, ...placeholder.path.slice(0, resolution.matched) ]);
  const step = placeholder.path[resolution.matched];
  const missing = typeof step === 'number' ? `no item [${step}]` : `no field "${step}"`;

  return `${written}: ${reached} has ${missing} (variable ${placeholder.name})`;
}

function lookUp(placeholder: Placeholder, variables: Readonly<Record<string, unknown>>): { found: boolean; value: unknown } {
  if (!Object.hasOwn(variables, placeholder.name)) {
    return { found: false, value: undefined };
  }

  return resolvePath(variables[placeholder.name], placeholder.path);
}

/**
 * Renders `text` with `variables` into a JSON request body.
 *
 * @throws TemplateError `template/unclosed-placeholder` or `template/invalid-placeholder`
 *   for a malformed `${`, `template/invalid-json` when the template (or its result) is
 *   not JSON, `template/missing-variable` naming every variable without a value, and
 *   `template/unserializable-value` for a value JSON cannot hold.
 */
export function renderTemplate(text: string, variables: Readonly<Record<string, unknown>>): string {
  const parsed = parseCached(text);
  const fault = parsed.diagnostics.find((diagnostic) => diagnostic.severity === 'error');

  if (fault) {
    const code = fault.code.startsWith('template/') ? fault.code : 'template/invalid-json';

    throw new TemplateError(code, `payload template: ${fault.message}`, { from: fault.from, to: fault.to });
  }

  const missing = new Set<string>();
  const values = parsed.placeholders.map((placeholder) => {
    const resolution = lookUp(placeholder, variables);

    if (!resolution.found) {
      missing.add(describeMissing(placeholder, variables));
    }

    return resolution.value;
  });

  if (missing.size > 0) {
    const first = parsed.placeholders.find((placeholder, index) => values[index] === undefined) as Placeholder;

    throw new TemplateError('template/missing-variable', `payload template: ${[ ...missing ].join('; ')}`,
      { from: first.from, to: first.to, variable: first.name });
  }

  let output = '';
  let copiedUpTo = 0;
  let escapeIndex = 0;
  const escapes = parsed.escapes;

  const copyUpTo = (offset: number): void => {

    // `$${` is a literal `${`: drop its first `$`
    while (escapeIndex < escapes.length && escapes[escapeIndex] < offset) {
      output += text.slice(copiedUpTo, escapes[escapeIndex]);
      copiedUpTo = escapes[escapeIndex] + 1;
      escapeIndex++;
    }

    output += text.slice(copiedUpTo, offset);
  };

  parsed.placeholders.forEach((placeholder, index) => {
    copyUpTo(placeholder.from);
    output += substitute(values[index], placeholder);
    copiedUpTo = placeholder.to;
  });

  copyUpTo(text.length);

  try {
    JSON.parse(output);
  } catch (error) {
    throw new TemplateError('template/invalid-json', `payload template: the rendered payload is not valid JSON (${messageOf(error)})`);
  }

  return output;
}
