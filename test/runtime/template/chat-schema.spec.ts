/**
 * Keeps runtime/template/chat-schema.ts in step with OpenAI's CreateChatCompletionRequest
 * (the trimmed spec in ../shared/openai/): every type, enum, required list and bound
 * lint checks must agree with it.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { CHAT_REQUEST, type FieldRule } from '../../../runtime/template';

type Schema = Record<string, any>;

const SPEC_PATH = resolve(__dirname, '../../../../shared/openai/chat-completions.openapi.yaml');
const spec = parse(readFileSync(SPEC_PATH, 'utf8'));
const schemas: Record<string, Schema> = spec.components.schemas;

function deref(schema: Schema): Schema {
  let current = schema;

  while (current.$ref) {
    current = schemas[current.$ref.replace('#/components/schemas/', '')];
  }

  return current;
}

/** Merges `allOf` parts: properties of later (more specific) parts win, required lists add up. */
function mergeAllOf(parts: Schema[]): Schema {
  const merged: Schema = { type: 'object', properties: {}, required: [] };

  for (const part of parts.map(deref).map((item) => (item.allOf ? mergeAllOf(item.allOf) : item))) {
    Object.assign(merged.properties, part.properties);
    merged.required.push(...(part.required ?? []));
  }

  return merged;
}

/** The alternatives a schema allows, with `anyOf`/`oneOf` flattened and `nullable` as a `null` branch. */
function branches(schema: Schema): Schema[] {
  const resolved = deref(schema);

  if (resolved.allOf) {
    return [ mergeAllOf(resolved.allOf) ];
  }

  const alternatives = resolved.anyOf ?? resolved.oneOf;

  if (alternatives) {
    return alternatives.flatMap(branches);
  }

  if (!resolved.type) {
    throw new Error(`spec schema without type: ${JSON.stringify(resolved).slice(0, 200)}`);
  }

  return resolved.nullable ? [ resolved, { type: 'null' } ] : [ resolved ];
}

function typesOf(alternatives: Schema[]): string[] {
  return [ ...new Set(alternatives.map((branch) => branch.type)) ].sort();
}

/** Checks `rule` against `schema`; collects every disagreement with where it is. */
function compare(rule: FieldRule, schema: Schema, where: string, problems: string[]): void {
  const alternatives = branches(schema);

  if ([ ...rule.type ].sort().join() !== typesOf(alternatives).join()) {
    problems.push(`${where}: types ${[ ...rule.type ].sort()} vs spec ${typesOf(alternatives)}`);
  }

  const strings = alternatives.filter((branch) => branch.type === 'string');

  if (rule.enum) {
    const specEnum = strings.every((branch) => branch.enum) ? [ ...new Set(strings.flatMap((branch) => branch.enum)) ].sort() : null;

    if ([ ...rule.enum ].sort().join() !== specEnum?.join()) {
      problems.push(`${where}: enum ${rule.enum} vs spec ${specEnum ?? '(any string)'}`);
    }
  }

  const numeric = alternatives.find((branch) => branch.type === 'number' || branch.type === 'integer');

  if (numeric?.minimum !== undefined && !(rule.minimum !== undefined && rule.minimum >= numeric.minimum)) {
    problems.push(`${where}: minimum ${rule.minimum} vs spec ${numeric.minimum}`);
  }

  if (numeric?.maximum !== undefined && !(rule.maximum !== undefined && rule.maximum <= numeric.maximum)) {
    problems.push(`${where}: maximum ${rule.maximum} vs spec ${numeric.maximum}`);
  }

  const array = alternatives.find((branch) => branch.type === 'array');

  if (array) {
    if ((rule.minItems ?? 0) < (array.minItems ?? 0) || (array.maxItems !== undefined && rule.maxItems !== array.maxItems)) {
      problems.push(`${where}: items ${rule.minItems}..${rule.maxItems} vs spec ${array.minItems}..${array.maxItems}`);
    }

    if (rule.items) {
      compare(rule.items, array.items, `${where}[]`, problems);
    }
  }

  const objects = alternatives.filter((branch) => branch.type === 'object');

  if (objects.length > 0) {
    compareObject(rule, objects, where, problems);
  }
}

function compareObject(rule: FieldRule, objects: Schema[], where: string, problems: string[]): void {

  // what every alternative requires is what lint may require before knowing which applies
  const requiredByAll = objects.map((object) => object.required ?? []).reduce((a: string[], b: string[]) => a.filter((key) => b.includes(key)));

  for (const key of rule.required ?? []) {
    if (!requiredByAll.includes(key)) {
      problems.push(`${where}: requires ${key}, the spec does not`);
    }
  }

  for (const [ key, propertyRule ] of Object.entries(rule.properties ?? {})) {
    const specProperties = objects.map((object) => object.properties?.[key]).filter(Boolean);

    if (specProperties.length === 0) {
      problems.push(`${where}.${key}: not in the spec`);
    } else {
      compare(propertyRule, { anyOf: specProperties }, `${where}.${key}`, problems);
    }
  }

  for (const [ value, variant ] of Object.entries(rule.variants?.rules ?? {})) {
    const property = rule.variants!.property;
    const matching = objects.filter((object) => deref(object.properties?.[property] ?? {}).enum?.includes(value));

    if (matching.length !== 1) {
      problems.push(`${where}: ${matching.length} spec schemas for ${property} "${value}"`);
      continue;
    }

    if ([ ...(variant.required ?? []) ].sort().join() !== [ ...(matching[0].required ?? []) ].sort().join()) {
      problems.push(`${where}(${property}=${value}): required ${variant.required} vs spec ${matching[0].required}`);
    }

    compare(variant, matching[0], `${where}(${property}=${value})`, problems);
  }
}

describe('template/chat-schema', () => {

  const request = schemas.CreateChatCompletionRequest;

  it('requires what the spec requires of a request', () => {

    // then
    expect([ ...(CHAT_REQUEST.required ?? []) ].sort()).toEqual([ ...mergeAllOf(request.allOf).required ].sort());
  });

  it('agrees with the spec on every field, type, enum, bound and message role it checks', () => {

    // when
    const problems: string[] = [];
    compare(CHAT_REQUEST, request, 'request', problems);

    // then
    expect(problems).toEqual([]);
  });

  it('checks every message role the spec knows', () => {

    // given
    const roles = branches(schemas.ChatCompletionRequestMessage).map((message) => deref(message.properties.role).enum[0]);

    // then
    expect(Object.keys(CHAT_REQUEST.properties!.messages.items!.variants!.rules).sort()).toEqual(roles.sort());
  });

  it('would notice a rule that disagrees with the spec', () => {

    // given: temperature allowed up to 5, role enum missing one value
    const wrong: FieldRule = {
      ...CHAT_REQUEST,
      properties: {
        ...CHAT_REQUEST.properties,
        temperature: { type: [ 'number' ], minimum: 0, maximum: 5 },
        stop: { type: [ 'string', 'array', 'null' ], items: { type: [ 'integer' ] } }
      }
    };

    // when
    const problems: string[] = [];
    compare(wrong, request, 'request', problems);

    // then
    expect(problems).toEqual([
      expect.stringContaining('request.temperature: types'),
      expect.stringContaining('request.temperature: maximum'),
      expect.stringContaining('request.stop: items'),
      expect.stringContaining('request.stop[]: types')
    ]);
  });
});
