#!/usr/bin/env node
// Builds what the package ships:
//  - dist/node/*.mjs: the command line and worker (Node ESM; npm dependencies stay external)
//  - menu/dist/bridge.cjs: the desktop bridge for the Modeler's main process, self-contained,
//    because the Modeler loads a plugin folder without its node_modules
//  - menu/dist/protocol.cjs: the bridge protocol's constants for menu/index.js
//  - client/dist/client.js: the renderer bundle (webpack, host libraries aliased)
// `--node` builds only the Node parts (fast, used by `prepare`-free test runs).
// A part whose output is newer than all its inputs is skipped (scripts/freshness.mjs), so
// `npm start` with nothing changed does not rebuild; `--force` builds everything anyway.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { CLIENT_BUNDLE_INPUTS, isFresh } from './freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--node') ? '--node' : undefined;
const force = process.argv.includes('--force');

// What the command line and the bridge bundle from (conservatively: every source folder).
const NODE_INPUTS = [ 'cli', 'worker', 'runtime', 'menu', 'client', 'resources', 'scripts/build.mjs', 'package-lock.json' ];

/**
 * esbuild, loaded only when a Node part is stale (loading it is most of a no-change run),
 * with each output file replaced in one step (written beside, then renamed): specs build in
 * parallel and load menu/dist/bridge.cjs right after, so none may read half a file.
 */
async function build(options) {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({ ...options, write: false });

  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;

    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }

  return result;
}

/** True when `output` must be built: forced, missing, or older than one of `inputs`. */
const stale = (output, inputs) => force || !isFresh(root, [ output ], inputs);

// Every entry must exist: a renamed source would otherwise ship a stale or missing build.
function requireEntry(entry) {
  if (!existsSync(path.join(root, entry))) {
    console.error(`build: ${entry} is missing; fix the entry list in scripts/build.mjs`);
    process.exit(1);
  }

  return entry;
}

if (stale('dist/node/cli.mjs', NODE_INPUTS)) {
  await build({
    absWorkingDir: root,
    entryPoints: [ requireEntry('cli/main.ts') ],
    outfile: 'dist/node/cli.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.10',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning'
  });
}

// The bridge, and the protocol constants menu/index.js requires (event names, version):
// the Modeler loads the menu module from the plugin folder, which has no node_modules.
for (const [ entry, outfile ] of [ [ 'menu/bridge/index.ts', 'menu/dist/bridge.cjs' ], [ 'menu/bridge/protocol.ts', 'menu/dist/protocol.cjs' ] ]) {
  if (stale(outfile, NODE_INPUTS)) {
    await build({
      absWorkingDir: root,
      entryPoints: [ requireEntry(entry) ],
      outfile,
      bundle: true,
      platform: 'node',

      // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow
      mainFields: [ 'module', 'main' ],

      // ws's optional native speed-ups: it requires them in a try and works without them
      external: [ 'bufferutil', 'utf-8-validate' ],
      format: 'cjs',
      target: 'node18',
      sourcemap: entry === 'menu/bridge/index.ts',
      logLevel: 'warning'
    });
  }
}

if (only !== '--node') {
  requireEntry('webpack.config.js');

  if (stale('client/dist/client.js', CLIENT_BUNDLE_INPUTS)) {
    const started = performance.now();

    // errors and warnings only: the module list would bury `npm start`'s URL line
    const result = spawnSync(process.execPath, [
      path.join(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production', '--stats', 'errors-warnings'
    ], { cwd: root, stdio: 'inherit' });

    if (result.status !== 0) {
      process.exit(result.status ?? 1);
    }

    console.log(`client/dist/client.js built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } else {
    console.log('client/dist/client.js is up to date (no input changed); `node scripts/build.mjs --force` rebuilds it');
  }
}
