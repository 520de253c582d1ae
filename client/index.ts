/**
 * Renderer entry of the plugin: the Modeler loads client/dist/client.js built from
 * this file. The module goes to Camunda 7 ("platform") diagrams only: the
 * `camunda:properties` contract (design §2) is a Camunda 7 one.
 */
import { registerPlatformBpmnJSPlugin } from 'camunda-modeler-plugin-helpers';

import { CatalystPanelModule } from './panel';
import { TestCallModule } from './test-call';

registerPlatformBpmnJSPlugin(CatalystPanelModule);
registerPlatformBpmnJSPlugin(TestCallModule);

export { CatalystPanelModule } from './panel';
export { CatalystTasksModule } from './tasks';
export { TestCallModule } from './test-call';
