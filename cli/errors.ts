import { CatalystError } from '../runtime/errors';

/** The command line was called wrongly, or a file it was given cannot be read: exit 64. */
export class UsageError extends CatalystError {
  override name = 'UsageError';

  constructor(message: string) {
    super('USAGE', message);
  }
}

/** Exit codes (sysexits.h for usage; 2 mirrors a BPMN error the process can catch). */
export const EXIT = Object.freeze({
  ok: 0,
  failure: 1,
  bpmnError: 2,
  usage: 64,
  internal: 70
});
