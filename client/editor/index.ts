export { PayloadEditor } from './payload-editor';
export { type VariableOption } from './completion-source';
