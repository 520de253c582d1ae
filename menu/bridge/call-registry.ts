import { randomUUID } from 'node:crypto';

import { BridgeRequestError } from './bridge-error';

/** Why a running call was stopped early. */
export type CancelReason = 'cancel-request' | 'client-gone' | 'bridge-closed';

interface RunningCall {
  controller: AbortController;
  reason: CancelReason | null;
}

/** The calls running right now, by id, so a later request can cancel one. */
export class CallRegistry {
  private readonly calls = new Map<string, RunningCall>();

  /** Registers a call under `callId` (or a new id) and returns its id and abort signal. */
  start(callId?: string): { callId: string; signal: AbortSignal; cancelReason: () => CancelReason | null } {
    const id = callId ?? randomUUID();

    if (this.calls.has(id)) {
      throw new BridgeRequestError(409, 'CALL_ID_IN_USE', `a call with id "${id}" is already running`, { field: 'callId' });
    }

    const call: RunningCall = { controller: new AbortController(), reason: null };
    this.calls.set(id, call);

    return { callId: id, signal: call.controller.signal, cancelReason: () => call.reason };
  }

  /** Stops a running call; `false` when there is none with that id. */
  cancel(callId: string, reason: CancelReason): boolean {
    const call = this.calls.get(callId);

    if (!call) {
      return false;
    }

    call.reason ??= reason;
    call.controller.abort();

    return true;
  }

  finish(callId: string): void {
    this.calls.delete(callId);
  }

  cancelAll(reason: CancelReason): void {
    for (const callId of this.calls.keys()) {
      this.cancel(callId, reason);
    }
  }

  get size(): number {
    return this.calls.size;
  }
}
