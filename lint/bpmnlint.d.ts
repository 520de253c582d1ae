// bpmnlint is plain JavaScript with JSDoc; only what the tests and the playground call is declared.
declare module 'bpmnlint' {
  import type { ModdleElement } from 'bpmn-moddle';

  export interface LintReport {
    id?: string;
    message: string;
    name?: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    [key: string]: unknown;
  }

  export class Linter {
    constructor(options: { config?: object; resolver: object });

    /** Reports by rule name. */
    lint(definitions: ModdleElement, config?: object): Promise<Record<string, LintReport[]>>;
  }
}
