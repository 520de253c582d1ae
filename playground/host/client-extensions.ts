/**
 * Renders the plugins registered as client extensions (`registerClientExtension`, type
 * `client`) the way the Modeler's PluginsRoot does: each once, with a `subscribe` of its
 * own on the application event bus, `emit`, `triggerAction` and the other props the
 * Modeler passes. Of the actions, the bottom panel's (`open-panel` with a `tab`,
 * `close-panel`, `toggle-panel`) work; the others answer nothing.
 *
 * The Modeler renders them with its React; the playground has none and renders them with
 * the host's Preact (and its compat layer as `window.react`: see vendor.ts), which covers
 * function components such as Catalyst's. An extension that throws is recorded and
 * skipped, as the Modeler's error boundary (PluginParent) does.
 */
import { h, render } from '@bpmn-io/properties-panel/preact';

import type { AppEvents, Subscription } from './app-events';
import type { BottomPanel } from './bottom-panel';
import { getPlugins, type PluginLoadError } from './plugins';

type ClientExtension = ((props: Record<string, unknown>) => unknown) & { displayName?: string };

export function renderClientExtensions(appEvents: AppEvents, bottomPanel: BottomPanel | null, parent: HTMLElement): PluginLoadError[] {
  const errors: PluginLoadError[] = [];

  getPlugins<ClientExtension>('client').forEach((extension, index) => {
    const name = extension.displayName || extension.name || String(index);
    const subscriptions: Subscription[] = [];
    const container = parent.appendChild(document.createElement('div'));
    container.dataset.clientExtension = name;

    try {
      render(h(extension as never, extensionProps(appEvents, bottomPanel, subscriptions)), container);
    } catch (error) {
      subscriptions.forEach(subscription => subscription.cancel());
      errors.push({ plugin: `client extension ${ name }`, message: (error as Error).message });
    }
  });

  return errors;
}

function extensionProps(appEvents: AppEvents, bottomPanel: BottomPanel | null, subscriptions: Subscription[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};

  const triggerAction = (action: string, options: { tab?: string } = {}) => {
    switch (bottomPanel && action) {
    case 'open-panel':
      return bottomPanel!.open(options.tab);
    case 'close-panel':
      return bottomPanel!.close();
    case 'toggle-panel':
      return bottomPanel!.toggle();
    default:
      return Promise.resolve(undefined);
    }
  };

  return {
    subscribe(event: string, callback: (payload: Record<string, unknown>) => void) {
      const subscription = appEvents.subscribe(event, callback);
      subscriptions.push(subscription);
      return subscription;
    },
    emit: appEvents.emit,
    triggerAction,
    log: (entry: unknown) => console.info('[plugin log]', entry),
    displayNotification: (notification: unknown) => console.info('[plugin notification]', notification),
    config: { get: (key: string) => Promise.resolve(config[key]), set: (key: string, value: unknown) => Promise.resolve(void (config[key] = value)) },
    getConfig: (key: string) => Promise.resolve(config[key]),
    setConfig: (key: string, value: unknown) => Promise.resolve(void (config[key] = value)),
    settings: { register: () => ({}), get: () => undefined, subscribe: () => ({ cancel() {} }) },
    _getFromApp: () => undefined,
    _getGlobal: () => undefined
  };
}
