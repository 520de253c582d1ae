#!/usr/bin/env node
/**
 * `npm run package`: builds, then writes dist/catalyst-modeler-plugin-<version>.zip with
 * only what Camunda Modeler loads from a plugin folder, under a top-level `catalyst/`
 * folder (unzip it into the Modeler's resources/plugins), and dist/catalyst-<version>.tgz,
 * the npm package of the command line and worker (scripts/package-cli.mjs), and
 * dist/bpmnlint-plugin-catalyst-<version>.tgz, the bpmnlint plugin (lint/package.mjs).
 *
 *   node scripts/package.mjs [--out <file.zip>] [--no-build]
 *
 * The zip is written with fflate (a maintained, dependency-free zip writer).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { deflateSync, zipSync } from 'fflate';

import { packageCli } from './package-cli.mjs';
import { packageLintPlugin } from '../lint/package.mjs';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Folder name of the plugin inside the Modeler's plugins folder and inside the zip. */
export const PLUGIN_FOLDER = 'catalyst';

/** Shipped when present; the manifest's own files (script, style, menu) are required. */
const OPTIONAL_ENTRIES = [ 'menu/dist', 'resources/element-templates', 'LICENSE', 'README.md' ];

/**
 * The plugin's files, relative to `rootDir`, in a stable order: the manifest (index.js),
 * the folders of its `script` and `style`, its `menu` with menu/dist, the element
 * templates, LICENSE and README; no source maps.
 *
 * @param {string} rootDir
 * @returns {string[]} posix paths
 * @throws {Error} naming a file the manifest points at that is missing (not built yet?)
 */
export function listPluginFiles(rootDir) {
  const manifestFile = path.join(rootDir, 'index.js');
  if (!existsSync(manifestFile)) {
    throw new Error(`no plugin manifest at ${ manifestFile }`);
  }

  const require = createRequire(import.meta.url);
  delete require.cache[manifestFile];
  const manifest = require(manifestFile);

  const entries = [ 'index.js' ];

  for (const key of [ 'script', 'style', 'menu' ]) {
    if (!manifest[key]) {
      continue;
    }

    const file = path.posix.normalize(manifest[key]);
    if (!existsSync(path.join(rootDir, file))) {
      throw new Error(`the manifest's ${ key } ${ manifest[key] } does not exist in ${ rootDir } (run npm run build first)`);
    }

    // script and style may load siblings (source maps, fonts); menu/index.js only itself
    entries.push(key === 'menu' ? file : path.posix.dirname(file));
  }

  entries.push(...OPTIONAL_ENTRIES.filter(entry => existsSync(path.join(rootDir, entry))));

  // source maps help only a developer, who works from a checkout (install-plugin --link)
  const files = new Set(entries.flatMap(entry => walk(rootDir, entry)).filter(file => !file.endsWith('.map')));
  return [ ...files ].sort();
}

function walk(rootDir, relative) {
  const absolute = path.join(rootDir, relative);

  if (!statSync(absolute).isDirectory()) {
    return [ relative.split(path.sep).join('/') ];
  }

  return readdirSync(absolute).flatMap(name => walk(rootDir, path.posix.join(relative, name)));
}

// ---------------------------------------------------------------------------
// zip (fflate)

/** 1980-01-01 00:00 local time, the earliest a zip can say: the same files give the same zip. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** Unix as the "made by" system, with a regular file's mode, so unzip keeps rw-r--r--. */
const UNIX = 3;
const FILE_ATTRIBUTES = 0o100644 * 2 ** 16;

/**
 * A zip archive of the given files: deflated, or stored when deflate does not help.
 *
 * @param {Array<{ name: string, data: Uint8Array }>} files
 * @returns {Buffer}
 */
export function createZip(files) {
  const entries = Object.fromEntries(files.map(file => {
    const data = new Uint8Array(file.data);
    const level = deflateSync(data, { level: 9 }).length < data.length ? 9 : 0;

    return [ file.name, [ data, { level, mtime: FIXED_TIME, os: UNIX, attrs: FILE_ATTRIBUTES } ] ];
  }));

  return Buffer.from(zipSync(entries));
}

/**
 * Zips the plugin of `rootDir` under `catalyst/` into `out`.
 *
 * @param {{ rootDir?: string, out?: string }} [options]
 * @returns {{ out: string, files: string[], bytes: number }}
 */
export function packagePlugin(options = {}) {
  const rootDir = options.rootDir || ROOT_DIR;
  const version = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')).version;
  const out = options.out || path.join(rootDir, 'dist', `catalyst-modeler-plugin-${ version }.zip`);

  const files = listPluginFiles(rootDir);
  const zip = createZip(files.map(file => ({
    name: `${ PLUGIN_FOLDER }/${ file }`,
    data: readFileSync(path.join(rootDir, file))
  })));

  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip);

  return { out, files, bytes: zip.length };
}

/** Runs scripts/build.mjs (runtime bundles, bridge, client bundle); exits on failure. */
export function buildPlugin(rootDir = ROOT_DIR) {
  const result = spawnSync(process.execPath, [ path.join(rootDir, 'scripts/build.mjs') ], {
    cwd: rootDir,
    stdio: 'inherit'
  });

  if (result.status !== 0) {
    console.error('build failed; nothing packaged');
    process.exit(result.status || 1);
  }
}

/** Value of `--name <value>`; undefined when absent. */
export function optionValue(args, name) {
  const index = args.indexOf(name);
  if (index === -1) {
    return undefined;
  }

  const value = args[index + 1];
  if (!value || value.startsWith('--')) {
    console.error(`${ name } needs a value`);
    process.exit(64);
  }

  return value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = optionValue(args, '--out');

  if (!args.includes('--no-build')) {
    buildPlugin();
  }

  try {
    const result = packagePlugin({ out: out && path.resolve(out) });
    console.log(`${ path.relative(process.cwd(), result.out) }: ${ result.files.length } files, ${ (result.bytes / 1024).toFixed(0) } KiB`);

    const cli = await packageCli({ outDir: path.dirname(result.out) });
    console.log(`${ path.relative(process.cwd(), cli.out) }: ${ cli.files.length } files (npm install -g ./${ path.basename(cli.out) })`);

    const lint = await packageLintPlugin({ outDir: path.dirname(result.out) });
    console.log(`${ path.relative(process.cwd(), lint.out) }: ${ lint.files.length } files (bpmnlint plugin: docs/lint.md)`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
