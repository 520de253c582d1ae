// bpmn-moddle ships types for its model (bpmn-moddle/types) but not for its entry point.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    $parent?: ModdleElement;
    id?: string;
    name?: string;
    get(name: string): any;
    set(name: string, value: unknown): void;
    $instanceOf(type: string): boolean;
    [property: string]: any;
  }

  export interface ImportWarning {
    message: string;
    element?: ModdleElement;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{
      rootElement: ModdleElement;
      warnings: ImportWarning[];
      elementsById: Record<string, ModdleElement>;
    }>;
  }
}

// The package is plain JavaScript; only the call this module makes is declared.
declare module '@bpmn-io/extract-process-variables' {
  export function getProcessVariables(container: object, extractors?: Array<(options: any) => unknown>): Promise<Array<{ name: string; origin: any[]; scope: any }>>;
}
