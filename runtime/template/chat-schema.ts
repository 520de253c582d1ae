/**
 * The part of OpenAI's chat-completions request schema (CreateChatCompletionRequest)
 * that lint checks. Carried as data so the browser bundle does not need the 2,600-line
 * spec; test/runtime/template/chat-schema.spec.ts keeps it in step with that spec.
 *
 * Fields not listed here are not checked: OpenAI-compatible providers add their own
 * (`top_k`, `reasoning_format`, ...) and accept values OpenAI does not, so only fields
 * whose shape every provider shares are constrained.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

export interface FieldRule {

  /** Allowed JSON types; `number` admits integers too. */
  type: readonly JsonType[];

  /** Allowed values when the value is a string. */
  enum?: readonly string[];

  /** Bounds when the value is a number. */
  minimum?: number;
  maximum?: number;

  /** Bounds and item rule when the value is an array. */
  minItems?: number;
  maxItems?: number;
  items?: FieldRule;

  /** Member rules and required members when the value is an object. */
  properties?: Readonly<Record<string, FieldRule>>;
  required?: readonly string[];

  /** More rules for an object, chosen by the string value of one of its members (`role`, `type`). */
  variants?: { property: string; rules: Readonly<Record<string, FieldRule>> };
}

const STRING: FieldRule = { type: [ 'string' ] };
const NULLABLE_STRING: FieldRule = { type: [ 'string', 'null' ] };
const NULLABLE_BOOLEAN: FieldRule = { type: [ 'boolean', 'null' ] };
const NULLABLE_OBJECT: FieldRule = { type: [ 'object', 'null' ] };

function contentParts(types: readonly string[]): FieldRule {
  return {
    type: [ 'array' ],
    minItems: 1,
    items: {
      type: [ 'object' ],
      required: [ 'type' ],
      properties: { type: { type: [ 'string' ], enum: types } }
    }
  };
}

const TEXT_PARTS = contentParts([ 'text' ]);

/** `role` picks which of these applies to a message. */
const MESSAGE_RULES: Record<string, FieldRule> = {
  developer: {
    type: [ 'object' ],
    required: [ 'content', 'role' ],
    properties: { content: { ...TEXT_PARTS, type: [ 'string', 'array' ] }, name: STRING }
  },
  system: {
    type: [ 'object' ],
    required: [ 'content', 'role' ],
    properties: { content: { ...TEXT_PARTS, type: [ 'string', 'array' ] }, name: STRING }
  },
  user: {
    type: [ 'object' ],
    required: [ 'content', 'role' ],
    properties: {
      content: { ...contentParts([ 'text', 'image_url', 'input_audio', 'file' ]), type: [ 'string', 'array' ] },
      name: STRING
    }
  },
  assistant: {
    type: [ 'object' ],
    required: [ 'role' ],
    properties: {
      content: { ...contentParts([ 'text', 'refusal' ]), type: [ 'string', 'array', 'null' ] },
      refusal: NULLABLE_STRING,
      name: STRING,
      tool_calls: { type: [ 'array' ] }
    }
  },
  tool: {
    type: [ 'object' ],
    required: [ 'role', 'content', 'tool_call_id' ],
    properties: { content: { ...TEXT_PARTS, type: [ 'string', 'array' ] }, tool_call_id: STRING }
  },
  function: {
    type: [ 'object' ],
    required: [ 'role', 'content', 'name' ],
    properties: { content: NULLABLE_STRING, name: STRING }
  }
};

const MESSAGE: FieldRule = {
  type: [ 'object' ],
  required: [ 'role' ],
  properties: { role: { type: [ 'string' ], enum: Object.keys(MESSAGE_RULES) } },
  variants: { property: 'role', rules: MESSAGE_RULES }
};

const RESPONSE_FORMAT: FieldRule = {
  type: [ 'object' ],
  required: [ 'type' ],
  properties: { type: { type: [ 'string' ], enum: [ 'text', 'json_schema', 'json_object' ] } },
  variants: {
    property: 'type',
    rules: {
      text: { type: [ 'object' ], required: [ 'type' ] },
      json_object: { type: [ 'object' ], required: [ 'type' ] },
      json_schema: {
        type: [ 'object' ],
        required: [ 'type', 'json_schema' ],
        properties: {
          json_schema: {
            type: [ 'object' ],
            required: [ 'name' ],
            properties: { name: STRING, description: STRING, schema: { type: [ 'object' ] }, strict: NULLABLE_BOOLEAN }
          }
        }
      }
    }
  }
};

const TOOL: FieldRule = {
  type: [ 'object' ],
  required: [ 'type' ],
  properties: { type: { type: [ 'string' ], enum: [ 'function', 'custom' ] } },
  variants: {
    property: 'type',
    rules: {
      function: {
        type: [ 'object' ],
        required: [ 'type', 'function' ],
        properties: {
          function: {
            type: [ 'object' ],
            required: [ 'name' ],
            properties: { name: STRING, description: STRING, parameters: { type: [ 'object' ] }, strict: NULLABLE_BOOLEAN }
          }
        }
      },
      custom: { type: [ 'object' ], required: [ 'type', 'custom' ], properties: { custom: { type: [ 'object' ] } } }
    }
  }
};

const PENALTY: FieldRule = { type: [ 'number', 'null' ], minimum: -2, maximum: 2 };

/**
 * A token limit of 0 is accepted by the schema (it sets no minimum) but can only
 * produce an empty answer, so lint asks for at least 1.
 */
const TOKEN_LIMIT: FieldRule = { type: [ 'integer', 'null' ], minimum: 1 };

/** The chat-completions request body, as far as lint checks it. */
export const CHAT_REQUEST: FieldRule = {
  type: [ 'object' ],
  required: [ 'model', 'messages' ],
  properties: {
    model: STRING,
    messages: { type: [ 'array' ], minItems: 1, items: MESSAGE },
    max_tokens: TOKEN_LIMIT,
    max_completion_tokens: TOKEN_LIMIT,
    temperature: { type: [ 'number', 'null' ], minimum: 0, maximum: 2 },
    top_p: { type: [ 'number', 'null' ], minimum: 0, maximum: 1 },
    n: { type: [ 'integer', 'null' ], minimum: 1, maximum: 128 },
    stream: NULLABLE_BOOLEAN,
    stream_options: NULLABLE_OBJECT,
    stop: { type: [ 'string', 'array', 'null' ], minItems: 1, maxItems: 4, items: STRING },
    presence_penalty: PENALTY,
    frequency_penalty: PENALTY,
    response_format: RESPONSE_FORMAT,
    tools: { type: [ 'array' ], items: TOOL },
    tool_choice: { type: [ 'string', 'object' ], enum: [ 'none', 'auto', 'required' ] },
    parallel_tool_calls: { type: [ 'boolean' ] },

    // a 64-bit integer, as far as a JavaScript number can tell
    seed: { type: [ 'integer', 'null' ], minimum: -(2 ** 63), maximum: 2 ** 63 },
    user: STRING,
    logprobs: NULLABLE_BOOLEAN,
    logit_bias: NULLABLE_OBJECT,
    metadata: NULLABLE_OBJECT,
    store: NULLABLE_BOOLEAN,

    // values beyond OpenAI's (Groq's `default`) exist, so only the type is checked
    reasoning_effort: NULLABLE_STRING
  }
};
