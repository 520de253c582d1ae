import { CatalystError } from '../../runtime/errors';

import type { UntrustedSend } from './protocol';

export type { UntrustedSend };

/**
 * A request the bridge refuses or cannot serve. Carries the HTTP status the client
 * gets, so route code can throw it and the handler answers with the JSON error body.
 */
export class BridgeRequestError extends CatalystError {
  override name = 'BridgeRequestError';

  readonly status: number;

  /** The request field or `catalyst.*` property at fault, when there is one. */
  readonly field?: string;
  readonly property?: string;

  /** For `KEY_NOT_TRUSTED`: the pair that was refused, so the editor can offer its approval. */
  readonly trust?: UntrustedSend;

  constructor(status: number, code: string, message: string, where: { field?: string; property?: string; trust?: UntrustedSend } = {}) {
    super(code, message);
    this.status = status;
    this.field = where.field;
    this.property = where.property;
    this.trust = where.trust;
  }
}
