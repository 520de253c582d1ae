import KnownVariables from './KnownVariables';

export { default as KnownVariables } from './KnownVariables';

/** didi module providing `catalystVariables`, the cached known variables. */
export const KnownVariablesModule = {
  __init__: [ 'catalystVariables' ],
  catalystVariables: [ 'type', KnownVariables ]
};
