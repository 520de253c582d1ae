/**
 * Playground host: boots like Camunda Modeler's renderer. Host globals first, then the
 * plugins (style + script), then the client extensions they registered, then the editor
 * with the modules and moddle extensions the plugins registered; then, as the Modeler's
 * plugin `menu` does once the window is ready, the bridge announcement as the app event
 * `catalyst.bridge`; then a diagram.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import './playground.css';

import type BpmnModeler from 'bpmn-js/lib/Modeler';

import { exposeVendorGlobals } from './vendor';
import { loadPlugins } from './plugins';
import { createAppEvents } from './app-events';
import { createBottomPanel } from './bottom-panel';
import { renderClientExtensions } from './client-extensions';
import { createModeler } from './modeler';
import { createToolbar } from './toolbar';
import { installTemplateChooser } from './template-chooser';
import { createProblemsContainer, mountProblemsTab } from './problems-tab';
import type { PlaygroundApi, PlaygroundConfig } from './api';
import { BRIDGE_EVENT } from '../../menu/bridge/protocol';

const api: PlaygroundApi = {
  status: 'loading',
  error: null,
  modeler: null,
  diagrams: [],
  pluginErrors: [],
  bottomPanel: null,
  templateErrors: [],
  templates: [],
  importWarnings: [],
  emitAppEvent: (type, payload) => appEvents.emit(type, payload),
  get: (service: string) => requireModeler().get(service),
  importXML,
  openDiagram,
  exportXML: async () => (await requireModeler().saveXML({ format: true })).xml!,
  selectElement(id) {
    const element = api.get('elementRegistry').get(id);
    if (!element) {
      throw new Error(`no element <${ id }> in the diagram`);
    }
    api.get('selection').select(element);
  }
};

window.catalystPlayground = api;

let currentName = 'diagram.bpmn';

// before the plugins load: their Fills (window.components) land here. `?bottomPanel=none`
// plays a host without one, where plugins fall back to what they do without it
const bottomPanelRoot = document.getElementById('bottom-panel')!;
const bottomPanel = new URLSearchParams(location.search).get('bottomPanel') === 'none' ? null : createBottomPanel(bottomPanelRoot);
bottomPanelRoot.hidden = !bottomPanel;
api.bottomPanel = bottomPanel;

const appEvents = createAppEvents(() => ({ id: 'playground', type: 'bpmn', name: currentName }));

function requireModeler(): BpmnModeler {
  if (!api.modeler) {
    throw new Error('the modeler is not created yet (status: ' + api.status + ')');
  }
  return api.modeler;
}

async function importXML(xml: string): Promise<string[]> {
  const { warnings } = await requireModeler().importXML(xml);

  // typed as strings, but bpmn-js reports Error objects
  api.importWarnings = warnings.map(warning => (warning as unknown as Error).message ?? String(warning));
  return api.importWarnings;
}

async function openDiagram(url: string): Promise<string[]> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`could not load diagram ${ url }: HTTP ${ response.status }`);
  }
  return importXML(await response.text());
}

async function fetchJSON<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${ url }: HTTP ${ response.status }`);
  }
  return response.json() as Promise<T>;
}

function download(fileName: string, text: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([ text ], { type: 'application/xml' }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

async function boot() {
  const config = await fetchJSON<PlaygroundConfig>('/api/playground');
  api.diagrams = config.diagrams;

  exposeVendorGlobals(config.pluginsDirectory, bottomPanel);

  api.pluginErrors = await loadPlugins(config.plugins);
  api.pluginErrors.push(...renderClientExtensions(appEvents, bottomPanel, document.getElementById('client-extensions')!));

  const templates = await fetchJSON<Array<{ id: string; name: string }>>(config.elementTemplates);
  api.templates = templates.map(({ id, name }) => ({ id, name }));

  const modeler = createModeler({
    canvas: document.getElementById('canvas')!,
    propertiesPanel: document.getElementById('properties')!,
    elementTemplates: templates,
    debounceInput: debounceInputParameter(new URLSearchParams(location.search).get('debounceInput'))
  });
  api.modeler = modeler;
  installTemplateChooser(modeler);

  // The Modeler lists bpmnlint's findings, the plugins' lintRules.bpmn included, in the
  // Problems tab of its bottom panel, first of its tabs.
  bottomPanel?.addTab({
    id: 'linting',
    label: 'Problems',
    order: -10,
    mount(container) {
      mountProblemsTab(container.appendChild(createProblemsContainer()), { modeler });
    }
  });

  // what the plugin's menu module sends once the Modeler's window is ready (menu/index.js)
  if (config.bridge) {
    appEvents.emit(BRIDGE_EVENT, config.bridge);
  }

  const eventBus = modeler.get<any>('eventBus');
  eventBus.on('elementTemplates.errors', (event: { errors: Error[] }) => {
    api.templateErrors.push(...event.errors.map(error => error.message));
  });

  const commandStack = modeler.get<any>('commandStack');

  const toolbar = createToolbar(document.getElementById('toolbar')!, config.diagrams, {
    openFile: async file => {
      currentName = file.name;
      await run(async () => {
        await importXML(await file.text());
        toolbar.setCurrentFile(file.name);
        fitDiagram();
      }, `opened ${ file.name }`);
    },
    exportXML: async () => run(async () => download(currentName, await api.exportXML()), `exported ${ currentName }`),
    undo: () => commandStack.undo(),
    redo: () => commandStack.redo(),
    openDiagram: async url => {
      currentName = url.split('/').pop() || currentName;
      await run(async () => {
        await openDiagram(url);
        fitDiagram();
      }, `opened ${ currentName }`);
    }
  });

  // as the Modeler does when it opens a file: the whole diagram in view
  function fitDiagram() {
    modeler.get<any>('canvas').zoom('fit-viewport', 'auto');
  }

  eventBus.on('commandStack.changed', () => toolbar.setUndoState(commandStack.canUndo(), commandStack.canRedo()));

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      toolbar.setStatus(done);
    } catch (error) {
      toolbar.setStatus((error as Error).message, true);
    }
  }

  if (api.pluginErrors.length) {
    toolbar.setStatus(api.pluginErrors.map(error => `${ error.plugin }: ${ error.message }`).join('; '), true);
  }

  const requested = new URLSearchParams(location.search).get('diagram');
  const initial = requested ? diagramUrl(config, requested) : config.defaultDiagram;

  if (initial) {
    currentName = initial.split('/').pop() || currentName;
    toolbar.setCurrentDiagram(initial);
    await openDiagram(initial);
  } else {
    await modeler.createDiagram();
  }
}

/**
 * `?debounceInput=false` (or a delay in ms) sets the properties panel's input debounce, as
 * bpmn-io's own panel tests do: browser specs that do not test the debounce itself then see
 * each input written at once instead of waiting for the pause.
 */
function debounceInputParameter(value: string | null): boolean | number | undefined {
  if (value === 'false') {
    return false;
  }

  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `?diagram=` takes a diagram's name as listed by the server, or a URL path. */
function diagramUrl(config: PlaygroundConfig, requested: string): string {
  const listed = config.diagrams.find(diagram => diagram.name === requested);
  return listed ? listed.url : requested;
}

boot().then(
  () => { api.status = 'ready'; },
  error => {
    api.status = 'error';
    api.error = (error as Error).message;
    document.getElementById('toolbar')?.insertAdjacentHTML('beforeend',
      '<span class="cp-status cp-status--error" role="alert"></span>');
    document.querySelector('[role="alert"]')!.textContent = `playground failed: ${ api.error }`;
    console.error(error);
  }
);
