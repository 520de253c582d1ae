import { BRIDGE_EVENT, BRIDGE_PROTOCOL_VERSION, type BridgeAnnouncement } from '../../menu/bridge/protocol';

type Listener = (announcement: BridgeAnnouncement | null) => void;

// one bridge per application: every editor tab's service reads the same announcement
let current: BridgeAnnouncement | null = null;
const listeners = new Set<Listener>();

/** The latest announcement, or `null` when no bridge was announced. */
export function currentAnnouncement(): BridgeAnnouncement | null {
  return current;
}

/**
 * Records a bridge announcement from the Modeler (`catalyst.bridge` app event) or the
 * playground. Anything that is not a well-formed announcement is ignored.
 */
export function announceBridge(payload: unknown): void {
  const announcement = parseAnnouncement(payload);

  if (!announcement) {
    return;
  }

  current = announcement;
  listeners.forEach(listener => listener(announcement));
}

export function onAnnouncement(listener: Listener): () => void {
  listeners.add(listener);

  return () => listeners.delete(listener);
}

/**
 * Picks up an announcement a page made through `window.catalystBridge` (before the plugin
 * loaded) or the `catalyst.bridge` window event (after). Safe to call more than once.
 */
export function listenToWindow(target: (Window & { catalystBridge?: unknown }) | undefined = globalThis.window): void {
  if (!target || listeningTo.has(target)) {
    return;
  }

  listeningTo.add(target);

  if (target.catalystBridge) {
    announceBridge(target.catalystBridge);
  }

  target.addEventListener(BRIDGE_EVENT, event => announceBridge((event as CustomEvent).detail));
}

const listeningTo = new WeakSet<object>();

function parseAnnouncement(payload: unknown): BridgeAnnouncement | null {
  if (typeof payload !== 'object' || payload === null) {
    return null;
  }

  const { version, url, token, error } = payload as Record<string, unknown>;
  const protocolVersion = typeof version === 'number' ? version : BRIDGE_PROTOCOL_VERSION;

  if (typeof url === 'string' && typeof token === 'string') {
    return { version: protocolVersion, url: url.replace(/\/+$/, ''), token };
  }

  if (typeof error === 'string') {
    return { version: protocolVersion, error };
  }

  return null;
}

/** Forgets the announcement (tests). */
export function resetAnnouncement(): void {
  current = null;
}
