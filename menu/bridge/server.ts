import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { withDefaults, type BridgeOptions } from './defaults';
import { createBridgeHandler, serveUpgrades } from './handler';
import { sendError } from './respond';
import { BridgeRequestError } from './bridge-error';

export interface RunningBridge {

  /** Base URL of the endpoints, e.g. `http://127.0.0.1:53117/catalyst/v1`. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the bridge on its own server on 127.0.0.1, on a port the system chooses.
 * Only the loopback interface: nothing else on the network can reach it.
 */
export async function startBridge(options: BridgeOptions = {}): Promise<RunningBridge> {
  const handler = createBridgeHandler(withDefaults(options));

  const server = createServer((req, res) => {
    if (!handler.handle(req, res)) {
      sendError(res, new BridgeRequestError(404, 'NOT_FOUND', `the bridge serves only ${handler.basePath}/…`));
    }
  });

  serveUpgrades(server, handler);

  // a streamed call may stay quiet during a long retry wait; the keep-alive comment covers it
  server.requestTimeout = 0;

  await listen(server);

  const { port } = server.address() as AddressInfo;

  return {
    url: handler.urlFor(port),
    token: handler.token,
    port,
    close: () => {
      handler.close();

      return new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
