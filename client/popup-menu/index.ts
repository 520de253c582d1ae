import { CatalystTasksModule } from '../tasks';

import CatalystMenuProvider from './CatalystMenuProvider';

/** didi module: `Catalyst – <provider>` entries in the replace and append menus. */
export const CatalystPopupMenuModule = {
  __depends__: [ CatalystTasksModule ],
  __init__: [ 'catalystMenuProvider' ],
  catalystMenuProvider: [ 'type', CatalystMenuProvider ]
};
