import type { Server } from 'node:http';

export interface PlaygroundServer {

  /** Base URL, `http://127.0.0.1:<port>/`. */
  url: string;
  port: number;
  server: Server;

  /** Serves `xml` as a diagram named `name` (listed in the picker); returns its URL path. */
  addDiagram(name: string, xml: string): string;

  /** The page URL opening the diagram of that name (`?diagram=`). */
  diagramUrl(name: string): string;
  close(): Promise<void>;
}

export function startPlayground(options?: {
  port?: number;
  host?: string;
  build?: boolean;

  /**
   * Options for the desktop bridge's attachBridge (menu/dist/bridge.cjs); false: no bridge.
   * `confirmKeySend: async question => boolean` answers the question before a key goes to a
   * host not trusted for it (the command-line server asks on its terminal); without it,
   * `POST /approvals` answers 501. Approvals last while the server runs.
   */
  bridge?: object | false;
}): Promise<PlaygroundServer>;
