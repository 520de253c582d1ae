#!/usr/bin/env node
// Builds what the package ships:
//  - dist/node/*.mjs: the command line and worker (Node ESM; npm dependencies stay external)
//  - menu/dist/bridge.cjs: the desktop bridge for the Modeler's main process, self-contained,
//    because the Modeler loads a plugin folder without its node_modules
//  - menu/dist/protocol.cjs: the bridge protocol's constants for menu/index.js
//  - client/dist/client.js: the renderer bundle (webpack, host libraries aliased)
// `--node` builds only the Node parts (fast, used by `prepare`-free test runs).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];

// Every entry must exist: a renamed source would otherwise ship a stale or missing build.
function requireEntry(entry) {
  if (!existsSync(path.join(root, entry))) {
    console.error(`build: ${entry} is missing; fix the entry list in scripts/build.mjs`);
    process.exit(1);
  }

  return entry;
}

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

// The bridge, and the protocol constants menu/index.js requires (event names, version):
// the Modeler loads the menu module from the plugin folder, which has no node_modules.
for (const [ entry, outfile ] of [ [ 'menu/bridge/index.ts', 'menu/dist/bridge.cjs' ], [ 'menu/bridge/protocol.ts', 'menu/dist/protocol.cjs' ] ]) {
  await build({
    absWorkingDir: root,
    entryPoints: [ requireEntry(entry) ],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: entry === 'menu/bridge/index.ts',
    logLevel: 'warning'
  });
}

if (only !== '--node') {
  requireEntry('webpack.config.js');

  const result = spawnSync(process.execPath, [
    path.join(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'
  ], { cwd: root, stdio: 'inherit' });

  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
