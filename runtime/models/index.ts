export { listModels } from './list-models';
export type { ModelsTarget, ListModelsOptions } from './list-models';
export { parseModels } from './parse-models';
export { looksLikeChatModel } from './chat-capable';
