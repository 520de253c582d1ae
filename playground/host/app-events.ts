/**
 * The Modeler's application event bus as plugins meet it: client extensions get
 * `subscribe(event, callback)` (returning `{ cancel }`) and `emit(type, payload)`, and
 * every emitted event carries the active tab, unless the payload names one (Camunda
 * Modeler's client/src/app/App.js `emitEvent`, client/src/app/plugins/PluginsRoot.js).
 * A plugin's `menu` module reaches the same bus from the main process with
 * `app.emit('menu:action', 'emit-event', { type, payload })`.
 */

export interface Subscription {
  cancel(): void;
}

export interface AppEvents {
  subscribe(event: string, callback: (payload: Record<string, unknown>) => void): Subscription;
  emit(type: string, payload?: Record<string, unknown>): void;
}

/** A tab as the Modeler describes it in events; the playground has exactly one. */
export interface PlaygroundTab {
  id: string;
  type: string;
  name: string;
}

export function createAppEvents(activeTab: () => PlaygroundTab): AppEvents {
  const listeners = new Map<string, Set<(payload: Record<string, unknown>) => void>>();

  return {
    subscribe(event, callback) {
      const forEvent = listeners.get(event) ?? new Set();
      listeners.set(event, forEvent);
      forEvent.add(callback);

      return { cancel: () => forEvent.delete(callback) };
    },

    emit(type, payload = {}) {
      const event = { tab: activeTab(), ...payload };

      // a copy: a listener may cancel itself while the event is delivered
      [ ...(listeners.get(type) ?? []) ].forEach(listener => listener(event));
    }
  };
}
