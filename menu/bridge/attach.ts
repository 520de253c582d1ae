import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { withDefaults, type BridgeOptions } from './defaults';
import { createBridgeHandler, serveUpgrades } from './handler';
import { BRIDGE_PROTOCOL_VERSION } from './protocol';

/** A request handler for the host server's own request listener, plus what its page needs. */
export interface AttachedBridge {

  /** Serves the request when it is for the bridge (`/catalyst/v1/…`) and returns `true`; else `false`. */
  (req: IncomingMessage, res: ServerResponse): boolean;
  token: string;

  /** Base URL of the endpoints on the server (which must be listening). */
  url(): string;

  /** What the page hands to the plugin (the playground: as the `catalyst.bridge` app event, like the Modeler). */
  announcement(): { version: number; url: string; token: string };

  /** Cancels running calls; the server itself stays the caller's. */
  close(): void;
}

/**
 * The bridge for a server that serves other things too (the playground): call the
 * returned function first in the server's request listener. Its WebSocket upgrades (the call
 * socket) are wired here. Pages the server itself serves are same-origin and need no CORS
 * configuration.
 */
export function attachBridge(server: Server, options: BridgeOptions = {}): AttachedBridge {
  const handler = createBridgeHandler(withDefaults(options));
  const url = () => handler.urlFor((server.address() as AddressInfo).port);

  server.on('close', () => handler.close());
  serveUpgrades(server, handler);

  return Object.assign((req: IncomingMessage, res: ServerResponse) => handler.handle(req, res), {
    token: handler.token,
    url,
    announcement: () => ({ version: BRIDGE_PROTOCOL_VERSION, url: url(), token: handler.token }),
    close: () => handler.close()
  });
}
