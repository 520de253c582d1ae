import { PROPERTY } from '../../runtime/config';
import { lintTaskConfiguration } from '../../runtime/lint/lint-task';
import type { TaskDiagnostic } from '../../runtime/lint/lint-task';
import type { TaskProperties } from '../../runtime/types';

import { perProperties } from './derived';

// Entries whose own validation already shows the task lint's configuration errors (the
// text fields ask `checkTaskConfig`, the provider select checks the id).
const VALIDATED = new Set<string>([
  PROPERTY.provider, PROPERTY.url, PROPERTY.authHeader, PROPERTY.authPrefix,
  PROPERTY.secretName, PROPERTY.timeout, PROPERTY.retries
]);

// Entries that list task findings under them; findings about any other property (an
// unknown `catalyst.timout`, the version) are shown on the Provider entry, the task's first.
const HOSTS = new Set<string>([ ...VALIDATED, PROPERTY.authType, PROPERTY.secretSource ]);

let last: { key: string; findings: TaskDiagnostic[] } | undefined;

/**
 * The task lint's findings (`lintTask`, the same the command line and the worker report)
 * that the entry of `property` shows, leaving out what other parts of the panel show
 * already: the payload editor its findings and the mapping lists theirs (so only the
 * configuration part of the lint runs, `lintTaskConfiguration`), a field's validation its
 * configuration error, and the Secret name field the key it refuses.
 */
export function taskFindings(properties: TaskProperties, property: string): TaskDiagnostic[] {
  return lintedTask(properties).filter(finding => hostOf(finding) === property && !shownElsewhere(finding));
}

// Every entry of a task asks in the same render; lint the properties once for all of them
// (by identity, else by content).
const lintedTask = perProperties(properties => lintedText(properties));

function lintedText(properties: TaskProperties): TaskDiagnostic[] {
  const key = JSON.stringify(properties);

  if (last?.key !== key) {
    last = { key, findings: lintTaskConfiguration(properties) };
  }

  return last.findings;
}

function hostOf(finding: TaskDiagnostic): string {
  return HOSTS.has(finding.property) ? finding.property : PROPERTY.provider;
}

function shownElsewhere({ property, code, severity }: TaskDiagnostic): boolean {
  return property === PROPERTY.payload
    || code.startsWith('mapping/')
    || (severity === 'error' && code.startsWith('config/') && VALIDATED.has(property))
    || (code === 'secret/key-literal' && property === PROPERTY.secretName);
}
