// Host libraries without type declarations; the playground only wires them together.
// client/host-modules.d.ts declares the parts the panel uses; declarations of the same
// module merge, so this file adds only what the host needs on top.

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: object;
  export const BpmnPropertiesProviderModule: object;
  export const CamundaPlatformPropertiesProviderModule: object;
}

declare module 'bpmn-js-element-templates' {
  export const ElementTemplatesPropertiesProviderModule: object;
}

declare module '@bpmn-io/properties-panel/preact/compat';
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform';
declare module 'camunda-bpmn-moddle/resources/camunda.json';
declare module '*.css';
