export { readCatalystTasks } from './read';
export type { CatalystTask, CatalystDiagram, BpmnWarning } from './read';
export { describeImportError } from './import-error';
