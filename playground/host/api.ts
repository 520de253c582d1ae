/**
 * What the playground server tells the page (GET /api/playground) and what the page
 * exposes to tests as `window.catalystPlayground`.
 */
import type BpmnModeler from 'bpmn-js/lib/Modeler';
import type { BottomPanel } from './bottom-panel';
import type { PluginDescriptor, PluginLoadError } from './plugins';

export interface PlaygroundDiagram {
  name: string;
  url: string;
}

export interface PlaygroundConfig {
  plugins: PluginDescriptor[];
  pluginsDirectory: string;
  diagrams: PlaygroundDiagram[];
  defaultDiagram: string | null;
  elementTemplates: string;

  /** The desktop bridge's announcement when the server hosts one (menu/dist/bridge.cjs). */
  bridge: { version: number; url: string; token: string } | null;
}

export interface PlaygroundApi {

  /** `loading` until the first diagram is shown, then `ready`; `error` if that failed. */
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  modeler: BpmnModeler | null;
  diagrams: PlaygroundDiagram[];

  /** Plugins whose script or style failed to load (the Modeler shows these as well). */
  pluginErrors: PluginLoadError[];

  /** Problems bpmn-js-element-templates reported while loading the templates. */
  templateErrors: string[];
  templates: Array<{ id: string; name: string }>;
  importWarnings: string[];

  /**
   * Emits an application event as the Modeler does for a plugin's menu entry
   * (`app.emit('menu:action', 'emit-event', { type, payload })`); the active tab is added.
   */
  emitAppEvent(type: string, payload?: Record<string, unknown>): void;

  /**
   * The bottom panel under the diagram (the Modeler's Problems/Output panel): plugins fill
   * it through `<Fill slot="bottom-panel">`, the host adds its own tabs with `addTab`.
   */
  bottomPanel: BottomPanel | null;

  get<T = any>(service: string): T;
  importXML(xml: string): Promise<string[]>;
  openDiagram(url: string): Promise<string[]>;
  exportXML(): Promise<string>;
  selectElement(id: string): void;
}

declare global {
  interface Window {
    catalystPlayground: PlaygroundApi;
  }
}
