/**
 * Renderer entry of the plugin: the Modeler loads client/dist/client.js built from
 * this file. The bpmn-js modules go to Camunda 7 ("platform") diagrams only: the
 * `camunda:properties` contract (design §2) is a Camunda 7 one.
 */
import { registerClientExtension, registerClientPlugin, registerPlatformBpmnJSPlugin } from 'camunda-modeler-plugin-helpers';

import { catalystLintRules } from '../lint';

import { BridgeClientExtension } from './bridge';
import { CatalystCanvasModule } from './canvas';
import { CatalystPanelModule } from './panel';
import { CatalystPopupMenuModule } from './popup-menu';
import { CatalystTabExtension, TestCallModule } from './test-call';

registerPlatformBpmnJSPlugin(CatalystPanelModule);
registerPlatformBpmnJSPlugin(TestCallModule);
registerPlatformBpmnJSPlugin(CatalystPopupMenuModule);
registerPlatformBpmnJSPlugin(CatalystCanvasModule);

// The app-level extension receives what the plugin's `menu` module emits (the desktop
// bridge's URL and token, "Test Selected Task…") and hands it to the open editors.
registerClientExtension(BridgeClientExtension);

// Catalyst's task lint in the Modeler's Problems panel (bpmnlint rules, lint/).
registerClientPlugin(catalystLintRules, 'lintRules.bpmn');

// the Catalyst tab of the bottom panel, where the test call runs beside the diagram
registerClientExtension(CatalystTabExtension);

export { CatalystCanvasModule } from './canvas';
export { CatalystPanelModule } from './panel';
export { CatalystPopupMenuModule } from './popup-menu';
export { CatalystTasksModule } from './tasks';
export { TestCallModule } from './test-call';
