#!/usr/bin/env node
/**
 * `npm run install-plugin`: builds, then installs the plugin into Camunda Modeler's user
 * resources folder for this OS, and the element templates beside it:
 *
 *   <resources>/plugins/catalyst/...             the plugin (copy, or symlink with --link)
 *   <resources>/element-templates/catalyst-*.json
 *
 * <resources> is, by OS (the Modeler's Electron userData + /resources):
 *   linux  $XDG_CONFIG_HOME (default ~/.config)/camunda-modeler/resources
 *   win    %APPDATA%\camunda-modeler\resources
 *   mac    ~/Library/Application Support/camunda-modeler/resources
 *
 *   node scripts/install-plugin.mjs [--link] [--target <resources dir>] [--no-build]
 *
 * Restart the Modeler afterwards: it reads plugins and templates at start.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PLUGIN_FOLDER, ROOT_DIR, buildPlugin, listPluginFiles, optionValue } from './package.mjs';

/**
 * The Modeler's user resources folder for a platform.
 *
 * @param {NodeJS.Platform} [platform]
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [home]
 */
export function modelerResourcesDir(platform = process.platform, env = process.env, home = os.homedir()) {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'camunda-modeler', 'resources');
  }

  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'camunda-modeler', 'resources');
  }

  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), 'camunda-modeler', 'resources');
}

/** Removes a previous install, be it a folder, a file or a symlink (never followed). */
function removeExisting(target) {
  if (existsSync(target) || isSymlink(target)) {
    rmSync(target, { recursive: true, force: true });
  }
}

function isSymlink(file) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Installs the plugin of `rootDir` into `resourcesDir`.
 *
 * @param {{ rootDir?: string, resourcesDir: string, link?: boolean }} options
 * @returns {{ pluginDir: string, templates: string[], files: string[] }}
 */
export function installPlugin({ rootDir = ROOT_DIR, resourcesDir, link = false }) {
  const files = listPluginFiles(rootDir);
  const pluginDir = path.join(resourcesDir, 'plugins', PLUGIN_FOLDER);
  const templatesDir = path.join(resourcesDir, 'element-templates');

  mkdirSync(path.dirname(pluginDir), { recursive: true });
  removeExisting(pluginDir);

  if (link) {

    // the Modeler reads index.js from the folder; a link to the checkout picks up rebuilds
    symlinkSync(rootDir, pluginDir, process.platform === 'win32' ? 'junction' : 'dir');
  } else {
    for (const file of files) {
      cpSync(path.join(rootDir, file), path.join(pluginDir, file));
    }
  }

  const sourceTemplates = path.join(rootDir, 'resources/element-templates');
  const templates = existsSync(sourceTemplates)
    ? readdirSync(sourceTemplates).filter(name => name.endsWith('.json')).sort()
    : [];

  mkdirSync(templatesDir, { recursive: true });

  for (const name of templates) {
    const target = path.join(templatesDir, name);
    removeExisting(target);

    if (link) {
      symlinkSync(path.join(sourceTemplates, name), target, 'file');
    } else {
      cpSync(path.join(sourceTemplates, name), target);
    }
  }

  return { pluginDir, templates: templates.map(name => path.join(templatesDir, name)), files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const known = [ '--link', '--no-build', '--target' ];
  const unknown = args.filter((arg, index) => arg.startsWith('--') && !known.includes(arg) && args[index - 1] !== '--target');

  if (unknown.length) {
    console.error(`unknown option ${ unknown[0] }; usage: install-plugin [--link] [--target <resources dir>] [--no-build]`);
    process.exit(64);
  }

  const target = optionValue(args, '--target');
  const resourcesDir = target ? path.resolve(target) : modelerResourcesDir();

  if (!args.includes('--no-build')) {
    buildPlugin();
  }

  try {
    const result = installPlugin({ resourcesDir, link: args.includes('--link') });
    console.log(`${ args.includes('--link') ? 'linked' : 'copied' } plugin to ${ result.pluginDir }`);
    console.log(`installed ${ result.templates.length } element templates to ${ path.join(resourcesDir, 'element-templates') }`);
    console.log('restart Camunda Modeler to load them');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
