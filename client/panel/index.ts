import { CatalystTasksModule } from '../tasks';
import { KnownVariablesModule } from '../variables';

import CatalystPropertiesProvider from './CatalystPropertiesProvider';
import CatalystFocusKeeper from './focus-keeper';

export { CATALYST_GROUP_ID, CATALYST_PROVIDER_PRIORITY } from './CatalystPropertiesProvider';
export type { EntryDefinition } from './entry';

/** didi module: the Catalyst properties panel group and the service it writes through. */
export const CatalystPanelModule = {
  __depends__: [ CatalystTasksModule, KnownVariablesModule ],
  __init__: [ 'catalystPropertiesProvider', 'catalystFocusKeeper' ],
  catalystPropertiesProvider: [ 'type', CatalystPropertiesProvider ],
  catalystFocusKeeper: [ 'type', CatalystFocusKeeper ]
};
