// Host libraries that ship without type declarations; the playground only wires them up.
declare module 'bpmn-js-properties-panel';
declare module 'bpmn-js-element-templates';
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform';
declare module 'camunda-bpmn-moddle/resources/camunda.json';
declare module '@bpmn-io/properties-panel';
declare module '@bpmn-io/properties-panel/preact';
declare module '@bpmn-io/properties-panel/preact/hooks';
declare module '@bpmn-io/properties-panel/preact/compat';
declare module '@bpmn-io/properties-panel/preact/jsx-runtime';
declare module '*.css';
