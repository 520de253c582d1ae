import { isCatalystElement } from '../tasks';

import type { EntryDefinition, EntryFactory } from './entry';

/** An entry factory for a single entry that only Catalyst tasks show. */
export function catalystEntry(
    id: string,
    component: EntryDefinition['component'],
    isEdited?: EntryDefinition['isEdited']
): EntryFactory {
  return ({ element }) => (isCatalystElement(element) ? [ { id, component, isEdited } ] : []);
}
