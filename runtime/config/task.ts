/** Whether an element's `camunda:type` and `camunda:topic` make it a Catalyst task (design §2). */
export function isCatalystTask(element: { type?: string | null; topic?: string | null }): boolean {
  return element.type === 'external' && element.topic === 'catalyst';
}

/**
 * The environment variable a secret name resolves to: `groq_api_key` → `GROQ_API_KEY`.
 * Characters a shell cannot put in a variable name (`-`, `.`) become `_`.
 */
export function secretEnvName(secretName: string): string {
  return secretName.trim().toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

const VARIABLE_REFERENCE = /^\$\{\s*([A-Za-z_$][\w$]*)\s*\}$/;

/**
 * The process variable a `variable`-source secret name refers to (`${apiKey}` → `apiKey`),
 * or `null` when the name is a literal.
 */
export function secretVariableName(secretName: string): string | null {
  return VARIABLE_REFERENCE.exec(secretName.trim())?.[1] ?? null;
}
