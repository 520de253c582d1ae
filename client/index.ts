/**
 * Renderer entry of the plugin: the Modeler loads client/dist/client.js built from
 * this file. The module goes to Camunda 7 ("platform") diagrams only: the
 * `camunda:properties` contract (design §2) is a Camunda 7 one.
 */
import { registerPlatformBpmnJSPlugin } from 'camunda-modeler-plugin-helpers';

import { CatalystPanelModule } from './panel';

registerPlatformBpmnJSPlugin(CatalystPanelModule);

export { CatalystPanelModule } from './panel';
export { CatalystTasksModule } from './tasks';
