/**
 * `window.components.Fill` for the playground: what camunda-modeler-plugin-helpers'
 * `components/Fill` hands a plugin. The Modeler's Fill puts its children into the Slot of
 * the same name; here `slot="bottom-panel"` becomes a tab of the playground's bottom panel
 * (id, label and priority as the Modeler reads them, highest priority first) and the
 * children render into the tab's body. Other slots (toolbar, status bar) are not in the
 * playground: their fills render nothing.
 */
import { h, type ComponentChildren } from '@bpmn-io/properties-panel/preact';
import { createPortal } from '@bpmn-io/properties-panel/preact/compat';
import { useLayoutEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';

import type { BottomPanel } from './bottom-panel';

export interface FillProps {
  slot: string;
  id?: string;
  label?: string;
  priority?: number;
  children?: ComponentChildren;
}

/** A Fill component that places bottom-panel fills into `panel`. */
export function createFill(panel: BottomPanel) {
  return function Fill({ slot, id, label, priority = 0, children }: FillProps) {
    const [ container, setContainer ] = useState<HTMLElement | null>(null);
    const tabId = id ?? label ?? '';

    useLayoutEffect(() => {
      if (slot !== 'bottom-panel' || !tabId) {
        return;
      }

      return panel.addTab({ id: tabId, label: label ?? tabId, order: -priority, mount: setContainer });
    }, [ slot, tabId, label, priority ]);

    return container ? createPortal(h('div', { class: 'cp-panel__fill' }, children), container) : null;
  };
}
