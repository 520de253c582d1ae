import type { BridgeContext } from '../context';

/** Protocol version of docs/bridge-protocol.md. */
export const BRIDGE_PROTOCOL_VERSION = 1;

/** `GET /health`: the bridge is there, the token is good, and where keys are read from. */
export function handleHealth(context: BridgeContext): { ok: true; version: number; secretsFile: string | null; secretsDir: string | null } {
  return { ok: true, version: BRIDGE_PROTOCOL_VERSION, secretsFile: context.secretsFile, secretsDir: context.secretsDir };
}
