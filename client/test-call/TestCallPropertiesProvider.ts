import { CATALYST_GROUP_ID, CATALYST_PROVIDER_PRIORITY, type EntryDefinition } from '../panel';

import { withLiveModel } from './LiveModelProps';
import { TestCallProps } from './TestCallProps';

/** Right after the Catalyst group's provider: providers run from high to low priority. */
const TEST_CALL_PROVIDER_PRIORITY = CATALYST_PROVIDER_PRIORITY - 1;

interface Group {
  id: string;
  entries?: EntryDefinition[];
  [key: string]: unknown;
}

/**
 * The test call's parts of the Catalyst group: the Test call and Check connection actions
 * at its end, and the provider's live list in its Model select.
 */
export default class TestCallPropertiesProvider {
  static $inject = [ 'propertiesPanel' ];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: object): void }) {
    propertiesPanel.registerProvider(TEST_CALL_PROVIDER_PRIORITY, this);
  }

  getGroups(element: any): (groups: Group[]) => Group[] {
    return groups => groups.map(group => (group.id === CATALYST_GROUP_ID
      ? { ...group, entries: [ ...(group.entries ?? []).map(withLiveModel), ...TestCallProps({ element }) ] }
      : group));
  }
}
