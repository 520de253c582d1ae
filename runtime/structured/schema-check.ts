/**
 * JSON Schema checks of structured answers, with Ajv: the schema comes from the task's own
 * payload, so each distinct schema is compiled once and kept.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

import type { StructuredProblem } from '../types';

const ajv = new Ajv({

  // Provider dialects add keywords Ajv does not know (`strict` flags, descriptions in odd
  // places); they must not make a schema the provider accepts unusable here.
  strict: false,
  allErrors: true,
  validateFormats: false
});

const COMPILED_SCHEMAS = 32;
const compiled = new Map<string, ValidateFunction | string>();

/**
 * Compiles `schema`, or says why it cannot be used (not an object, an unknown `$ref`, a
 * keyword with a wrong value).
 */
export function compileSchema(schema: unknown): { validate: ValidateFunction } | { error: string } | { unchecked: string } {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return { error: 'the response schema must be a JSON object like {"type": "object", "properties": {...}}' };
  }

  const key = JSON.stringify(schema);
  let entry = compiled.get(key);

  if (entry === undefined) {
    try {
      entry = ajv.compile(withoutDialect(schema as Record<string, unknown>));
    } catch (error) {
      entry = `the response schema is not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}`;
    }

    if (compiled.size >= COMPILED_SCHEMAS) {
      compiled.delete(compiled.keys().next().value as string);
    }

    compiled.set(key, entry);
  }

  return typeof entry === 'string' ? { error: entry } : { validate: entry };
}

/**
 * The schema without its `$schema`: providers take draft 2020-12 and draft-07 schemas alike
 * and so does this check, which Ajv would refuse for a dialect it was not set up with.
 */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  if (!('$schema' in schema)) {
    return schema;
  }

  const { $schema: _dialect, ...rest } = schema;

  return rest;
}

/**
 * Every place `value` breaks `schema`, each with a response path (`base` followed by the
 * place inside the value) and a message naming the rule.
 */
export function schemaProblems(validate: ValidateFunction, value: unknown, base: string): StructuredProblem[] {
  if (validate(value)) {
    return [];
  }

  return (validate.errors ?? []).map(error => ({ path: base + pointerToPath(error), message: describe(error) }));
}

/** `/items/0/amount` → `items[0].amount`, written after `#`. */
function pointerToPath(error: ErrorObject): string {
  const steps = error.instancePath.split('/').slice(1).map(step => step.replace(/~1/g, '/').replace(/~0/g, '~'));

  return steps.map((step, index) => {
    if (/^\d+$/.test(step)) {
      return `[${step}]`;
    }

    if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) {
      return index === 0 ? step : `.${step}`;
    }

    return `[${JSON.stringify(step)}]`;
  }).join('');
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
  case 'required':
    return `required property "${params.missingProperty}" is missing`;
  case 'additionalProperties':
    return `property "${params.additionalProperty}" is not allowed by the schema`;
  case 'enum':
    return `must be one of ${(params.allowedValues as unknown[]).map(value => JSON.stringify(value)).join(', ')}`;
  case 'type':
    return `must be ${params.type}`;
  case 'const':
    return `must be ${JSON.stringify(params.allowedValue)}`;
  default:
    return error.message ?? `breaks the schema's ${error.keyword} rule`;
  }
}
