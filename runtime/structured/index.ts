export { engineTypedValue } from './typed';
export { requestedFormat, readPayloadFormat, writePayloadFormat } from './format';
export { checkStructuredAnswer } from './check';
export { compileSchema, schemaProblems } from './schema-check';
export { STARTER_SCHEMAS } from './starters';
export { schemaPaths } from './schema-paths';
export { lintSchema } from './schema-lint';
export { lintStructuredMapping } from './mapping-lint';
