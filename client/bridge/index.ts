import { CatalystBridge } from './CatalystBridge';

export { announceBridge, listenToWindow } from './announcement';
export { BridgeError, untrustedSendOf, type UntrustedSend } from './bridge-error';
export { BridgeClientExtension } from './client-extension';
export { CatalystBridge, isShown } from './CatalystBridge';
export { TEST_TASK_EDITOR_EVENT } from './test-task-request';
export type {
  CallStreamEvent,
  ConnectionCheck,
  KeyDestination,
  SecretStatus
} from '../../menu/bridge/protocol';

/** bpmn-js module providing the `catalystBridge` service. */
export const BridgeModule = {
  catalystBridge: [ 'type', CatalystBridge ]
};
