/**
 * The response format a payload asks for, in every provider's flavour (design §5.7, catalog
 * `responseFormat`): read from a rendered request for the check of the answer, and read and
 * written in a payload template for the panel. What is written stays plain payload JSON.
 */
import { TemplateError } from '../errors';
import { isRecord } from '../execute/json';
import { findMember, parseTemplate, type JsonNode, type ObjectNode } from '../template';
import type { Provider, ProviderResponseFormat } from '../types';

/** Text (no structured answer), JSON mode, or JSON following a schema. */
export type ResponseFormatKind = 'text' | 'json' | 'schema';

export interface RequestedFormat {
  kind: ResponseFormatKind;

  /** The JSON Schema the answer must follow (`kind: 'schema'`). */
  schema: Record<string, unknown> | null;
}

const TEXT: RequestedFormat = Object.freeze({ kind: 'text', schema: null });

/** The flavour a provider without a catalog entry for it gets: OpenAI's. */
const OPENAI_RESPONSE_FORMAT: ProviderResponseFormat = Object.freeze({ schema: 'json_schema', json: 'json_object' });

/**
 * What a rendered request body asks for, whichever flavour it is written in:
 * `response_format` `json_schema` (schema in `json_schema.schema`, or directly in `schema`),
 * `json_object` (with a `schema` on Together and Fireworks), or Ollama's `format`.
 */
export function requestedFormat(body: unknown): RequestedFormat {
  if (!isRecord(body)) {
    return TEXT;
  }

  const responseFormat = body.response_format;

  if (isRecord(responseFormat)) {
    const type = responseFormat.type;
    const schema = isRecord(responseFormat.json_schema) && isRecord(responseFormat.json_schema.schema)
      ? responseFormat.json_schema.schema
      : isRecord(responseFormat.schema) ? responseFormat.schema : null;

    if (type === 'json_schema' || (type === 'json_object' && schema)) {
      return schema ? { kind: 'schema', schema } : { kind: 'json', schema: null };
    }

    if (type === 'json_object') {
      return { kind: 'json', schema: null };
    }
  }

  if (isRecord(body.format)) {
    return { kind: 'schema', schema: body.format };
  }

  if (body.format === 'json') {
    return { kind: 'json', schema: null };
  }

  return TEXT;
}

/** The payload template's response format, for the panel. */
export interface PayloadFormat extends RequestedFormat {

  /** The schema as written in the payload (kept as text so the editor shows it as the user wrote it). */
  schemaText: string | null;

  /** `json_schema.name`, when the payload names its schema. */
  name: string | null;

  /** Offset of the schema text in the payload (for diagnostics), `null` without a schema. */
  schemaOffset: number | null;
}

/** Reads the response format of a payload template (placeholders allowed elsewhere in it). */
export function readPayloadFormat(text: string): PayloadFormat {
  const root = rootObject(text);
  const none: PayloadFormat = { kind: 'text', schema: null, schemaText: null, name: null, schemaOffset: null };

  if (!root) {
    return none;
  }

  const responseFormat = findMember(root, 'response_format')?.value;
  const format = findMember(root, 'format')?.value;

  if (responseFormat?.kind === 'object') {
    const type = literalOf(findMember(responseFormat, 'type')?.value);
    const jsonSchema = findMember(responseFormat, 'json_schema')?.value;
    const schemaNode = jsonSchema?.kind === 'object'
      ? findMember(jsonSchema, 'schema')?.value
      : findMember(responseFormat, 'schema')?.value;
    const name = jsonSchema?.kind === 'object' ? literalOf(findMember(jsonSchema, 'name')?.value) : null;

    if (type === 'json_schema' || (type === 'json_object' && schemaNode)) {
      return schemaNode ? schemaFrom(text, schemaNode, name) : { ...none, kind: 'json' };
    }

    if (type === 'json_object') {
      return { ...none, kind: 'json' };
    }
  }

  if (format?.kind === 'object') {
    return schemaFrom(text, format, null);
  }

  if (literalOf(format) === 'json') {
    return { ...none, kind: 'json' };
  }

  return none;
}

export interface FormatChoice {
  kind: ResponseFormatKind;

  /** The schema for `kind: 'schema'`. */
  schema?: Record<string, unknown>;

  /** Name OpenAI-style providers require for the schema (letters, digits, `_`, `-`). */
  name?: string;
}

/**
 * Writes the response format into a payload template the way `provider` expects it:
 * removes any `response_format` / `format` member and, for JSON, adds one at the end of the
 * top-level object. Every other byte stays as written.
 *
 * @throws TemplateError `template/not-object` when the payload is not a JSON object
 * @throws TemplateError `template/format-unsupported` when the provider cannot do what is asked
 */
export function writePayloadFormat(text: string, provider: Provider | undefined, choice: FormatChoice): string {
  const flavour = provider?.responseFormat ?? OPENAI_RESPONSE_FORMAT;
  const member = formatMember(flavour, choice, provider?.name ?? 'this provider');
  let edited = text;

  for (const name of [ 'response_format', 'format' ]) {
    edited = removeMember(edited, name);
  }

  return member ? appendMember(edited, member.key, member.value) : edited;
}

function formatMember(flavour: ProviderResponseFormat, choice: FormatChoice, providerName: string): { key: string; value: unknown } | null {
  if (choice.kind === 'text') {
    return null;
  }

  if (choice.kind === 'json') {
    if (flavour.json === 'json_object') {
      return { key: 'response_format', value: { type: 'json_object' } };
    }

    if (flavour.json === 'ollama_format') {
      return { key: 'format', value: 'json' };
    }

    // Providers without JSON mode (LM Studio) still follow a schema that allows any object.
    if (flavour.schema) {
      return formatMember(flavour, { kind: 'schema', schema: { type: 'object' }, name: choice.name }, providerName);
    }

    throw new TemplateError('template/format-unsupported', `${providerName} offers no JSON answers`, { from: 0, to: 0 });
  }

  const schema = choice.schema ?? { type: 'object' };

  switch (flavour.schema) {
  case 'json_schema':
    return { key: 'response_format', value: { type: 'json_schema', json_schema: { name: choice.name || 'answer', strict: true, schema } } };
  case 'json_object_schema':
    return { key: 'response_format', value: { type: 'json_object', schema } };
  case 'ollama_format':
    return { key: 'format', value: schema };
  default:
    throw new TemplateError('template/format-unsupported', `${providerName} cannot follow a JSON schema; choose JSON instead`, { from: 0, to: 0 });
  }
}

function rootObject(text: string): ObjectNode | null {
  const root = parseTemplate(text).root;

  return root?.kind === 'object' ? root : null;
}

function requireRoot(text: string): ObjectNode {
  const root = rootObject(text);

  if (!root) {
    throw new TemplateError('template/not-object', 'cannot set the response format: the payload is not a JSON object', { from: 0, to: text.length });
  }

  return root;
}

function literalOf(node: JsonNode | null | undefined): string | null {
  return node?.kind === 'string' ? node.literal : null;
}

function schemaFrom(text: string, node: JsonNode, name: string | null): PayloadFormat {
  const schemaText = text.slice(node.from, node.to);
  let schema: Record<string, unknown> | null = null;

  try {
    const parsed: unknown = JSON.parse(schemaText);
    schema = isRecord(parsed) ? parsed : null;
  } catch {

    // placeholders or a syntax error inside the schema: the text is still shown
  }

  return { kind: 'schema', schema, schemaText, name, schemaOffset: node.from };
}

/** Removes every member named `key` of the top-level object, with its comma. */
function removeMember(text: string, key: string): string {
  for (;;) {
    const root = requireRoot(text);
    const index = root.members.findIndex(member => member.key.literal === key);

    if (index === -1) {
      return text;
    }

    const member = root.members[index];
    const end = member.value?.to ?? member.key.to;
    const next = root.members[index + 1];
    const previous = root.members[index - 1];

    if (next) {
      text = text.slice(0, member.key.from) + text.slice(next.key.from);
    } else if (previous) {
      text = text.slice(0, previous.value?.to ?? previous.key.to) + text.slice(end);
    } else {
      text = text.slice(0, root.from + 1) + text.slice(end);
    }
  }
}

/** Adds `"key": value` as the last member, indented like the members before it. */
function appendMember(text: string, key: string, value: unknown): string {
  const root = requireRoot(text);
  const last = root.members[root.members.length - 1];
  const close = root.to - 1;

  if (!last) {
    return `${text.slice(0, root.from + 1)}\n  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}\n${text.slice(close)}`;
  }

  const lineStart = text.lastIndexOf('\n', last.key.from) + 1;
  const memberIndent = /^[ \t]*/.exec(text.slice(lineStart, last.key.from))?.[0] ?? '';
  const multiline = lineStart > root.from;
  const written = multiline ? indent(JSON.stringify(value, null, 2), memberIndent) : JSON.stringify(value);
  const lastEnd = last.value?.to ?? last.key.to;
  const separator = multiline ? `,\n${memberIndent}` : ', ';

  return text.slice(0, lastEnd) + `${separator}${JSON.stringify(key)}: ${written}` + text.slice(lastEnd);
}

function indent(json: string, prefix: string): string {
  return json.split('\n').join(`\n${prefix}`);
}

/**
 * The payload with its response schema's text replaced by `schemaText`, byte for byte as the
 * user typed it (the schema editor's writes), wherever the provider's flavour keeps it.
 *
 * @throws TemplateError `template/no-schema` when the payload holds no response schema
 */
export function writeSchemaText(payload: string, schemaText: string): string {
  const format = readPayloadFormat(payload);

  if (format.schemaText === null || format.schemaOffset === null) {
    throw new TemplateError('template/no-schema', 'the payload asks for no JSON schema; choose "JSON with schema" first', { from: 0, to: 0 });
  }

  return payload.slice(0, format.schemaOffset) + schemaText + payload.slice(format.schemaOffset + format.schemaText.length);
}
