import { BridgeModule } from '../bridge';

import LiveModels from './live-models';
import TestCallPropertiesProvider from './TestCallPropertiesProvider';
import TestCallService from './TestCallService';

export { CatalystTabExtension } from './tab-extension';

/**
 * didi module of the test call: the service opening it (`catalystTestCall`, in the bottom
 * panel's Catalyst tab or a modal dialog), the live model lists (`catalystLiveModels`),
 * both over the desktop bridge (`catalystBridge`), and the panel entries of both
 * (`catalystTestCallPropertiesProvider`).
 */
export const TestCallModule = {
  __depends__: [ BridgeModule ],
  __init__: [ 'catalystTestCall', 'catalystTestCallPropertiesProvider' ],
  catalystTestCall: [ 'type', TestCallService ],
  catalystLiveModels: [ 'type', LiveModels ],
  catalystTestCallPropertiesProvider: [ 'type', TestCallPropertiesProvider ]
};
