import { canBeCatalystElement, isCatalystElement } from '../tasks';

import { catalystEntries } from './entries';
import { EXTENSION_PROPERTIES_GROUP_ID, withEntriesWhenOpen } from './entries-when-open';

/**
 * Below the element templates provider (300): providers run from high to low priority,
 * so the Catalyst group is added after templates filtered the groups and survives on
 * tasks that carry an element template.
 */
export const CATALYST_PROVIDER_PRIORITY = 250;

export const CATALYST_GROUP_ID = 'Catalyst__Task';

/** Groups the Catalyst group goes after, first found wins; otherwise it goes last. */
const PLACE_AFTER = [ 'CamundaPlatform__Implementation', 'documentation', 'general' ];

interface Group {
  id: string;
  [key: string]: unknown;
}

/** Adds the `Catalyst` group to the properties panel of service and send tasks. */
export default class CatalystPropertiesProvider {
  static $inject = [ 'propertiesPanel', 'translate' ];

  constructor(
      propertiesPanel: { registerProvider(priority: number, provider: object): void },
      private readonly translate: (text: string) => string
  ) {
    propertiesPanel.registerProvider(CATALYST_PROVIDER_PRIORITY, this);
  }

  getGroups(element: any): (groups: Group[]) => Group[] {
    return groups => {
      if (!canBeCatalystElement(element)) {
        return groups;
      }

      const catalystGroup: Group = {
        id: CATALYST_GROUP_ID,
        label: this.translate('Catalyst'),
        entries: catalystEntries(element),
        shouldOpen: true
      };

      // a Catalyst task lists all its catalyst.* properties there, in a group mostly closed
      const shown = isCatalystElement(element)
        ? groups.map(group => (group.id === EXTENSION_PROPERTIES_GROUP_ID ? withEntriesWhenOpen(group) : group))
        : groups;

      return insertAfter(shown, catalystGroup);
    };
  }
}

function insertAfter(groups: Group[], group: Group): Group[] {
  const copy = groups.slice();
  const anchor = PLACE_AFTER.map(id => copy.findIndex(each => each.id === id)).find(index => index !== -1);

  copy.splice(anchor === undefined ? copy.length : anchor + 1, 0, group);

  return copy;
}
