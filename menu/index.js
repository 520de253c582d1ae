// @ts-check
'use strict';

/**
 * The plugin's `menu` module: runs in the Modeler's main process. It starts the desktop
 * bridge (menu/dist/bridge.cjs, self-contained: the plugin folder has no node_modules)
 * and adds the Catalyst entries under Plugins. See docs/bridge.md.
 *
 * One file on purpose: the packaged plugin ships this file and menu/dist only.
 */

const fs = require('fs');
const path = require('path');

// The bridge protocol's constants, built from menu/bridge/protocol.ts, their one home for
// client, bridge and menu. The path is a variable so the type comes from that source, also
// before a build.
const PROTOCOL_BUILD = './dist/protocol.cjs';

/** @type {typeof import('./bridge/protocol')} */
const { BRIDGE_EVENT, TEST_TASK_EVENT, BRIDGE_PROTOCOL_VERSION: PROTOCOL_VERSION } = require(PROTOCOL_BUILD);

/**
 * What this module uses of Electron's `app` as the Modeler hands it over.
 *
 * @typedef {{
 *   on(event: string, listener: () => void): unknown,
 *   emit(event: string, ...args: unknown[]): unknown,
 *   getPath(name: string): string,
 *   mainWindow?: unknown,
 *   clientReady?: boolean
 * }} ElectronApp
 */

/** @typedef {{ bpmn?: boolean, platform?: string }} MenuState */

const SECRETS_FILE_TEMPLATE = [
  '# Catalyst API keys for test calls from the Camunda Modeler.',
  '# One `secret_name=value` a line; the name is a task\'s catalyst.secretName, e.g.',
  '# groq_api_key=gsk_...',
  '# Keys here stay on this machine: the bridge reports only whether a key is found.',
  ''
].join('\n');

/**
 * Builds the plugin's `menu` function (see menu/index.js) from what it needs, so tests can
 * hand in fakes for Electron and the bridge.
 *
 * @param {Object} deps
 * @param {(options: Object) => Promise<{ url: string, token: string, close(): Promise<void> }>} deps.startBridge
 * @param {() => { openPath(path: string): Promise<string> }} deps.shell - lazily, Electron's `shell`
 * @param {{ existsSync: Function, writeFileSync: Function, mkdirSync: Function }} deps.fs
 * @param {string} deps.helpFile - the plugin's README
 * @param {Record<string, string | undefined>} [deps.env]
 * @param {(message: string, error?: unknown) => void} [deps.log]
 *
 * @return {(electronApp: ElectronApp, menuState: MenuState) => Array<Object>}
 */
function createMenu(deps) {
  const env = deps.env || process.env;
  const log = deps.log || ((message, error) => console.error('[catalyst]', message, error || ''));

  /** @type {Promise<import('./bridge/protocol').BridgeAnnouncement> | null} the announcement once the bridge has started (or failed to) */
  let announcement = null;

  /**
   * The Modeler calls the menu function on every menu rebuild (each selection change),
   * so the bridge starts on the first call only.
   *
   * @param {ElectronApp} electronApp
   */
  function startOnce(electronApp) {
    if (announcement) {
      return;
    }

    const secretsFile = secretsFileFor(electronApp, env);

    // a missing or broken bridge build must not break the menu: it becomes the announced error
    announcement = Promise.resolve().then(() => deps.startBridge({
      secretsFile,
      onInternalError: /** @param {unknown} error */ error => log('bridge failure', error)
    })).then(
      bridge => {
        electronApp.on('will-quit', () => bridge.close());

        return { version: PROTOCOL_VERSION, url: bridge.url, token: bridge.token };
      },
      /** @param {any} error */ error => {
        log('the bridge could not start', error);

        return { version: PROTOCOL_VERSION, error: `the bridge could not start: ${error && error.message || error}` };
      }
    );

    // the renderer signals readiness once per window (again after a reload or a new window)
    electronApp.on('app:client-ready', () => announce(electronApp));

    if (electronApp.clientReady) {
      announce(electronApp);
    }
  }

  /**
   * Hands URL and token to the renderer. Only with a ready window: without one, the
   * Modeler answers a menu action by opening a new window.
   *
   * @param {ElectronApp} electronApp
   */
  function announce(electronApp) {
    announcement?.then(payload => {
      if (electronApp.mainWindow) {
        electronApp.emit('menu:action', 'emit-event', { type: BRIDGE_EVENT, payload });
      }
    });
  }

  /**
   * @param {ElectronApp} electronApp
   * @param {MenuState} menuState
   */
  return function menu(electronApp, menuState) {
    startOnce(electronApp);

    const camunda7 = () => Boolean(menuState && menuState.bpmn && menuState.platform === 'platform');

    return [
      {
        label: 'Test Selected Task…',
        enabled: camunda7,
        action: () => {
          if (electronApp.mainWindow) {
            electronApp.emit('menu:action', 'emit-event', { type: TEST_TASK_EVENT, payload: {} });
          }
        }
      },
      {
        label: 'Open Secrets File',
        enabled: camunda7,
        action: () => openSecretsFile(deps, secretsFileFor(electronApp, env), log)
      },
      {
        label: 'Help',
        enabled: camunda7,
        action: () => deps.shell().openPath(deps.helpFile)
      }
    ];
  };
}

/**
 * Where the desktop keeps API keys: `CATALYST_SECRETS_FILE` when set (shared with the
 * command line), else a file in the Modeler's user data folder, never the working
 * directory (which for a desktop app is wherever it was launched from).
 *
 * @param {ElectronApp} electronApp
 * @param {Record<string, string | undefined>} env
 */
function secretsFileFor(electronApp, env) {
  return env.CATALYST_SECRETS_FILE || path.join(electronApp.getPath('userData'), 'catalyst-secrets.properties');
}

/**
 * Opens the secrets file in the system editor, creating it with instructions first.
 *
 * @param {{ shell: () => { openPath(path: string): Promise<string> }, fs: { existsSync: Function, writeFileSync: Function, mkdirSync: Function } }} deps
 * @param {string} file
 * @param {(message: string, error?: unknown) => void} log
 */
async function openSecretsFile(deps, file, log) {
  if (!deps.fs.existsSync(file)) {
    deps.fs.mkdirSync(path.dirname(file), { recursive: true });
    deps.fs.writeFileSync(file, SECRETS_FILE_TEMPLATE, { mode: 0o600 });
  }

  const problem = await deps.shell().openPath(file);

  if (problem) {
    log(`could not open ${file}: ${problem}`);
  }
}

module.exports = createMenu({
  startBridge: options => require('./dist/bridge.cjs').startBridge(options),

  // required on use: Electron exists only inside the Modeler
  shell: () => require('electron').shell,
  fs,
  helpFile: path.join(__dirname, '..', 'README.md')
});

// for tests: the same menu with Electron and the bridge handed in
module.exports.createMenu = createMenu;
