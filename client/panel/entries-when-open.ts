import { useLayoutState } from '@bpmn-io/properties-panel';
import { createElement } from '@bpmn-io/properties-panel/preact';
import { useEffect, useRef } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import type { EntryDefinition } from './entry';
import { SHOW_ENTRY_EVENT, useShowEntryRequests } from './hooks/useShowEntryRequests';

/** The stock group that lists every `camunda:property` of a task, `catalyst.*` included. */
export const EXTENSION_PROPERTIES_GROUP_ID = 'CamundaPlatform__ExtensionProperties';

interface ListGroup {
  id: string;
  items?: Array<{ entries?: EntryDefinition[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

interface GatedEntryProps {
  id: string;
  groupId: string;
  gatedComponent: EntryDefinition['component'];
  [key: string]: unknown;
}

/**
 * The list group with its items' entries rendered only while the group is open. The
 * panel's list groups render every item's fields even when the group is closed (hidden
 * by CSS): on a Catalyst task the Extension properties group holds all of its
 * `catalyst.*` properties, each a name and a value field nobody sees until the group is
 * opened, and selecting the task paid for all of them. The items' headers and count stay,
 * so the closed group looks and behaves as before; opening it renders the fields in the
 * same update. Every other property of the group (ids, labels, add and remove) is kept.
 */
export function withEntriesWhenOpen<G extends ListGroup>(group: G): G {
  if (!group.items) {
    return group;
  }

  return {
    ...group,
    items: group.items.map(item => ({
      ...item,
      entries: item.entries?.map(entry => ({ ...entry, component: GatedEntry, gatedComponent: entry.component, groupId: group.id }))
    }))
  };
}

/**
 * One entry of a list group that renders nothing while the group is closed. A request to
 * show the entry (the Modeler's problems list) opens the group and is passed on once the
 * entry exists, so it still gets the focus.
 */
function GatedEntry({ gatedComponent, groupId, ...props }: GatedEntryProps) {
  const eventBus = useService('eventBus');
  const [ open, setOpen ] = useLayoutState([ 'groups', groupId, 'open' ], false);
  const pendingShow = useRef(false);

  useShowEntryRequests(entryId => {
    if (!open && entryId === props.id) {
      pendingShow.current = true;
      setOpen(true);
    }
  });

  // after the entry mounted and subscribed to the event itself (children's effects run first)
  useEffect(() => {
    if (open && pendingShow.current) {
      pendingShow.current = false;
      eventBus.fire(SHOW_ENTRY_EVENT, { id: props.id });
    }
  }, [ open ]);

  return open ? createElement(gatedComponent, { ...props, component: gatedComponent }) : null;
}
