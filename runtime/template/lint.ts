/**
 * Payload lint (design §4): the same checks in the editor, the command line and the
 * worker. Each finding has a range, a severity, a code and a message naming the field
 * or variable.
 */

import type { Diagnostic, LintOptions, Placeholder, Provider } from '../types';
import { isStandardVariable } from '../mapping/standard-variables';
import { CHAT_REQUEST } from './chat-schema';
import { checkSchema } from './check-schema';
import { closestName } from './closest-name';
import { findKeyLiterals } from './key-literal';
import { findMember, type JsonNode } from './nodes';
import { parseTemplate } from './parse';

function unknownVariables(placeholders: Placeholder[], knownVariables: readonly string[]): Diagnostic[] {
  const known = new Set(knownVariables);
  const suggestions = new Map<string, string | null>();
  const diagnostics: Diagnostic[] = [];

  for (const placeholder of placeholders) {
    if (known.has(placeholder.name) || isStandardVariable(placeholder.name)) {
      continue;
    }

    if (!suggestions.has(placeholder.name)) {
      suggestions.set(placeholder.name, closestName(placeholder.name, known));
    }

    const suggestion = suggestions.get(placeholder.name);

    diagnostics.push({
      from: placeholder.from,
      to: placeholder.to,
      severity: 'warning',
      code: 'template/unknown-variable',
      message: `variable ${placeholder.name} is not set anywhere in the diagram${suggestion ? `; did you mean ${suggestion}?` : ''}`
    });
  }

  return diagnostics;
}

const LISTED_MODELS = 5;

function listModels(provider: Provider): string {
  const ids = provider.models.map((offered) => offered.id);

  return ids.length > LISTED_MODELS ? `${ids.slice(0, LISTED_MODELS).join(', ')}, …` : ids.join(', ');
}

function modelNotOffered(root: JsonNode, provider: Provider): Diagnostic[] {
  if (root.kind !== 'object' || provider.editableUrl || provider.models.length === 0) {
    return [];
  }

  const model = findMember(root, 'model')?.value;

  if (model?.kind !== 'string' || model.literal === null || provider.models.some((offered) => offered.id === model.literal)) {
    return [];
  }

  return [ {
    from: model.from,
    to: model.to,
    severity: 'warning',
    code: 'chat/unknown-model',
    message: `model "${model.literal}" is not among ${provider.name}'s models (${listModels(provider)}); check the name, or pick it from the live list`
  } ];
}

function tokenLimitField(root: JsonNode, provider: Provider): Diagnostic[] {
  const expected = provider.quirks?.maxTokensField;

  if (root.kind !== 'object' || !expected) {
    return [];
  }

  const other = expected === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
  const member = findMember(root, other);

  if (!member || findMember(root, expected)) {
    return [];
  }

  return [ {
    from: member.key.from,
    to: member.key.to,
    severity: 'warning',
    code: 'chat/token-limit-field',
    message: `${provider.name} expects the output limit in \`${expected}\`, not \`${other}\``
  } ];
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.from - b.from || a.to - b.to;
}

/**
 * Lints a chat-completions payload template: JSON syntax with placeholders understood,
 * malformed `${`, variables unknown to the diagram (warnings, only with
 * `knownVariables`), required fields and field types, a model the provider does not
 * offer (warning), and API keys written into the payload. Never throws.
 */
export function lintPayload(text: string, options: LintOptions = {}): Diagnostic[] {
  const parsed = parseTemplate(text);
  const diagnostics = [ ...parsed.diagnostics ];

  if (options.knownVariables) {
    diagnostics.push(...unknownVariables(parsed.placeholders, options.knownVariables));
  }

  // a tree cut short by a syntax error would report every later field as missing
  const complete = parsed.root !== null && !parsed.diagnostics.some((diagnostic) => diagnostic.code === 'json/syntax');

  if (complete && parsed.root) {
    diagnostics.push(...checkSchema(parsed.root, CHAT_REQUEST));

    if (options.provider) {
      diagnostics.push(...modelNotOffered(parsed.root, options.provider));
      diagnostics.push(...tokenLimitField(parsed.root, options.provider));
    }
  }

  diagnostics.push(...findKeyLiterals(text, options.provider));

  return diagnostics.sort(byPosition);
}
