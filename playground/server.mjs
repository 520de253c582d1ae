/**
 * The playground server: a small node:http server on 127.0.0.1 that serves the host page,
 * the plugin folder the way the Modeler reads it (manifest index.js → its `script` and
 * `style`), the element templates and the diagrams.
 *
 *   node playground/server.mjs            PORT=0 by default: prints the URL it got
 *
 * Tests start it in-process with `startPlayground()`.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { buildHost } from './build.mjs';
import { PLAYGROUND_HOST_INPUTS, isFresh } from '../scripts/freshness.mjs';

const playgroundDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(playgroundDir, '..');

/** URL prefix of the plugin folder; the Modeler names plugins by folder. */
const PLUGIN_BASE = '/plugins/catalyst/';

/**
 * Folders whose *.bpmn files the diagram picker offers, by URL segment. `shared` is the
 * team's reference diagrams beside the repository; they are read from there, never copied.
 */
const DIAGRAM_FOLDERS = {
  examples: path.join(rootDir, 'resources/examples'),
  playground: path.join(playgroundDir, 'diagrams'),
  shared: path.resolve(rootDir, '../shared/bpmn')
};

const TEMPLATES_DIR = path.join(rootDir, 'resources/element-templates');
const DEFAULT_DIAGRAMS = [ 'examples/catalyst-example.bpmn', 'playground/catalyst-demo.bpmn' ];

/** Where the desktop bridge (teammate G's menu/) may plug itself into this server. */
const BRIDGE_MODULE = path.join(rootDir, 'menu/dist/bridge.cjs');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.bpmn': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml'
};

/**
 * Reads the plugin manifest fresh (it may change between runs of a long-lived server).
 *
 * @returns {{ name: string, script?: string, style?: string, menu?: string }}
 */
function readManifest() {
  const require = createRequire(import.meta.url);
  const manifestPath = path.join(rootDir, 'index.js');
  delete require.cache[manifestPath];
  return require(manifestPath);
}

function toPluginUrl(relative) {
  return relative ? PLUGIN_BASE + path.posix.normalize(relative.replaceAll('\\', '/')).replace(/^\.\//, '') : undefined;
}

/** Files of the plugin folder the renderer may fetch: the script's and the style's folders. */
function pluginFile(urlPath, manifest) {
  const relative = decodeURIComponent(urlPath.slice(PLUGIN_BASE.length));
  const allowedFolders = [ manifest.script, manifest.style ]
    .filter(Boolean)
    .map(file => path.resolve(rootDir, path.dirname(file)) + path.sep);

  const file = path.resolve(rootDir, relative);
  return allowedFolders.some(folder => file.startsWith(folder)) ? file : null;
}

async function listDiagrams(extraDiagrams) {
  const diagrams = [];

  for (const [ segment, folder ] of Object.entries(DIAGRAM_FOLDERS)) {
    if (!existsSync(folder)) {
      continue;
    }

    for (const name of (await readdir(folder)).sort()) {
      if (name.endsWith('.bpmn')) {
        diagrams.push({ name, url: `/diagrams/${ segment }/${ encodeURIComponent(name) }` });
      }
    }
  }

  for (const name of extraDiagrams.keys()) {
    diagrams.push({ name, url: `/diagrams/extra/${ encodeURIComponent(name) }` });
  }

  return diagrams;
}

/** All templates of resources/element-templates as one array (a file may hold one or many). */
async function readElementTemplates() {
  if (!existsSync(TEMPLATES_DIR)) {
    return [];
  }

  const templates = [];
  for (const name of (await readdir(TEMPLATES_DIR)).sort()) {
    if (name.endsWith('.json')) {
      templates.push(JSON.parse(await readFile(path.join(TEMPLATES_DIR, name), 'utf8')));
    }
  }

  return templates.flat();
}

function send(response, status, body, contentType = 'text/plain; charset=utf-8') {
  response.writeHead(status, {
    'Content-Type': contentType,

    // the playground is for development: always serve the freshly built files
    'Cache-Control': 'no-store'
  });
  response.end(body);
}

async function sendFile(response, file) {
  if (!file || !existsSync(file) || !(await stat(file)).isFile()) {
    return send(response, 404, 'not found');
  }

  send(response, 200, await readFile(file), MIME_TYPES[path.extname(file)] || 'application/octet-stream');
}

/**
 * Starts the playground server.
 *
 * @param {{ port?: number, host?: string, build?: boolean, bridge?: object | false }} [options]
 *   `build: false` serves playground/dist as it is instead of bundling the host first;
 *   `bridge` is handed to the desktop bridge's attachBridge (false: no bridge)
 * @returns {Promise<{ url: string, port: number, server: http.Server,
 *   addDiagram(name: string, xml: string): string, diagramUrl(name: string): string,
 *   close(): Promise<void> }>}
 */
export async function startPlayground(options = {}) {
  const { port = 0, host = '127.0.0.1', build = true, bridge: bridgeOptions = {} } = options;

  const hostFiles = build ? await buildHost() : {
    'host.js': await readFile(path.join(playgroundDir, 'dist/host.js')),
    'host.css': await readFile(path.join(playgroundDir, 'dist/host.css'))
  };

  /** Diagrams tests hand in at run time (e.g. generated ones), by name. */
  const extraDiagrams = new Map();

  const server = http.createServer(async (request, response) => {
    try {
      await handle(request, response);
    } catch (error) {
      send(response, 500, error.message);
    }
  });

  async function handle(request, response) {

    // the bridge's own Host rule, for every page: /api/playground hands out the bridge
    // token, and a page on another name resolving to 127.0.0.1 (DNS rebinding) must not read it
    const hostProblem = bridge?.hostProblem(request);

    if (hostProblem) {
      return send(response, 421, hostProblem.replace(/^the bridge/, 'the playground'));
    }

    if (bridgeHandler && await bridgeHandler(request, response)) {
      return;
    }

    const url = new URL(request.url, 'http://localhost');
    const urlPath = url.pathname;

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'method not allowed');
    }

    if (urlPath === '/' || urlPath === '/index.html') {
      return sendFile(response, path.join(playgroundDir, 'index.html'));
    }

    if (urlPath.startsWith('/dist/') && hostFiles[urlPath.slice('/dist/'.length)]) {
      const name = urlPath.slice('/dist/'.length);
      return send(response, 200, hostFiles[name], MIME_TYPES[path.extname(name)]);
    }

    if (urlPath === '/api/playground') {
      const manifest = readManifest();
      const diagrams = await listDiagrams(extraDiagrams);
      const defaultDiagram = DEFAULT_DIAGRAMS
        .map(relative => `/diagrams/${ relative }`)
        .find(candidate => diagrams.some(diagram => diagram.url === candidate)) || null;

      return send(response, 200, JSON.stringify({
        plugins: [ { name: manifest.name, script: toPluginUrl(manifest.script), style: toPluginUrl(manifest.style) } ],
        pluginsDirectory: '/plugins/',
        diagrams,
        defaultDiagram,
        elementTemplates: '/api/element-templates',

        // the page emits it as the app event `catalyst.bridge`, as the plugin's menu module does in the Modeler
        bridge: bridgeHandler?.announcement?.() ?? null
      }), MIME_TYPES['.json']);
    }

    if (urlPath === '/api/element-templates') {
      return send(response, 200, JSON.stringify(await readElementTemplates()), MIME_TYPES['.json']);
    }

    if (urlPath.startsWith(PLUGIN_BASE)) {
      return sendFile(response, pluginFile(urlPath, readManifest()));
    }

    const diagramMatch = /^\/diagrams\/([^/]+)\/([^/]+)$/.exec(urlPath);
    if (diagramMatch) {
      const [ , segment, encodedName ] = diagramMatch;
      const name = decodeURIComponent(encodedName);

      if (segment === 'extra') {
        return extraDiagrams.has(name)
          ? send(response, 200, extraDiagrams.get(name), MIME_TYPES['.bpmn'])
          : send(response, 404, 'not found');
      }

      const folder = DIAGRAM_FOLDERS[segment];
      const isPlainName = name === path.basename(name) && name.endsWith('.bpmn');
      return sendFile(response, folder && isPlainName ? path.join(folder, name) : null);
    }

    send(response, 404, 'not found');
  }

  const bridge = bridgeOptions === false ? null : await attachOptionalBridge(server, bridgeOptions);
  const bridgeHandler = bridge?.handler ?? null;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });

  const actualPort = server.address().port;
  const baseUrl = `http://${ host }:${ actualPort }/`;

  return {
    url: baseUrl,
    port: actualPort,
    server,
    addDiagram(name, xml) {
      extraDiagrams.set(name, xml);
      return `/diagrams/extra/${ encodeURIComponent(name) }`;
    },
    diagramUrl(name) {
      return `${ baseUrl }?diagram=${ encodeURIComponent(name) }`;
    },
    close() {

      // the bridge's call sockets are upgraded connections, which closeAllConnections leaves open
      bridgeHandler?.close?.();
      server.closeAllConnections?.();
      return new Promise(resolve => server.close(() => resolve()));
    }
  };
}

/**
 * Mount point for the desktop bridge: if menu/dist/bridge.cjs exists and exports
 * `attachBridge(server, options)`, it is given this server before it listens. It returns a
 * request handler `(request, response) => boolean` that sees every request first and
 * returns true for the ones it answered, with `announcement()` for the page; the module's
 * `hostProblem(request)` is the Host rule every page of this server follows. Skipped when
 * the module or the export is missing, so the playground works without the bridge (and
 * then has no token to guard).
 *
 * The bridge refuses `Origin: null` here (its default): the token is on an HTTP page, so a
 * sandboxed iframe must not be let in. A key for a host nobody trusted yet is asked about
 * with `bridge.confirmKeySend` (tests pass one; `node playground/server.mjs` asks on its
 * terminal, see terminalConfirm), and approvals last while the server runs.
 *
 * @returns {Promise<{ handler: ((request, response) => boolean | Promise<boolean>) & { announcement?: () => object },
 *   hostProblem: (request) => string | null } | null>}
 */
async function attachOptionalBridge(server, bridgeOptions) {
  if (!existsSync(BRIDGE_MODULE)) {
    return null;
  }

  const bridge = await import(pathToFileURL(BRIDGE_MODULE).href);
  const attachBridge = bridge.attachBridge || bridge.default?.attachBridge;
  const hostProblem = bridge.hostProblem || bridge.default?.hostProblem;

  if (typeof attachBridge !== 'function' || typeof hostProblem !== 'function') {
    return null;
  }

  const handler = await attachBridge(server, bridgeOptions);
  return typeof handler === 'function' ? { handler, hostProblem } : null;
}

/**
 * The playground's question before a key goes to a host not yet trusted for it, on the
 * terminal that started the server (the Modeler asks in a main-process dialog instead).
 * Without a terminal there is no one to ask: the answer is no.
 *
 * @param {{ secret: string, host: string, description: string }} question
 * @returns {Promise<boolean>}
 */
async function terminalConfirm(question) {
  if (!process.stdin.isTTY) {
    return false;
  }

  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stdout });

  try {
    const answer = await terminal.question(`Send the key from ${ question.description } to ${ question.host }? [y/N] `);

    return /^y(es)?$/i.test(answer.trim());
  } finally {
    terminal.close();
  }
}

// no top-level await: test helpers loaded as CommonJS (tsx) import this module too
if (process.argv[1] === fileURLToPath(import.meta.url)) {

  // `npm start`: bundle the host only when one of its inputs changed since the last bundle
  const hostBuilt = isFresh(rootDir, [ 'playground/dist/host.js', 'playground/dist/host.css' ], PLAYGROUND_HOST_INPUTS);

  startPlayground({ port: Number(process.env.PORT || 0), build: !hostBuilt, bridge: { confirmKeySend: terminalConfirm } }).then(
    playground => console.log(`Catalyst playground: ${ playground.url }`),
    error => {
      console.error(error.message);
      process.exit(1);
    }
  );
}
