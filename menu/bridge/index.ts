/**
 * The desktop bridge: the shared runtime served over HTTP on 127.0.0.1 for the Modeler's
 * sandboxed renderer. Built into menu/dist/bridge.cjs (self-contained) for menu/index.js
 * and for the playground server. Protocol: docs/bridge-protocol.md.
 */
export { attachBridge, type AttachedBridge } from './attach';
export { BridgeRequestError } from './bridge-error';
export type { BridgeOptions } from './defaults';
export { BRIDGE_BASE_PATH, createBridgeHandler, createToken, serveUpgrades, type BridgeHandler, type BridgeHandlerOptions } from './handler';
export { hostProblem } from './guard';
export { BRIDGE_PROTOCOL_VERSION } from './protocol';
export type { ConnectionCheck, ConnectionProblem, SecretStatus } from './protocol';
export type { BridgeRuntime } from './runtime-port';
export { startBridge, type RunningBridge } from './server';
