import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import type { VariableOption } from '../../editor';
import { getBusinessObject } from '../../tasks';
import { collectKnownVariables } from '../../variables';

/**
 * The variables the task's payload may use, refreshed whenever the diagram changes.
 * `null` until the first collection finished: lint then does not flag unknown names.
 * Collection runs after rendering, so selecting a task in a large diagram stays fast.
 */
export function useKnownVariables(element: any): VariableOption[] | null {
  const eventBus = useService('eventBus');
  const [ variables, setVariables ] = useState<VariableOption[] | null>(null);

  useEffect(() => {
    let current = true;
    let shownKey = '';

    const refresh = () => collectKnownVariables(getBusinessObject(element)).then(collected => {
      const key = collected.map(variable => `${variable.name}:${variable.detail ?? ''}`).join('\n');

      // a new but equal list would re-lint and re-render the payload editor for nothing
      if (current && key !== shownKey) {
        shownKey = key;
        setVariables(collected);
      }
    }, () => {

      // keep what was shown: an empty list would flag every placeholder as unknown
    });

    refresh();
    eventBus.on('commandStack.changed', refresh);

    return () => {
      current = false;
      eventBus.off('commandStack.changed', refresh);
    };
  }, [ element, eventBus ]);

  return variables;
}
