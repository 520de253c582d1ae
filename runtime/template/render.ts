/**
 * Renders a payload template into the JSON request body (design §4): inside a string a
 * value goes in JSON-escaped, as a whole value its JSON goes in. Refuses, before any
 * request, a template that is malformed or not JSON, a variable without value, or a value
 * JSON cannot hold; whatever passes those checks renders to JSON.
 */

import { TemplateError, messageOf } from '../errors';
import type { Diagnostic, Placeholder } from '../types';
import { formatPath, resolvePath } from '../mapping/path';
import { parseTemplate, type TemplateParse } from './parse';

// The worker and the bridge render the same few templates again and again, and parsing is
// most of a render's cost; parses are never mutated, so a small cache by text is safe. The
// first error is looked up once per parse too.
const CACHED_PARSES = 32;
const recentParses = new Map<string, PreparedTemplate>();

interface PreparedTemplate {
  parsed: TemplateParse;
  fault: Diagnostic | undefined;
}

function prepareCached(text: string): PreparedTemplate {
  let prepared = recentParses.get(text);

  if (!prepared) {
    const parsed = parseTemplate(text);

    prepared = { parsed, fault: parsed.diagnostics.find((diagnostic) => diagnostic.severity === 'error') };

    if (recentParses.size >= CACHED_PARSES) {
      recentParses.delete(recentParses.keys().next().value as string);
    }

    recentParses.set(text, prepared);
  }

  return prepared;
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
 *   for a malformed `${`, `template/invalid-json` when the template is not JSON (its
 *   result then always is), `template/missing-variable` naming every variable without a value, and
 *   `template/unserializable-value` for a value JSON cannot hold.
 */
export function renderTemplate(text: string, variables: Readonly<Record<string, unknown>>): string {
  const { parsed, fault } = prepareCached(text);

  if (fault) {
    const code = fault.code.startsWith('template/') ? fault.code : 'template/invalid-json';

    throw new TemplateError(code, `payload template: ${fault.message}`, { from: fault.from, to: fault.to });
  }

  const { placeholders, escapes } = parsed;
  const values: unknown[] = new Array(placeholders.length);
  let missing: Set<string> | null = null;

  for (let index = 0; index < placeholders.length; index++) {
    const resolution = lookUp(placeholders[index], variables);

    if (!resolution.found) {
      missing ??= new Set<string>();
      missing.add(describeMissing(placeholders[index], variables));
    }

    values[index] = resolution.value;
  }

  if (missing) {
    const first = placeholders.find((placeholder, index) => values[index] === undefined) as Placeholder;

    throw new TemplateError('template/missing-variable', `payload template: ${[ ...missing ].join('; ')}`,
      { from: first.from, to: first.to, variable: first.name });
  }

  let output = '';
  let copiedUpTo = 0;
  let escapeIndex = 0;

  // Copy the text between placeholders (and after the last one), each followed by its value.
  for (let index = 0; index <= placeholders.length; index++) {
    const placeholder = placeholders[index] as Placeholder | undefined;
    const copyTo = placeholder ? placeholder.from : text.length;

    // `$${` is a literal `${`: drop its first `$`
    while (escapeIndex < escapes.length && escapes[escapeIndex] < copyTo) {
      output += text.slice(copiedUpTo, escapes[escapeIndex]);
      copiedUpTo = escapes[escapeIndex] + 1;
      escapeIndex++;
    }

    output += text.slice(copiedUpTo, copyTo);

    if (placeholder) {
      output += substitute(values[index], placeholder);
      copiedUpTo = placeholder.to;
    }
  }

  // No JSON.parse of the output: it is JSON by construction. The parse above accepts only
  // strict JSON around the placeholders, a whole-value placeholder becomes JSON.stringify's
  // output (never invalid: undefined, functions and NaN are refused in valueJson), and one
  // inside a string becomes JSON-escaped string content. Parsing again cost every call a
  // second pass over the body and could never fail.
  return output;
}
