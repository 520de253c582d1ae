import type { BridgeContext } from '../context';
import { BRIDGE_PROTOCOL_VERSION, type HealthAnswer } from '../protocol';

/** `GET /health`: the bridge is there, the token is good, and where keys are read from. */
export function handleHealth(context: BridgeContext): HealthAnswer {
  return { ok: true, version: BRIDGE_PROTOCOL_VERSION, secretsFile: context.secretsFile, secretsDir: context.secretsDir };
}
