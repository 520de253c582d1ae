/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useService } from 'bpmn-js-properties-panel';

import type { ComponentChildren } from '@bpmn-io/properties-panel/preact';

import type { TaskDiagnostic } from '../../../runtime/lint/lint-task';
import type { TaskProperties } from '../../../runtime/types';
import { taskFindings } from '../task-findings';

/**
 * An entry's description followed by the task lint's findings about its property, or the
 * description alone when there are none (so the entry keeps its usual look).
 */
export function withTaskFindings(description: ComponentChildren, properties: TaskProperties, property: string): ComponentChildren {
  const findings = taskFindings(properties, property);

  return findings.length ? <>{ description }<TaskFindingList findings={ findings } /></> : description;
}

function TaskFindingList({ findings }: { findings: readonly TaskDiagnostic[] }) {
  const translate = useService('translate');

  return <ul class="catalyst-diagnostics" aria-label={ translate('Task problems') }>
    { findings.map(finding => <li
      key={ `${finding.code}:${finding.message}` }
      class={ `catalyst-diagnostic catalyst-diagnostic--${finding.severity}` }>
      { finding.message }
    </li>) }
  </ul>;
}
