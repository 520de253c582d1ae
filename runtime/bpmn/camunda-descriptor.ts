import { createRequire } from 'node:module';

// Read through require rather than `import ... with { type: 'json' }`: the Node bundle
// leaves npm packages external, esbuild's node20 target drops import attributes, and Node
// refuses a JSON import without one.
const requireFromHere = createRequire(import.meta.url);

/** camunda-bpmn-moddle's descriptor: lets bpmn-moddle read `camunda:*` attributes and elements. */
export const camundaDescriptor: Record<string, unknown> = requireFromHere('camunda-bpmn-moddle/resources/camunda.json');
