#!/usr/bin/env node
// Builds what the package ships:
//  - dist/node/*.mjs: the command line and worker (Node ESM; npm dependencies stay external)
//  - menu/dist/bridge.cjs: the desktop bridge for the Modeler's main process, self-contained,
//    because the Modeler loads a plugin folder without its node_modules
//  - client/dist/client.js: the renderer bundle (webpack, host libraries aliased)
// `--node` builds only the Node parts (fast, used by `prepare`-free test runs).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];

const nodeEntries = [
  { in: 'cli/main.ts', out: 'dist/node/cli.mjs' }
].filter(entry => existsSync(path.join(root, entry.in)));

for (const entry of nodeEntries) {
  await build({
    absWorkingDir: root,
    entryPoints: [ entry.in ],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.10',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning'
  });
}

const bridgeEntry = 'menu/bridge/index.ts';
if (existsSync(path.join(root, bridgeEntry))) {
  await build({
    absWorkingDir: root,
    entryPoints: [ bridgeEntry ],
    outfile: 'menu/dist/bridge.cjs',
    bundle: true,
    platform: 'node',
    // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow
    mainFields: [ 'module', 'main' ],
    format: 'cjs',
    target: 'node18',
    sourcemap: true,
    logLevel: 'warning'
  });
}

if (only !== '--node' && existsSync(path.join(root, 'webpack.config.js'))) {
  const result = spawnSync(process.execPath, [
    path.join(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'
  ], { cwd: root, stdio: 'inherit' });

  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
