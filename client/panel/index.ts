import { CatalystTasksModule } from '../tasks';
import { KnownVariablesModule } from '../variables';

import CatalystPropertiesProvider from './CatalystPropertiesProvider';

export type { EntryDefinition, EntryFactory } from './entry';

/** didi module: the Catalyst properties panel group and the service it writes through. */
export const CatalystPanelModule = {
  __depends__: [ CatalystTasksModule, KnownVariablesModule ],
  __init__: [ 'catalystPropertiesProvider' ],
  catalystPropertiesProvider: [ 'type', CatalystPropertiesProvider ]
};
