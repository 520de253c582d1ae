export { PayloadEditor, type PayloadEditorOptions } from './payload-editor';
export { variableCompletion, type VariableOption } from './completion-source';
export { toEditorDiagnostics } from './lint-source';
export { minimalChange } from './text-change';
export { renderInlineCode, splitInlineCode, type MessagePart } from './inline-code';
export { schemaKeywordCompletion } from './schema-completion';
