export { listModels } from './list-models';
export type { ModelsTarget } from './list-models';
export { parseModels } from './parse-models';
