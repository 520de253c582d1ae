export { readCatalystTasks } from './read';
export type { CatalystTask, CatalystDiagram } from './read';
