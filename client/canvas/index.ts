import CatalystTaskRenderer from './CatalystTaskRenderer';

/** didi module: Catalyst tasks show their provider's icon on the canvas and in exports. */
export const CatalystCanvasModule = {
  __init__: [ 'catalystTaskRenderer' ],
  catalystTaskRenderer: [ 'type', CatalystTaskRenderer ]
};
