import { CatalystError } from '../../runtime/errors';

/**
 * Why a bridge request did not work: the bridge's own error codes (docs/bridge-protocol.md
 * §3) plus `NOT_ANNOUNCED`, `START_FAILED`, `UNREACHABLE` and `STREAM_BROKEN`, which only
 * the renderer can see.
 */
export class BridgeError extends CatalystError {
  override name = 'BridgeError';

  /** HTTP status of the bridge's answer, `null` when there was none. */
  readonly status: number | null;

  constructor(code: string, message: string, status: number | null = null) {
    super(code, message);
    this.status = status;
  }
}
