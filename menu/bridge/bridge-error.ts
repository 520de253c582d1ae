import { CatalystError } from '../../runtime/errors';

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

  constructor(status: number, code: string, message: string, where: { field?: string; property?: string } = {}) {
    super(code, message);
    this.status = status;
    this.field = where.field;
    this.property = where.property;
  }
}
