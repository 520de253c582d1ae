/** The four variables every call sets (design §5.4); not diagram variables. */
export const STANDARD_VARIABLES: readonly string[] = Object.freeze([
  'catalyst_responseBody',
  'catalyst_statusCode',
  'catalyst_success',
  'catalyst_error'
]);

/** Whether `name` is one of the four standard `catalyst_*` variables. */
export function isStandardVariable(name: string): boolean {
  return STANDARD_VARIABLES.includes(name);
}
