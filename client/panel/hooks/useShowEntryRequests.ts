import { useEvent } from '@bpmn-io/properties-panel';
import { useCallback, useRef } from '@bpmn-io/properties-panel/preact/hooks';

/** The panel's "show this entry" event: the Modeler's problems list fires it for a field. */
export const SHOW_ENTRY_EVENT = 'propertiesPanel.showEntry';

/**
 * Calls `onRequest` with the entry id of each "show this entry" request, always the handler
 * of the latest rendering. The panel's `useEvent` re-subscribes a changed handler only after
 * the next paint: a handler from an earlier rendering would act on state that is gone (a
 * group closed a moment ago taken for still open, and the request lost).
 */
export function useShowEntryRequests(onRequest: (entryId: string) => void): void {
  const latest = useRef(onRequest);

  latest.current = onRequest;

  useEvent(SHOW_ENTRY_EVENT, useCallback((event: { id: string }) => latest.current(event.id), []));
}
