// @bpmn-io/element-templates-validator ships without types; the part the spec uses.
declare module '@bpmn-io/element-templates-validator' {
  export function validate(template: object | string): { valid: boolean; errors: Array<{ message: string; dataPath?: string }> | null };
}
