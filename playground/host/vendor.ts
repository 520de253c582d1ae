/**
 * The globals Camunda Modeler exposes to plugins before it loads them. A plugin bundle built
 * with camunda-modeler-webpack-plugin resolves Preact, @bpmn-io/properties-panel and
 * bpmn-js-properties-panel through camunda-modeler-plugin-helpers/vendor/**, which reads
 * exactly these paths (and throws "Not compatible with Camunda Modeler < 5.0.0" without them).
 */
import * as propertiesPanel from '@bpmn-io/properties-panel';
import * as preact from '@bpmn-io/properties-panel/preact';
import * as hooks from '@bpmn-io/properties-panel/preact/hooks';
import * as compat from '@bpmn-io/properties-panel/preact/compat';
import * as jsxRuntime from '@bpmn-io/properties-panel/preact/jsx-runtime';
import * as bpmnJSPropertiesPanel from 'bpmn-js-properties-panel';

import type { BottomPanel } from './bottom-panel';
import { createFill } from './fill';

export interface PluginRegistration {
  type: string;
  plugin: unknown;
}

declare global {
  interface Window {
    plugins?: PluginRegistration[];
    vendor?: Record<string, unknown>;
    getModelerDirectory?: () => string;
    getPluginsDirectory?: () => string;
    react?: unknown;
    components?: Record<string, unknown>;
  }
}

/**
 * Installs the host globals. Must run before any plugin script.
 *
 * `window.react` and `window.components` are what camunda-modeler-plugin-helpers give a
 * client extension as React and the UI components. The Modeler's are React's; here they
 * are Preact's compat layer and a Fill that fills the playground's bottom panel.
 */
export function exposeVendorGlobals(pluginsDirectory: string, bottomPanel: BottomPanel | null): void {
  window.vendor = {
    propertiesPanel: {
      common: propertiesPanel,
      bpmn: bpmnJSPropertiesPanel,
      preact: { root: preact, hooks, compat, jsxRuntime }
    }
  };

  window.plugins = window.plugins || [];
  window.react = compat;
  window.components = bottomPanel ? { Fill: createFill(bottomPanel) } : undefined;

  // the Modeler answers these with real folders; a page can only name its URL prefix
  window.getModelerDirectory = () => '/';
  window.getPluginsDirectory = () => pluginsDirectory;
}
