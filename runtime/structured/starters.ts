/** Starter schemas the panel offers for the common decisions a process makes. */

export interface StarterSchema {
  id: string;
  label: string;

  /** `json_schema.name` (letters, digits, `_`). */
  name: string;
  schema: Record<string, unknown>;
}

export const STARTER_SCHEMAS: readonly StarterSchema[] = Object.freeze([
  {
    id: 'classification',
    label: 'Classification (enum)',
    name: 'classification',
    schema: {
      type: 'object',
      properties: {
        category: { type: 'string', enum: [ 'billing', 'technical', 'account', 'other' ] },
        priority: { type: 'string', enum: [ 'low', 'medium', 'high' ] },
        confidence: { type: 'number', minimum: 0, maximum: 1 }
      },
      required: [ 'category', 'priority', 'confidence' ],
      additionalProperties: false
    }
  },
  {
    id: 'extraction',
    label: 'Extraction (typed fields)',
    name: 'extraction',
    schema: {
      type: 'object',
      properties: {
        customerName: { type: 'string' },
        amount: { type: 'number' },
        currency: { type: 'string', enum: [ 'EUR', 'USD', 'GBP' ] },
        invoiceNumber: { type: [ 'string', 'null' ] },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { sku: { type: 'string' }, quantity: { type: 'integer' } },
            required: [ 'sku', 'quantity' ],
            additionalProperties: false
          }
        }
      },
      required: [ 'customerName', 'amount', 'currency', 'invoiceNumber', 'items' ],
      additionalProperties: false
    }
  },
  {
    id: 'decision',
    label: 'Yes / no with reason',
    name: 'decision',
    schema: {
      type: 'object',
      properties: {
        approved: { type: 'boolean' },
        reason: { type: 'string' }
      },
      required: [ 'approved', 'reason' ],
      additionalProperties: false
    }
  }
] satisfies StarterSchema[]);
