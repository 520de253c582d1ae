import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const root = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

describe('menu/index.js with the built bridge (what the Modeler loads)', () => {
  const userData = mkdtempSync(path.join(tmpdir(), 'catalyst-menu-'));
  const app = Object.assign(new EventEmitter(), {
    mainWindow: {},
    clientReady: true,
    getPath: () => userData
  });
  const announcements: Array<{ url: string; token: string }> = [];

  beforeAll(async () => {
    vi.stubEnv('CATALYST_SECRETS_FILE', '');

    // the project's own build (scripts/build.mjs), so the spec loads the bundle that ships
    const built = spawnSync(process.execPath, [ path.join(root, 'scripts/build.mjs'), '--node' ], { cwd: root, encoding: 'utf8' });

    expect(built.status, built.stderr).toBe(0);

    app.on('menu:action', (_action: string, options: { type: string; payload: { url: string; token: string } }) => {
      if (options.type === 'catalyst.bridge') {
        announcements.push(options.payload);
      }
    });
  });

  afterAll(() => {
    app.emit('will-quit');
    vi.unstubAllEnvs();
    rmSync(userData, { recursive: true, force: true });
  });

  it('starts the bridge, announces it, and reads keys from the secrets file in the user data folder', async () => {

    // given
    const menu = require(path.join(root, 'menu/index.js'));
    writeFileSync(path.join(userData, 'catalyst-secrets.properties'), 'groq_api_key=gsk_fromfile\n');

    // when
    const entries = menu(app, { bpmn: true, platform: 'platform' });

    while (!announcements.length) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }

    const [ { url, token } ] = announcements;
    const status = await fetch(`${url}/secret-status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { 'catalyst.provider': 'groq', 'catalyst.secretSource': 'properties' } })
    });

    // then
    expect(entries.map((entry: { enabled: () => boolean }) => entry.enabled())).toEqual([ true, true, true ]);
    expect(await status.json()).toEqual({
      status: 'found',
      location: { source: 'properties', name: 'groq_api_key', description: expect.stringContaining(path.join(userData, 'catalyst-secrets.properties')) },
      destination: { host: 'api.groq.com', secret: 'groq_api_key', trust: 'catalog' }
    });
  });
});
