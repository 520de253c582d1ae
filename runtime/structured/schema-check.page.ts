/**
 * The schema check as the Modeler's page has it: none. The page bundle stays small and
 * the Modeler's content security policy may forbid the generated code a JSON Schema
 * validator compiles to, so webpack.config.js puts this module in place of schema-check.ts
 * for the client bundle. A test call run through the desktop bridge gets the full check
 * (schema-check.ts, on Node), as do the command line and the worker.
 */
import type { StructuredProblem } from '../types';

/** Why the page leaves the schema unchecked (shown with the verdict). */
export const SCHEMA_UNCHECKED = 'the schema is checked by the desktop bridge, the command line and the worker, not in the editor; start the bridge for the full check';

export function compileSchema(_schema: unknown): { unchecked: string } {
  return { unchecked: SCHEMA_UNCHECKED };
}

export function schemaProblems(): StructuredProblem[] {
  return [];
}
