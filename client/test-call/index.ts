import { BridgeModule } from '../bridge';

import LiveModels from './live-models';
import TestCallService from './TestCallService';

export { TestCallProps } from './TestCallProps';
export { withLiveModels } from './LiveModelProps';

/**
 * didi module of the test call: the dialog service (`catalystTestCall`) and the live
 * model lists (`catalystLiveModels`), both over the desktop bridge (`catalystBridge`).
 */
export const TestCallModule = {
  __depends__: [ BridgeModule ],
  __init__: [ 'catalystTestCall' ],
  catalystTestCall: [ 'type', TestCallService ],
  catalystLiveModels: [ 'type', LiveModels ]
};
