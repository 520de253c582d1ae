/**
 * The task lint of design §4 in the worker: the same `lintTask` the panel and
 * `catalyst lint` run, logged for each distinct task configuration the worker meets, so a
 * finding the modeler missed (a model the provider does not offer, a key pasted into the
 * URL, an unknown property) shows up where operators look, without repeating on every
 * process instance.
 */
import { lintTask } from '../runtime/lint/lint-task';
import type { TaskProperties } from '../runtime/types';

import type { LogFields, Logger } from './log';

/** Distinct configurations remembered; past this the memory starts over (and logs again). */
const LINTED_CAPACITY = 500;

/**
 * Logs a `task.lint` line per finding of the task lint, the first time these task
 * properties are seen in `seen` (every time without one).
 */
export function logTaskLint(properties: TaskProperties, log: Logger, where: LogFields, seen?: Set<string>): void {
  const key = JSON.stringify(properties);

  if (seen?.has(key)) {
    return;
  }

  if (seen) {
    if (seen.size >= LINTED_CAPACITY) {
      seen.clear();
    }

    seen.add(key);
  }

  for (const { severity, code, message, from, to } of lintTask({ properties })) {
    log.warn('task.lint', { ...where, severity, code, message, from, to });
  }
}
