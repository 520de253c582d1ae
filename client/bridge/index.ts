import { CatalystBridge } from './CatalystBridge';

export { announceBridge, currentAnnouncement, listenToWindow, onAnnouncement } from './announcement';
export { BridgeError, KEY_NOT_TRUSTED, untrustedSendOf, type UntrustedSend } from './bridge-error';
export { BridgeClientExtension } from './client-extension';
export { CatalystBridge, isShown, type BridgeStatus, type CallOutcome } from './CatalystBridge';
export { TEST_TASK_EDITOR_EVENT } from './test-task-request';
export type {
  BridgeAnnouncement,
  CallRequest,
  CallStreamEvent,
  ConnectionCheck,
  ConnectionProblem,
  HealthAnswer,
  ModelsAnswer,
  ModelsRequest,
  SecretStatus
} from '../../menu/bridge/protocol';

/** bpmn-js module providing the `catalystBridge` service. */
export const BridgeModule = {
  catalystBridge: [ 'type', CatalystBridge ]
};
