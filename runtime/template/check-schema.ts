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

class SchemaChecker {
  readonly diagnostics: Diagnostic[] = [];

  /**
   * The keys and indexes from the root to the node being checked. Kept as a stack and
   * written out only for a finding: a payload of 500 messages would otherwise build a path
   * string for every node it checks.
   */
  private readonly steps: Array<string | number> = [];

  check(node: JsonNode, rule: FieldRule): void {
    if (node.kind === 'placeholder') {
      return;
    }

    const type = typeOf(node);

    if (!accepts(rule, type)) {
      this.report(node, 'chat/type', `${this.name()} must be ${joinChoices(rule.type.map((allowed) => ARTICLES[allowed]))}; found ${describeFound(node, type)}`);

      return;
    }

    if (node.kind === 'string' && rule.enum && node.literal !== null && !rule.enum.includes(node.literal)) {
      this.report(node, 'chat/enum', `${this.name()} must be one of ${rule.enum.map((value) => `"${value}"`).join(', ')}; found ${JSON.stringify(node.literal)}`);
    }

    if (node.kind === 'number') {
      this.checkRange(node, rule);
    }

    if (node.kind === 'array') {
      this.checkArray(node.items, node, rule);
    }

    if (node.kind === 'object') {
      this.checkObject(node, rule);
    }
  }

  private checkRange(node: JsonNode & { kind: 'number' }, rule: FieldRule): void {
    const { minimum, maximum } = rule;
    const outside = (minimum !== undefined && node.value < minimum) || (maximum !== undefined && node.value > maximum);

    if (!outside) {
      return;
    }

    const range = minimum !== undefined && maximum !== undefined
      ? `between ${minimum} and ${maximum}`
      : minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;

    this.report(node, 'chat/range', `${this.name()} must be ${range}; found ${node.value}`);
  }

  private checkArray(items: JsonNode[], node: JsonNode, rule: FieldRule): void {
    if (rule.minItems !== undefined && items.length < rule.minItems) {
      const name = this.name();

      this.report(node, 'chat/min-items', items.length === 0
        ? `${name} is empty; it needs at least ${rule.minItems} item${rule.minItems === 1 ? '' : 's'}`
        : `${name} needs at least ${rule.minItems} items; found ${items.length}`);
    }

    if (rule.maxItems !== undefined && items.length > rule.maxItems) {
      this.report(node, 'chat/max-items', `${this.name()} may hold at most ${rule.maxItems} items; found ${items.length}`);
    }

    const itemRule = rule.items;

    if (itemRule) {
      for (let index = 0; index < items.length; index++) {
        this.checkChild(items[index], itemRule, index);
      }
    }
  }

  private checkObject(node: ObjectNode, rule: FieldRule): void {
    const variant = this.variantOf(node, rule);

    this.checkRequired(node, rule.required, undefined);
    this.checkRequired(node, variant?.required, rule.required);

    for (const member of node.members) {
      const key = member.key.literal;

      if (key === null || !member.value) {
        continue;
      }

      const memberRule = variant?.properties?.[key] ?? rule.properties?.[key];

      if (memberRule) {
        this.checkChild(member.value, memberRule, key);
      }
    }
  }

  /** A `chat/required` error for each of `required` (but those in `checked` already) missing from `node`. */
  private checkRequired(node: ObjectNode, required: readonly string[] | undefined, checked: readonly string[] | undefined): void {
    if (!required) {
      return;
    }

    for (const key of required) {
      if (!checked?.includes(key) && !findMember(node, key)) {

        // the opening brace: underlining a whole payload helps nobody
        this.diagnostics.push({
          from: node.from,
          to: node.from + 1,
          severity: 'error',
          code: 'chat/required',
          message: this.path() === ''
            ? `the payload has no \`${key}\` field; chat completions require it`
            : `${this.name()} has no \`${key}\` field; it is required here`
        });
      }
    }
  }

  private checkChild(node: JsonNode, rule: FieldRule, step: string | number): void {
    this.steps.push(step);
    this.check(node, rule);
    this.steps.pop();
  }

  /** The path of the node being checked: `messages[0].role`; `''` for the payload. */
  private path(): string {
    let path = '';

    for (const step of this.steps) {
      path = typeof step === 'number' ? `${path}[${step}]` : path === '' ? step : `${path}.${step}`;
    }

    return path;
  }

  /** How messages name the node being checked: `the payload`, or its path in backticks. */
  private name(): string {
    const path = this.path();

    return path === '' ? 'the payload' : `\`${path}\``;
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
  checker.check(root, rule);

  return checker.diagnostics;
}
