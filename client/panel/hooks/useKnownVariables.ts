import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import type { VariableOption } from '../../editor/completion-source';
import type { KnownVariables } from '../../variables';
import { whenIdle } from '../when-idle';

/**
 * The variables the task's payload may use, refreshed whenever the diagram changes.
 * `null` until the first collection finished: lint then does not flag unknown names.
 * Collection waits until the browser is idle, so selecting a task in a large diagram
 * paints the panel first.
 */
export function useKnownVariables(element: any): VariableOption[] | null {
  const eventBus = useService('eventBus');
  const knownVariables = useService<KnownVariables>('catalystVariables');
  const [ variables, setVariables ] = useState<VariableOption[] | null>(null);

  useEffect(() => {
    let current = true;
    let shownKey = '';
    let scheduled: (() => void) | null = null;

    const collect = () => knownVariables.forTask(element).then(collected => {
      const key = collected.map(variable => `${variable.name}:${variable.detail ?? ''}`).join('\n');

      // a new but equal list would re-lint and re-render the payload editor for nothing
      if (current && key !== shownKey) {
        shownKey = key;
        setVariables(collected);
      }
    }, () => {

      // keep what was shown: an empty list would flag every placeholder as unknown
    });

    const refresh = () => {
      scheduled?.();
      scheduled = whenIdle(collect);
    };

    refresh();
    eventBus.on('commandStack.changed', refresh);

    return () => {
      current = false;
      scheduled?.();
      eventBus.off('commandStack.changed', refresh);
    };
  }, [ element, eventBus, knownVariables ]);

  return variables;
}
