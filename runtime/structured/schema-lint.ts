/**
 * Lint of a response schema as the user writes it (the panel's schema editor, `catalyst
 * lint`): JSON syntax, and the mistakes that make a provider refuse the schema or the
 * answer check mean something else than intended. Structural only, no Ajv: this runs in the
 * Modeler's page, whose bundle stays small and whose policy may forbid generated code;
 * the full check of an answer against the schema runs in the runtime on Node.
 */
import { closestName } from '../template/closest-name';
import { findMember, type JsonNode, type ObjectNode } from '../template/nodes';
import { parseTemplate } from '../template/parse';
import type { Diagnostic } from '../types';

/** JSON Schema keywords (draft-07 and 2020-12) a response schema may use. */
export const SCHEMA_KEYWORDS: readonly string[] = Object.freeze([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'enum', 'const',
  'description', 'title', 'default', 'examples', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'patternProperties', 'propertyNames', 'anyOf', 'oneOf', 'allOf', 'not',
  'if', 'then', 'else', '$ref', '$defs', 'definitions', '$schema', '$id', '$comment', 'contains',
  'dependentRequired', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'nullable', 'strict'
]);

/** The JSON types a schema's `type` names. */
export const SCHEMA_TYPES: readonly string[] = Object.freeze([ 'object', 'array', 'string', 'number', 'integer', 'boolean', 'null' ]);

const KEYWORDS = new Set(SCHEMA_KEYWORDS);
const TYPES = new Set(SCHEMA_TYPES);

/** Keywords whose value is one schema, or a map or list of schemas. */
const ONE_SCHEMA = [ 'items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems' ];
const SCHEMA_MAPS = [ 'properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas' ];
const SCHEMA_LISTS = [ 'anyOf', 'oneOf', 'allOf', 'prefixItems' ];

/** Every problem of a schema text, each with its range; never throws. */
export function lintSchema(text: string): Diagnostic[] {
  if (text.trim() === '') {
    return [ { from: 0, to: 0, severity: 'error', code: 'schema/empty', message: 'the schema is empty; write a JSON object like {"type": "object", "properties": {...}}' } ];
  }

  const parsed = parseTemplate(text);
  const diagnostics: Diagnostic[] = [ ...parsed.diagnostics ];

  if (!parsed.root || parsed.diagnostics.some(diagnostic => diagnostic.code === 'json/syntax')) {
    return diagnostics;
  }

  if (parsed.root.kind !== 'object') {
    return [ ...diagnostics, at(parsed.root, 'error', 'schema/not-object', 'the schema must be a JSON object like {"type": "object", "properties": {...}}') ];
  }

  walk(parsed.root, diagnostics, true);

  return diagnostics.sort((a, b) => a.from - b.from);
}

function walk(node: ObjectNode, diagnostics: Diagnostic[], root: boolean): void {
  for (const member of node.members) {
    const key = member.key.literal;

    if (key !== null && !KEYWORDS.has(key)) {
      const suggestion = closestName(key, KEYWORDS);

      diagnostics.push(at(member.key, 'warning', 'schema/unknown-keyword',
        `"${key}" is not a JSON Schema keyword and is ignored${suggestion ? `; did you mean "${suggestion}"?` : ''}`));
    }
  }

  checkType(node, diagnostics);
  checkRequired(node, diagnostics);

  const enumNode = findMember(node, 'enum')?.value;

  if (enumNode && (enumNode.kind !== 'array' || enumNode.items.length === 0)) {
    diagnostics.push(at(enumNode, 'error', 'schema/enum', '"enum" must be a non-empty array of the allowed values'));
  }

  const properties = findMember(node, 'properties')?.value;
  const additional = findMember(node, 'additionalProperties')?.value;

  if (properties?.kind === 'object' && properties.members.length && !additional) {
    diagnostics.push(at(root ? node : properties, 'info', 'schema/strict',
      'add "additionalProperties": false: strict structured outputs (OpenAI, Groq) require it on every object, and the answer check then refuses fields the schema does not name'));
  }

  for (const name of ONE_SCHEMA) {
    const child = findMember(node, name)?.value;

    if (child?.kind === 'object') {
      walk(child, diagnostics, false);
    }
  }

  for (const name of SCHEMA_MAPS) {
    const map = findMember(node, name)?.value;

    if (map && map.kind !== 'object') {
      diagnostics.push(at(map, 'error', 'schema/properties', `"${name}" must be an object of name → schema`));
    } else if (map) {
      for (const member of map.members) {
        if (member.value?.kind === 'object') {
          walk(member.value, diagnostics, false);
        } else if (member.value && member.value.kind !== 'boolean' && member.value.kind !== 'placeholder') {
          diagnostics.push(at(member.value, 'error', 'schema/properties', `the schema of "${member.key.literal}" must be an object like {"type": "string"}`));
        }
      }
    }
  }

  for (const name of SCHEMA_LISTS) {
    const list = findMember(node, name)?.value;

    if (list && list.kind !== 'array') {
      diagnostics.push(at(list, 'error', 'schema/list', `"${name}" must be an array of schemas`));
    } else if (list) {
      list.items.filter((item): item is ObjectNode => item.kind === 'object').forEach(item => walk(item, diagnostics, false));
    }
  }
}

function checkType(node: ObjectNode, diagnostics: Diagnostic[]): void {
  const type = findMember(node, 'type')?.value;

  if (!type || type.kind === 'placeholder') {
    return;
  }

  const names = type.kind === 'array' ? type.items : [ type ];

  for (const name of names) {
    if (name.kind !== 'string' || name.literal === null || !TYPES.has(name.literal)) {
      const written = name.kind === 'string' ? `"${name.literal}"` : 'this';
      const suggestion = name.kind === 'string' && name.literal ? closestName(name.literal, TYPES) : null;

      diagnostics.push(at(name, 'error', 'schema/type',
        `${written} is not a JSON type; use one of ${SCHEMA_TYPES.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`));
    }
  }
}

function checkRequired(node: ObjectNode, diagnostics: Diagnostic[]): void {
  const required = findMember(node, 'required')?.value;

  if (!required) {
    return;
  }

  if (required.kind !== 'array') {
    diagnostics.push(at(required, 'error', 'schema/required', '"required" must be an array of property names'));

    return;
  }

  const properties = findMember(node, 'properties')?.value;
  const names = new Set(properties?.kind === 'object' ? properties.members.map(member => member.key.literal) : []);

  for (const item of required.items) {
    if (item.kind !== 'string') {
      diagnostics.push(at(item, 'error', 'schema/required', '"required" lists property names as strings'));
    } else if (properties?.kind === 'object' && item.literal !== null && !names.has(item.literal)) {
      diagnostics.push(at(item, 'warning', 'schema/required-unknown', `"${item.literal}" is required but not among the properties`));
    }
  }
}

function at(node: Pick<JsonNode, 'from' | 'to'>, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
  return { from: node.from, to: node.to, severity, code, message };
}
