/**
 * Checks a parsed payload against a FieldRule tree (chat-schema.ts). A placeholder as a
 * whole value satisfies any rule: its value is only known at run time.
 */

import type { Diagnostic } from '../types';
import type { FieldRule, JsonType } from './chat-schema';
import { findMember, type JsonNode, type ObjectNode } from './nodes';

const ARTICLES: Record<JsonType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  array: 'an array',
  object: 'an object',
  null: 'null'
};

function typeOf(node: Exclude<JsonNode, { kind: 'placeholder' }>): JsonType {
  switch (node.kind) {
  case 'number':
    return Number.isInteger(node.value) ? 'integer' : 'number';
  case 'boolean':
    return 'boolean';
  default:
    return node.kind;
  }
}

function describeFound(node: JsonNode, type: JsonType): string {
  return node.kind === 'number' || node.kind === 'boolean' ? String(node.value) : ARTICLES[type];
}

function accepts(rule: FieldRule, type: JsonType): boolean {
  return rule.type.includes(type) || (type === 'integer' && rule.type.includes('number'));
}

function joinChoices(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function child(path: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${path}[${key}]`;
  }

  return path === '' ? key : `${path}.${key}`;
}

class SchemaChecker {
  readonly diagnostics: Diagnostic[] = [];

  check(node: JsonNode, rule: FieldRule, path: string): void {
    if (node.kind === 'placeholder') {
      return;
    }

    const type = typeOf(node);
    const name = path === '' ? 'the payload' : `\`${path}\``;

    if (!accepts(rule, type)) {
      this.report(node, 'chat/type', `${name} must be ${joinChoices(rule.type.map((allowed) => ARTICLES[allowed]))}; found ${describeFound(node, type)}`);

      return;
    }

    if (node.kind === 'string' && rule.enum && node.literal !== null && !rule.enum.includes(node.literal)) {
      this.report(node, 'chat/enum', `${name} must be one of ${rule.enum.map((value) => `"${value}"`).join(', ')}; found ${JSON.stringify(node.literal)}`);
    }

    if (node.kind === 'number') {
      this.checkRange(node, rule, name);
    }

    if (node.kind === 'array') {
      this.checkArray(node.items, node, rule, path, name);
    }

    if (node.kind === 'object') {
      this.checkObject(node, rule, path, name);
    }
  }

  private checkRange(node: JsonNode & { kind: 'number' }, rule: FieldRule, name: string): void {
    const { minimum, maximum } = rule;
    const outside = (minimum !== undefined && node.value < minimum) || (maximum !== undefined && node.value > maximum);

    if (!outside) {
      return;
    }

    const range = minimum !== undefined && maximum !== undefined
      ? `between ${minimum} and ${maximum}`
      : minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;

    this.report(node, 'chat/range', `${name} must be ${range}; found ${node.value}`);
  }

  private checkArray(items: JsonNode[], node: JsonNode, rule: FieldRule, path: string, name: string): void {
    if (rule.minItems !== undefined && items.length < rule.minItems) {
      this.report(node, 'chat/min-items', items.length === 0
        ? `${name} is empty; it needs at least ${rule.minItems} item${rule.minItems === 1 ? '' : 's'}`
        : `${name} needs at least ${rule.minItems} items; found ${items.length}`);
    }

    if (rule.maxItems !== undefined && items.length > rule.maxItems) {
      this.report(node, 'chat/max-items', `${name} may hold at most ${rule.maxItems} items; found ${items.length}`);
    }

    if (rule.items) {
      items.forEach((item, index) => this.check(item, rule.items as FieldRule, child(path, index)));
    }
  }

  private checkObject(node: ObjectNode, rule: FieldRule, path: string, name: string): void {
    const variant = this.variantOf(node, rule);
    const required = new Set([ ...(rule.required ?? []), ...(variant?.required ?? []) ]);

    for (const key of required) {
      if (!findMember(node, key)) {

        // the opening brace: underlining a whole payload helps nobody
        this.diagnostics.push({
          from: node.from,
          to: node.from + 1,
          severity: 'error',
          code: 'chat/required',
          message: path === ''
            ? `the payload has no \`${key}\` field; chat completions require it`
            : `${name} has no \`${key}\` field; it is required here`
        });
      }
    }

    for (const member of node.members) {
      const key = member.key.literal;

      if (key === null || !member.value) {
        continue;
      }

      const memberRule = variant?.properties?.[key] ?? rule.properties?.[key];

      if (memberRule) {
        this.check(member.value, memberRule, child(path, key));
      }
    }
  }

  private variantOf(node: ObjectNode, rule: FieldRule): FieldRule | undefined {
    if (!rule.variants) {
      return undefined;
    }

    const selector = findMember(node, rule.variants.property)?.value;

    if (selector?.kind !== 'string' || selector.literal === null) {
      return undefined;
    }

    return Object.hasOwn(rule.variants.rules, selector.literal) ? rule.variants.rules[selector.literal] : undefined;
  }

  private report(node: JsonNode, code: string, message: string): void {
    this.diagnostics.push({ from: node.from, to: node.to, severity: 'error', code, message });
  }
}

/** Diagnostics for every place `root` breaks `rule`; the payload root has path `''`. */
export function checkSchema(root: JsonNode, rule: FieldRule): Diagnostic[] {
  const checker = new SchemaChecker();
  checker.check(root, rule, '');

  return checker.diagnostics;
}
