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

  /** Options for the desktop bridge's attachBridge (menu/dist/bridge.cjs); false: no bridge. */
  bridge?: object | false;
}): Promise<PlaygroundServer>;
