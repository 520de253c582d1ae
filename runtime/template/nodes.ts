/**
 * The JSON tree of a payload template, with offsets, as the parser builds it.
 * A placeholder standing as a whole value is a node of its own; a string holding
 * placeholders is a string whose rendered value is not known before run time.
 */

import type { Placeholder } from '../types';

interface NodeRange {

  /** Offsets in the template, `to` exclusive. */
  from: number;
  to: number;
}

export interface StringNode extends NodeRange {
  kind: 'string';

  /** The string's value when it holds no placeholder (`$${` already turned into `${`), else `null`. */
  literal: string | null;

  /** Placeholders inside the string, in order. */
  placeholders: Placeholder[];
}

export interface MemberNode {
  key: StringNode;

  /** `null` when the parser stopped before the value. */
  value: JsonNode | null;
}

export interface ObjectNode extends NodeRange {
  kind: 'object';
  members: MemberNode[];
}

export interface ArrayNode extends NodeRange {
  kind: 'array';
  items: JsonNode[];
}

interface NumberNode extends NodeRange {
  kind: 'number';
  value: number;
}

interface BooleanNode extends NodeRange {
  kind: 'boolean';
  value: boolean;
}

interface NullNode extends NodeRange {
  kind: 'null';
}

interface PlaceholderNode extends NodeRange {
  kind: 'placeholder';
  placeholder: Placeholder;
}

export type JsonNode = StringNode | ObjectNode | ArrayNode | NumberNode | BooleanNode | NullNode | PlaceholderNode;

/** The last member of `node` named `key` (JSON.parse keeps the last of duplicates). */
export function findMember(node: ObjectNode, key: string): MemberNode | undefined {
  for (let index = node.members.length - 1; index >= 0; index--) {
    if (node.members[index].key.literal === key) {
      return node.members[index];
    }
  }

  return undefined;
}
