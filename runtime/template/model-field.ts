/**
 * Reading and editing the payload's `model` in place, for the panel's model picker and
 * provider switching: every other byte of what the user wrote stays as it was.
 */

import { TemplateError } from '../errors';
import { isNamePart } from '../mapping/path';
import { findMember, type ObjectNode } from './nodes';
import { parseTemplate } from './parse';

export interface PayloadModel {

  /** The model name; the template text (`${modelName}`) when it is a placeholder. */
  value: string;

  /** Range of the whole JSON value, quotes included. */
  from: number;
  to: number;
}

function rootObject(text: string): ObjectNode | null {
  const root = parseTemplate(text).root;

  return root?.kind === 'object' ? root : null;
}

/**
 * The `model` of the payload's top-level object, or `null` when there is none or it
 * is not a string or a placeholder. Works on a payload with syntax errors too, as long
 * as the `model` member comes before the first error.
 */
export function getPayloadModel(text: string): PayloadModel | null {
  const root = rootObject(text);
  const value = root ? findMember(root, 'model')?.value : undefined;

  if (value?.kind === 'string') {
    return { value: value.literal ?? text.slice(value.from + 1, value.to - 1), from: value.from, to: value.to };
  }

  if (value?.kind === 'placeholder') {
    return { value: text.slice(value.from, value.to), from: value.from, to: value.to };
  }

  return null;
}

/**
 * Sets the payload's `model`: replaces the existing value in place, or inserts
 * `"model": ...` as the first member, in the style (spacing, line breaks) of the
 * member after it.
 *
 * @throws TemplateError `template/not-object` when the payload is not a JSON object
 */
export function setPayloadModel(text: string, model: string): string {
  const written = JSON.stringify(model);

  if (text.trim() === '') {
    return `{\n  "model": ${written}\n}`;
  }

  const root = rootObject(text);

  if (!root) {
    throw new TemplateError('template/not-object', 'cannot set the model: the payload is not a JSON object', { from: 0, to: text.length });
  }

  const member = findMember(root, 'model');

  if (member?.value) {
    return text.slice(0, member.value.from) + written + text.slice(member.value.to);
  }

  if (member) {

    // `"model"` written but its value missing (a syntax error right after it)
    return text.slice(0, member.key.to) + `: ${written}` + text.slice(member.key.to);
  }

  const first = root.members[0];

  if (!first) {
    return text.slice(0, root.from + 1) + `"model": ${written}` + text.slice(root.from + 1);
  }

  const leading = text.slice(root.from + 1, first.key.from);
  const separator = first.value ? text.slice(first.key.to, first.value.from) : ': ';
  const gap = leading.includes('\n') ? leading : leading || (separator.endsWith(' ') ? ' ' : '');

  return text.slice(0, first.key.from) + `"model"${separator}${written},${gap}` + text.slice(first.key.from);
}

export interface PlaceholderPrefix {

  /** Offset where the variable name starts (right after `${`). */
  from: number;

  /** What is typed of the name so far (may be empty). */
  prefix: string;
}

/**
 * For editor completion: when `offset` sits in a variable name right after `${`
 * (`${us|`), where the name starts and what is typed of it; otherwise `null`
 * (also after the literal `$${`, and inside a `.field` step).
 */
export function placeholderAt(text: string, offset: number): PlaceholderPrefix | null {
  if (offset < 2 || offset > text.length) {
    return null;
  }

  let from = offset;

  while (from > 0 && isNamePart(text.charCodeAt(from - 1), false)) {
    from--;
  }

  const prefix = text.slice(from, offset);

  if (text.slice(from - 2, from) !== '${' || text[from - 3] === '$' || /^[0-9]/.test(prefix)) {
    return null;
  }

  return { from, prefix };
}
