/**
 * The payload lint of design §4 in the worker: the checks the panel and `catalyst lint`
 * run, logged for each distinct task configuration the worker meets, so a finding the
 * modeler missed (a model the provider does not offer, a field of the wrong type) shows
 * up where operators look, without repeating on every process instance.
 */
import { getProvider } from '../runtime/catalog';
import { lintPayload } from '../runtime/template';
import type { TaskConfig } from '../runtime/types';

import type { LogFields, Logger } from './log';

/** Distinct configurations remembered; past this the memory starts over (and logs again). */
export const LINTED_CAPACITY = 500;

/**
 * Logs a `task.lint` line per finding of the task's payload, the first time this provider
 * and payload are seen in `seen` (every time without one).
 */
export function logPayloadLint(config: Pick<TaskConfig, 'provider' | 'payload'>, log: Logger, where: LogFields, seen?: Set<string>): void {
  const key = `${config.provider}\n${config.payload}`;

  if (seen?.has(key)) {
    return;
  }

  if (seen) {
    if (seen.size >= LINTED_CAPACITY) {
      seen.clear();
    }

    seen.add(key);
  }

  for (const { severity, code, message, from, to } of lintPayload(config.payload, { provider: getProvider(config.provider) })) {
    log.warn('task.lint', { ...where, severity, code, message, from, to });
  }
}
