import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

import { describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);
const { createMenu } = require('../../menu/index.js') as { createMenu: (deps: Record<string, unknown>) => MenuFunction };

type MenuEntry = { label: string; enabled: () => boolean; action: () => unknown; accelerator?: string };
type MenuFunction = (electronApp: FakeApp, menuState: Record<string, unknown>) => MenuEntry[];

const CAMUNDA_7 = { bpmn: true, platform: 'platform' };

/** The parts of Electron's `app` the menu module touches, with the Modeler's additions. */
class FakeApp extends EventEmitter {
  mainWindow: object | null = {};
  clientReady = false;
  menuActions: unknown[][] = [];

  constructor() {
    super();
    this.on('menu:action', (...args) => this.menuActions.push(args));
  }

  getPath(name: string) {
    return `/home/me/.config/camunda-modeler-${name}`;
  }

  bridgeAnnouncements() {
    return this.menuActions.filter(([ action, options ]) => action === 'emit-event' && (options as { type: string }).type === 'catalyst.bridge');
  }
}

function setup(startBridge = vi.fn(async (_options: Record<string, unknown>) => ({ url: 'http://127.0.0.1:5000/catalyst/v1', token: 'tkn', close: vi.fn(async () => undefined) }))) {
  const shell = { openPath: vi.fn(async () => '') };
  const fs = { existsSync: vi.fn(() => false), writeFileSync: vi.fn(), mkdirSync: vi.fn() };
  const log = vi.fn();
  const dialog = { showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })) };
  const menu = createMenu({ startBridge, shell: () => shell, dialog: () => dialog, fs, helpFile: '/plugin/README.md', env: {}, log });

  return { menu, startBridge, shell, dialog, fs, log };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('menu module', () => {

  it('starts the bridge once, however often the Modeler rebuilds the menu', async () => {

    // given
    const { menu, startBridge } = setup();
    const app = new FakeApp();

    // when
    menu(app, CAMUNDA_7);
    menu(app, {});
    menu(app, CAMUNDA_7);
    await settle();

    // then
    expect(startBridge).toHaveBeenCalledTimes(1);
    expect(startBridge.mock.calls[0][0]).toMatchObject({ secretsFile: '/home/me/.config/camunda-modeler-userData/catalyst-secrets.properties' });
  });

  it('hands the bridge the approvals file in the user data folder and the Modeler window\'s origins (file://, and null as Chromium sends it)', async () => {

    // given
    const { menu, startBridge } = setup();

    // when
    menu(new FakeApp(), CAMUNDA_7);
    await settle();

    // then
    expect(startBridge.mock.calls[0][0]).toMatchObject({
      approvals: '/home/me/.config/camunda-modeler-userData/catalyst-approved-hosts.txt',
      allowedOrigins: [ 'file://', 'null' ],
      confirmKeySend: expect.any(Function)
    });
  });

  it('asks about a key in a dialog of the main window, "Don\'t send" unless the user picks "Send"', async () => {

    // given
    const { menu, startBridge, dialog } = setup();
    const app = new FakeApp();

    menu(app, CAMUNDA_7);
    await settle();

    const confirm = startBridge.mock.calls[0][0].confirmKeySend as (question: object) => Promise<boolean>;
    const question = { secret: 'groq_api_key', host: 'attacker.example', description: 'environment variable GROQ_API_KEY' };

    // when
    const refused = await confirm(question);

    dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    const approved = await confirm(question);

    // then
    expect([ refused, approved ]).toEqual([ false, true ]);
    expect(dialog.showMessageBox).toHaveBeenCalledWith(app.mainWindow, expect.objectContaining({
      message: 'Send the key from environment variable GROQ_API_KEY to attacker.example?',
      buttons: [ 'Don\'t send', 'Send' ],
      defaultId: 0,
      cancelId: 0
    }));
  });

  it('announces URL and token only after the renderer is ready', async () => {

    // given
    const { menu } = setup();
    const app = new FakeApp();

    // when: the bridge is up, the client not yet
    menu(app, CAMUNDA_7);
    await settle();

    // then
    expect(app.bridgeAnnouncements()).toHaveLength(0);

    // when: the renderer signals it is ready
    app.emit('app:client-ready');
    await settle();

    // then
    expect(app.bridgeAnnouncements()).toEqual([
      [ 'emit-event', { type: 'catalyst.bridge', payload: { version: 1, url: 'http://127.0.0.1:5000/catalyst/v1', token: 'tkn' } } ]
    ]);
  });

  it('announces at once when the renderer was ready before the first menu build', async () => {

    // given
    const { menu } = setup();
    const app = new FakeApp();
    app.clientReady = true;

    // when
    menu(app, CAMUNDA_7);
    await settle();

    // then
    expect(app.bridgeAnnouncements()).toHaveLength(1);
  });

  it('announces again to a reloaded renderer', async () => {

    // given
    const { menu } = setup();
    const app = new FakeApp();
    menu(app, CAMUNDA_7);

    // when
    app.emit('app:client-ready');
    app.emit('app:client-ready');
    await settle();

    // then
    expect(app.bridgeAnnouncements()).toHaveLength(2);
  });

  it('does not announce without a window (the Modeler would open one)', async () => {

    // given
    const { menu } = setup();
    const app = new FakeApp();
    app.mainWindow = null;
    menu(app, CAMUNDA_7);

    // when
    app.emit('app:client-ready');
    await settle();

    // then
    expect(app.bridgeAnnouncements()).toHaveLength(0);
  });

  it('announces the failure when the bridge cannot start, and keeps the menu', async () => {

    // given
    const { menu, log } = setup(vi.fn(async () => {
      throw new Error('listen EACCES 127.0.0.1');
    }));
    const app = new FakeApp();
    app.clientReady = true;

    // when
    const entries = menu(app, CAMUNDA_7);
    await settle();

    // then
    expect(entries).toHaveLength(3);
    expect(app.bridgeAnnouncements()[0][1]).toEqual({ type: 'catalyst.bridge', payload: { version: 1, error: 'the bridge could not start: listen EACCES 127.0.0.1' } });
    expect(log).toHaveBeenCalled();
  });

  it('announces the failure when the bridge build is missing (a synchronous throw)', async () => {

    // given
    const { menu } = setup(vi.fn(() => {
      throw new Error('Cannot find module \'./dist/bridge.cjs\'');
    }) as never);
    const app = new FakeApp();
    app.clientReady = true;

    // when
    menu(app, CAMUNDA_7);
    await settle();

    // then
    expect((app.bridgeAnnouncements()[0][1] as { payload: { error: string } }).payload.error).toContain('bridge.cjs');
  });

  it('closes the bridge when the Modeler quits', async () => {

    // given
    const close = vi.fn(async () => undefined);
    const { menu } = setup(vi.fn(async () => ({ url: 'u', token: 't', close })));
    const app = new FakeApp();
    menu(app, CAMUNDA_7);
    await settle();

    // when
    app.emit('will-quit');

    // then
    expect(close).toHaveBeenCalledTimes(1);
  });

  describe('entries', () => {

    it('offers test, secrets file and help', () => {

      // when
      const entries = setup().menu(new FakeApp(), CAMUNDA_7);

      // then
      expect(entries.map(entry => entry.label)).toEqual([ 'Test Selected Task…', 'Open Secrets File', 'Help' ]);
    });

    it.each([
      [ 'a Camunda 7 BPMN diagram', CAMUNDA_7, true ],
      [ 'a Camunda 8 BPMN diagram', { bpmn: true, platform: 'cloud' }, false ],
      [ 'a Camunda 7 DMN table', { dmn: true, platform: 'platform' }, false ],
      [ 'no open diagram', {}, false ]
    ])('are enabled for %s: %s', (_what, menuState, enabled) => {

      // when
      const entries = setup().menu(new FakeApp(), menuState);

      // then
      expect(entries.map(entry => entry.enabled())).toEqual([ enabled, enabled, enabled ]);
    });

    it('follow the menu state when it changes after they were built', () => {

      // given
      const menuState: Record<string, unknown> = { ...CAMUNDA_7 };
      const [ test ] = setup().menu(new FakeApp(), menuState);

      // when
      menuState.platform = 'cloud';

      // then
      expect(test.enabled()).toBe(false);
    });

    it('asks the renderer to test the selected task', () => {

      // given
      const app = new FakeApp();
      const [ test ] = setup().menu(app, CAMUNDA_7);

      // when
      test.action();

      // then
      expect(app.menuActions).toContainEqual([ 'emit-event', { type: 'catalyst.testTask', payload: {} } ]);
    });

    it('creates the secrets file with instructions (owner-only) and opens it', async () => {

      // given
      const { menu, fs, shell } = setup();
      const [ , openSecrets ] = menu(new FakeApp(), CAMUNDA_7);

      // when
      await openSecrets.action();

      // then
      const file = '/home/me/.config/camunda-modeler-userData/catalyst-secrets.properties';

      expect(fs.writeFileSync).toHaveBeenCalledWith(file, expect.stringContaining('groq_api_key='), { mode: 0o600 });
      expect(fs.writeFileSync).toHaveBeenCalledWith(file, expect.stringContaining('/home/me/.config/camunda-modeler-userData/catalyst-approved-hosts.txt'), { mode: 0o600 });
      expect(shell.openPath).toHaveBeenCalledWith(file);
    });

    it('opens the help page', async () => {

      // given
      const { menu, shell } = setup();
      const [ , , help ] = menu(new FakeApp(), CAMUNDA_7);

      // when
      await help.action();

      // then
      expect(shell.openPath).toHaveBeenCalledWith('/plugin/README.md');
    });
  });
});
