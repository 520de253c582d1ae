export { readCatalystTasks } from './read';
export { catalystTasksOf } from './tasks';
export type { CatalystTask, CatalystDiagram, BpmnWarning } from './tasks';
export { describeImportError } from './import-error';
