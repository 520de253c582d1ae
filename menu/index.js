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

/**
 * Origins of the Modeler's own window, a file:// page. Electron with its default file
 * privileges (the GrantFileProtocolExtraPrivileges fuse, left on by the Modeler) sends
 * `Origin: file://`; Chromium without them sends `null` for a file:// page, and so does the
 * Modeler-faithful host check (`../shared/modeler-host`, headless Chromium). `null` is
 * also what a sandboxed iframe of any web page sends, so only this host accepts it: the
 * token, handed to the renderer over IPC and never served over HTTP, is what keeps such a
 * page out. The playground, whose token is on an HTTP page, never accepts `null`.
 */
const MODELER_ORIGINS = [ 'file://', 'null' ];

/** @param {string} approvalsFile */
function secretsFileTemplate(approvalsFile) {
  return [
    '# Catalyst API keys for test calls from the Camunda Modeler.',
    '# One `secret_name=value` a line; the name is a task\'s catalyst.secretName, e.g.',
    '# groq_api_key=gsk_...',
    '# Keys here stay on this machine: the bridge reports only whether a key is found.',
    '#',
    '# Hosts you allowed a key to go to (beyond the provider\'s own and localhost):',
    `#   ${approvalsFile}`,
    '# one secret_name=host a line; delete a line there to take the approval back.',
    ''
  ].join('\n');
}

/** Name of the approvals file in the Modeler's user data folder (the bridge is handed the whole path). */
const APPROVALS_FILE_NAME = 'catalyst-approved-hosts.txt';

/**
 * Builds the plugin's `menu` function (see menu/index.js) from what it needs, so tests can
 * hand in fakes for Electron and the bridge.
 *
 * @param {Object} deps
 * @param {(options: Object) => Promise<{ url: string, token: string, close(): Promise<void> }>} deps.startBridge
 * @param {() => { openPath(path: string): Promise<string> }} deps.shell - lazily, Electron's `shell`
 * @param {() => { showMessageBox(window: Object | undefined, options: Object): Promise<{ response: number }> }} deps.dialog
 *   lazily, Electron's `dialog`: asks whether a key may go to a host the user has not trusted
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
    const approvalsFile = approvalsFileFor(electronApp);

    // a missing or broken bridge build must not break the menu: it becomes the announced error
    announcement = Promise.resolve().then(() => deps.startBridge({
      secretsFile,
      approvals: approvalsFile,
      allowedOrigins: MODELER_ORIGINS,
      confirmKeySend: /** @param {{ secret: string, host: string, description: string }} question */ question => confirmKeySend(deps, electronApp, question, approvalsFile),
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
        action: () => openSecretsFile(deps, secretsFileFor(electronApp, env), approvalsFileFor(electronApp), log)
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
 * Where the user's approvals of (secret, host) pairs are kept: the Modeler's user data
 * folder, never a diagram, never the working directory.
 *
 * @param {ElectronApp} electronApp
 */
function approvalsFileFor(electronApp) {
  return path.join(electronApp.getPath('userData'), APPROVALS_FILE_NAME);
}

/**
 * The bridge's question, asked in the main process where the renderer cannot answer it:
 * a native dialog naming the secret and the host, "Don't send" as the default (Enter,
 * Escape and closing the dialog all answer no).
 *
 * @param {{ dialog: () => { showMessageBox(...args: unknown[]): Promise<{ response: number }> } }} deps
 * @param {ElectronApp} electronApp
 * @param {{ secret: string, host: string, description: string }} question
 * @param {string} approvalsFile
 * @return {Promise<boolean>} true only for an explicit "Send"
 */
async function confirmKeySend(deps, electronApp, question, approvalsFile) {
  const options = {
    type: 'warning',
    title: 'Catalyst: send an API key?',
    message: `Send the key from ${ question.description } to ${ question.host }?`,
    detail: [
      `A task asks to send the key ${ question.secret } to ${ question.host }, a host you have not trusted for it.`,
      'A diagram from someone else can name any host; the owner of that host gets your key.',
      'Answer "Send" only if you know this host should have it.',
      `Your answer is kept in ${ approvalsFile }; delete its line there to take it back.`
    ].join('\n\n'),
    buttons: [ 'Don\'t send', 'Send' ],
    defaultId: 0,
    cancelId: 0,
    noLink: true
  };

  const { response } = electronApp.mainWindow
    ? await deps.dialog().showMessageBox(electronApp.mainWindow, options)
    : await deps.dialog().showMessageBox(options);

  return response === 1;
}

/**
 * Opens the secrets file in the system editor, creating it with instructions first.
 *
 * @param {{ shell: () => { openPath(path: string): Promise<string> }, fs: { existsSync: Function, writeFileSync: Function, mkdirSync: Function } }} deps
 * @param {string} file
 * @param {string} approvalsFile
 * @param {(message: string, error?: unknown) => void} log
 */
async function openSecretsFile(deps, file, approvalsFile, log) {
  if (!deps.fs.existsSync(file)) {
    deps.fs.mkdirSync(path.dirname(file), { recursive: true });
    deps.fs.writeFileSync(file, secretsFileTemplate(approvalsFile), { mode: 0o600 });
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
  dialog: () => require('electron').dialog,
  fs,
  helpFile: path.join(__dirname, '..', 'README.md')
});

// for tests: the same menu with Electron and the bridge handed in
module.exports.createMenu = createMenu;
