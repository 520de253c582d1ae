import { BRIDGE_EVENT, TEST_TASK_EVENT } from '../../menu/bridge/protocol';
import { DIAGRAM_PATH_EVENTS, rememberDiagramPath } from '../test-cases/diagram-path';

import { announceBridge } from './announcement';
import { requestTestTask } from './test-task-request';

type Subscribe = (event: string, callback: (payload: unknown) => void) => unknown;

// the Modeler may render a client extension many times; subscribe once per subscriber
const subscribed = new WeakSet<Subscribe>();

/**
 * The plugin's client extension (`registerClientExtension(BridgeClientExtension)`): it
 * renders nothing and forwards the app events the plugin's `menu` module emits —
 * `catalyst.bridge` once the renderer is ready, `catalyst.testTask` from the menu entry —
 * to the `catalystBridge` services of the open editors.
 */
export function BridgeClientExtension(props: { subscribe?: Subscribe }): null {
  const { subscribe } = props;

  if (subscribe && !subscribed.has(subscribe)) {
    subscribed.add(subscribe);
    subscribe(BRIDGE_EVENT, payload => announceBridge(withoutTab(payload)));
    subscribe(TEST_TASK_EVENT, payload => {

      // the event carries the active tab: the diagram whose cases the dialog shows
      rememberDiagramPath(payload);
      requestTestTask();
    });
    DIAGRAM_PATH_EVENTS.forEach(event => subscribe(event, rememberDiagramPath));
  }

  return null;
}

// the Modeler names a client extension by `displayName || name` (React key, "plugin:<name>"
// in its error log); minification would leave only a mangled function name
BridgeClientExtension.displayName = 'CatalystBridgeExtension';

/** The Modeler adds the active `tab` to every app event; it is no part of the announcement. */
function withoutTab(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) {
    return payload;
  }

  const { tab: _tab, ...rest } = payload as Record<string, unknown>;

  return rest;
}
