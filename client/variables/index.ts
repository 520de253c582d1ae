import KnownVariables from './KnownVariables';

export { default as KnownVariables } from './KnownVariables';
export {
  collectKnownVariables,
  extractProcessVariables,
  findProcess,
  variablesForTask,
  type ProcessVariable
} from './known-variables';

/** didi module providing `catalystVariables`, the cached known variables. */
export const KnownVariablesModule = {
  __init__: [ 'catalystVariables' ],
  catalystVariables: [ 'type', KnownVariables ]
};
