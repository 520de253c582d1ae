import { useService } from 'bpmn-js-properties-panel';

import type { CatalystTasks } from '../../tasks';

/** The `catalystTasks` service of the current modeler. */
export function useCatalystTasks(): CatalystTasks {
  return useService<CatalystTasks>('catalystTasks');
}
