/**
 * Structured answers for the fault server: one route that answers a "classify ticket" task
 * with a valid, an invalid-JSON or a schema-violating JSON answer (or a valid one behind a
 * `<think>` block or in a Markdown fence), chosen by a marker such as `[invalid-json]` in the
 * last user message, so CLI, bridge, worker and browser specs drive it through a variable.
 * A request with `"stream": true` gets the same answer as chat.completion.chunk events.
 */
import { chunk, completion, type Behaviour, type FaultServer } from './fault-server';

/** The schema of the "Classify ticket" task. */
export const TICKET_SCHEMA = {
  type: 'object',
  properties: {
    category: { type: 'string', enum: [ 'billing', 'technical', 'account', 'other' ] },
    priority: { type: 'string', enum: [ 'low', 'medium', 'high' ] },
    amount: { type: 'number' },
    itemCount: { type: 'integer' },
    orderRef: { type: 'integer' },
    escalate: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    customer: { type: 'object', properties: { name: { type: 'string' } }, required: [ 'name' ], additionalProperties: false },
    note: { type: [ 'string', 'null' ] }
  },
  required: [ 'category', 'priority', 'amount', 'itemCount', 'orderRef', 'escalate', 'tags', 'customer', 'note' ],
  additionalProperties: false
};

/** An answer that follows {@link TICKET_SCHEMA}: one value of every engine type. */
export const VALID_TICKET = {
  category: 'billing',
  priority: 'high',
  amount: 1250.5,
  itemCount: 3,
  orderRef: 5_000_000_000,
  escalate: true,
  tags: [ 'refund', 'vip' ],
  customer: { name: 'Ada' },
  note: null
};

/** What each marker answers with, as the text of `choices[0].message.content`. */
const STRUCTURED_CONTENT = {
  valid: JSON.stringify(VALID_TICKET),
  think: `<think>The user mentions {"priority": "low"} once, but the refund is urgent.</think>\n${JSON.stringify(VALID_TICKET)}`,
  fenced: `\`\`\`json\n${JSON.stringify(VALID_TICKET, null, 2)}\n\`\`\``,
  'invalid-json': 'Sure! Here is the classification: {"category": "billing", "priority": "high"',
  'schema-violating': JSON.stringify({ ...VALID_TICKET, priority: 'urgent', amount: 'a lot' })
} as const;

export type StructuredMarker = keyof typeof STRUCTURED_CONTENT;

/** Response mapping of the task: one variable per engine type, plus the whole answer. */
export const TICKET_MAPPING = {
  category: 'choices[0].message.content#category',
  priority: 'choices[0].message.content#priority',
  amount: 'choices[0].message.content#amount',
  itemCount: 'choices[0].message.content#itemCount',
  orderRef: 'choices[0].message.content#orderRef',
  escalate: 'choices[0].message.content#escalate',
  tags: 'choices[0].message.content#tags',
  customer: 'choices[0].message.content#customer',
  note: 'choices[0].message.content#note'
};

/** The payload template: OpenAI's json_schema response format around {@link TICKET_SCHEMA}. */
export const TICKET_PAYLOAD = JSON.stringify({
  model: 'fault-model',
  messages: [
    { role: 'system', content: 'Classify the support ticket.' },
    { role: 'user', content: '${ticketText}' }
  ],
  response_format: { type: 'json_schema', json_schema: { name: 'ticket', strict: true, schema: TICKET_SCHEMA } }
}, null, 2);

/** Extension properties of the "Classify ticket" task against `url`. */
export function ticketTaskProperties(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'catalyst.provider': 'openai-compatible',
    'catalyst.url': url,
    'catalyst.secretSource': 'env',
    'catalyst.secretName': 'test_api_key',
    'catalyst.payload': TICKET_PAYLOAD,
    'catalyst.responseMapping': JSON.stringify(TICKET_MAPPING),
    'catalyst.retries': '0',
    ...extra
  };
}

/** The marker in a request's last user message (`[invalid-json]`), `valid` without one. */
function markerOf(body: string): StructuredMarker {
  const messages: Array<{ role?: string; content?: unknown }> = JSON.parse(body).messages ?? [];
  const text = String(messages.filter(message => message.role === 'user').at(-1)?.content ?? '');
  const marker = /\[([a-z-]+)\]/.exec(text)?.[1];

  return marker && marker in STRUCTURED_CONTENT ? marker as StructuredMarker : 'valid';
}

/**
 * Answers each request to `server` with the structured content its marker names, streamed
 * when asked. The fault server has read the body before a behaviour runs; the request it
 * recorded last, synchronously before calling the behaviour, is this one.
 */
export function structuredAnswers(server: FaultServer): Behaviour {
  return (_request, response) => {
    const body = server.requests[server.requests.length - 1].body;
    const content = STRUCTURED_CONTENT[markerOf(body)];

    if (!JSON.parse(body).stream) {
      const text = JSON.stringify(completion(content));

      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      response.end(text);

      return;
    }

    response.writeHead(200, { 'Content-Type': 'text/event-stream' });

    const third = Math.ceil(content.length / 3);
    const events = [
      chunk({ role: 'assistant', content: '' }),
      ...[ 0, 1, 2 ].map(part => chunk({ content: content.slice(part * third, (part + 1) * third) })),
      chunk({}, 'stop')
    ];

    for (const event of events) {
      response.write(`data: ${JSON.stringify(event)}\n\n`);
    }

    response.end('data: [DONE]\n\n');
  };
}

/** The engine types design §5.7 gives {@link VALID_TICKET}'s fields. */
export const TICKET_ENGINE_TYPES = {
  category: 'String',
  priority: 'String',
  amount: 'Double',
  itemCount: 'Integer',
  orderRef: 'Long',
  escalate: 'Boolean',
  tags: 'Json',
  customer: 'Json',
  note: 'Null'
};
