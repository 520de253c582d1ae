/** The paths a schema's answer has, for completion of `#` mapping paths in the panel. */

import { isRecord } from '../execute/json';

export interface SchemaPath {

  /** Path inside the parsed answer, written after `#`: `priority`, `items[0].sku`. */
  path: string;

  /** The JSON type the schema gives it (`string`, `number`, `string | null`, ...). */
  type: string;
  description?: string;
}

const MAX_DEPTH = 4;

/** Every property path of `schema` (objects' properties, arrays' items as `[0]`), depth first. */
export function schemaPaths(schema: unknown): SchemaPath[] {
  const paths: SchemaPath[] = [];

  walk(schema, '', 0, paths);

  return paths;
}

function walk(schema: unknown, prefix: string, depth: number, paths: SchemaPath[]): void {
  if (!isRecord(schema) || depth > MAX_DEPTH) {
    return;
  }

  if (isRecord(schema.properties)) {
    for (const [ name, child ] of Object.entries(schema.properties)) {
      const step = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? (prefix ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
      const path = prefix + step;

      paths.push({ path, type: typeOf(child), ...(isRecord(child) && typeof child.description === 'string' ? { description: child.description } : {}) });
      walk(child, path, depth + 1, paths);
    }
  }

  if (isRecord(schema.items)) {
    walk(schema.items, `${prefix}[0]`, depth + 1, paths);
  }
}

function typeOf(schema: unknown): string {
  if (!isRecord(schema)) {
    return 'any';
  }

  if (Array.isArray(schema.type)) {
    return schema.type.join(' | ');
  }

  if (typeof schema.type === 'string') {
    return schema.type;
  }

  return Array.isArray(schema.enum) ? 'enum' : 'any';
}
