import { CATALYST_TAB_ID, CATALYST_TAB_LABEL, catalystTab } from './catalyst-tab';

type TriggerAction = (action: string, options?: Record<string, unknown>) => unknown;

interface HostComponents {
  React: { createElement(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown };
  Fill: unknown;
}

/** The Modeler sorts bottom-panel tabs by priority, highest first: Problems has 10, ours comes after it. */
const TAB_PRIORITY = 5;

/**
 * The client extension of the Catalyst tab (`registerClientExtension`): a `<Fill
 * slot="bottom-panel">` made with the host's React and Fill (camunda-modeler-plugin-helpers
 * reads them from the host), holding the element the test call renders into. A host
 * without them gets nothing here, and the test call stays a modal dialog.
 */
export function CatalystTabExtension(props: { triggerAction?: TriggerAction }) {
  const host = hostComponents();
  const { triggerAction } = props;

  if (!host || !triggerAction) {
    return null;
  }

  catalystTab.connect(() => triggerAction('open-panel', { tab: CATALYST_TAB_ID }));

  return host.React.createElement(host.Fill, { slot: 'bottom-panel', id: CATALYST_TAB_ID, label: CATALYST_TAB_LABEL, priority: TAB_PRIORITY },
    host.React.createElement('div', { ref: catalystTab.attach, className: 'catalyst-tab__host' }));
}

CatalystTabExtension.displayName = 'CatalystTabExtension';

/**
 * The host's React and Fill, read when the extension renders: the helpers throw when the
 * host lacks them, and at load time that would stop the whole plugin.
 */
function hostComponents(): HostComponents | null {
  try {

    // required here, not imported: an import would run the helpers' host check at load time
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const React = require('camunda-modeler-plugin-helpers/vendor/react');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Fill = require('camunda-modeler-plugin-helpers/components/Fill.js').default;

    return React?.createElement && Fill ? { React, Fill } : null;
  } catch {
    return null;
  }
}
