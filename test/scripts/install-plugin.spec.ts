import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, lstatSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

import { installPlugin, modelerResourcesDir } from '../../scripts/install-plugin.mjs';
import { ensurePluginBuilt } from '../support/playground-browser';
import { NOT_SHIPPED, SHIPPED, createPluginCheckout } from './plugin-fixture';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => entry.isDirectory()
    ? listFiles(path.join(dir, entry.name), `${ prefix }${ entry.name }/`)
    : [ `${ prefix }${ entry.name }` ]).sort();
}

describe('scripts/install-plugin.mjs', () => {

  const cleanup: string[] = [];

  afterEach(() => {
    cleanup.splice(0).forEach(dir => rmSync(dir, { recursive: true, force: true }));
  });

  function given() {
    const checkout = createPluginCheckout();
    const resourcesDir = mkdtempSync(path.join(os.tmpdir(), 'catalyst-modeler-resources-'));
    cleanup.push(checkout, resourcesDir);
    return { checkout, resourcesDir };
  }


  it('should copy the plugin into <resources>/plugins/catalyst', () => {

    // given
    const { checkout, resourcesDir } = given();

    // when
    installPlugin({ rootDir: checkout, resourcesDir });

    // then
    expect(listFiles(path.join(resourcesDir, 'plugins/catalyst'))).toEqual(SHIPPED);
  });


  it('should put the element templates into <resources>/element-templates', () => {

    // given
    const { checkout, resourcesDir } = given();

    // when
    installPlugin({ rootDir: checkout, resourcesDir });

    // then
    expect(readdirSync(path.join(resourcesDir, 'element-templates'))).toEqual([ 'catalyst-groq.json' ]);
  });


  it('should replace a previous install, dropping files the new one lacks', () => {

    // given
    const { checkout, resourcesDir } = given();
    installPlugin({ rootDir: checkout, resourcesDir });
    writeFileSync(path.join(resourcesDir, 'plugins/catalyst/stale.js'), 'old');

    // when
    installPlugin({ rootDir: checkout, resourcesDir });

    // then
    expect(existsSync(path.join(resourcesDir, 'plugins/catalyst/stale.js'))).toBe(false);
  });


  it('should link the plugin folder and templates to the checkout with link', () => {

    // given
    const { checkout, resourcesDir } = given();

    // when
    installPlugin({ rootDir: checkout, resourcesDir, link: true });

    // then
    const pluginDir = path.join(resourcesDir, 'plugins/catalyst');
    const template = path.join(resourcesDir, 'element-templates/catalyst-groq.json');
    expect(lstatSync(pluginDir).isSymbolicLink()).toBe(true);
    expect(realpathSync(pluginDir)).toBe(realpathSync(checkout));
    expect(lstatSync(template).isSymbolicLink()).toBe(true);
  });


  it('should switch a linked install back to a copy without touching the checkout', () => {

    // given
    const { checkout, resourcesDir } = given();
    installPlugin({ rootDir: checkout, resourcesDir, link: true });

    // when
    installPlugin({ rootDir: checkout, resourcesDir });

    // then
    expect(lstatSync(path.join(resourcesDir, 'plugins/catalyst')).isSymbolicLink()).toBe(false);
    expect(NOT_SHIPPED.every(file => existsSync(path.join(checkout, file)))).toBe(true);
  });


  it('should install this checkout from the command line into --target', async () => {

    // given
    await ensurePluginBuilt();
    const { resourcesDir } = given();
    const script = path.resolve(import.meta.dirname, '../../scripts/install-plugin.mjs');

    // when
    const result = spawnSync(process.execPath, [ script, '--no-build', '--target', resourcesDir ], { encoding: 'utf8' });

    // then
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(path.join(resourcesDir, 'plugins', 'catalyst'));
    expect(existsSync(path.join(resourcesDir, 'plugins/catalyst/client/dist/client.js'))).toBe(true);
    expect(readdirSync(path.join(resourcesDir, 'element-templates'))).toContain('catalyst-groq.json');
  });


  it('should reject an unknown option with exit code 64', () => {

    // given
    const script = path.resolve(import.meta.dirname, '../../scripts/install-plugin.mjs');

    // when
    const result = spawnSync(process.execPath, [ script, '--frobnicate' ], { encoding: 'utf8' });

    // then
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('unknown option --frobnicate');
  });

});

describe('modelerResourcesDir', () => {

  it.each([
    [ 'linux', {}, '/home/ada/.config/camunda-modeler/resources' ],
    [ 'linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/camunda-modeler/resources' ],
    [ 'darwin', {}, '/home/ada/Library/Application Support/camunda-modeler/resources' ],
    [ 'win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada\\AppData\\Roaming\\camunda-modeler\\resources' ]
  ] as const)('should follow the Modeler on %s %j', (platform, env, expected) => {

    // then
    expect(modelerResourcesDir(platform, env, '/home/ada')).toBe(expected);
  });

});
