#!/usr/bin/env node
/**
 * `npm run package:cli` (and `npm run package`): writes dist/catalyst-<version>.tgz, an npm
 * package of the command line and the worker that installs on a clean machine with
 *
 *   npm install -g ./catalyst-<version>.tgz
 *
 * and then runs `catalyst worker` / `catalyst call`. It holds `bin/catalyst.js` and
 * `dist/node/cli.mjs` with the runtime dependencies bundled in, so the install needs no
 * registry, no build and no devDependencies.
 *
 *   node scripts/package-cli.mjs [--out-dir <dir>]
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import { npmPack, packFromCommandLine } from './npm-pack.mjs';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The installed command and the package's name (so npm names the tarball catalyst-<version>.tgz). */
export const CLI_PACKAGE_NAME = 'catalyst';

/** Shipped beside the code when present. */
const DOCS = [ 'README.md', 'LICENSE', 'docs/worker.md', 'docs/cli.md' ];

/**
 * The package's manifest: the checkout's version, licence and Node range, its one command,
 * and no dependencies (they are in the bundle).
 *
 * @param {Record<string, any>} checkout the checkout's package.json
 */
export function cliManifest(checkout) {
  return {
    name: CLI_PACKAGE_NAME,
    version: checkout.version,
    description: 'Catalyst command line and Camunda 7 external-task worker for LLM connectors (OpenAI-compatible providers)',
    license: checkout.license,
    bin: { catalyst: 'bin/catalyst.js' },
    engines: checkout.engines,
    files: [ 'bin', 'dist/node', 'docs', 'README.md', 'LICENSE' ]
  };
}

/**
 * Bundles the command line with every npm dependency into `outFile` (ESM for Node).
 *
 * @param {string} rootDir
 * @param {string} outFile
 */
export async function bundleCli(rootDir, outFile) {
  await build({
    absWorkingDir: rootDir,
    entryPoints: [ 'cli/main.ts' ],
    outfile: outFile,
    bundle: true,
    platform: 'node',

    // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow
    mainFields: [ 'module', 'main' ],
    format: 'esm',
    target: 'node20.10',
    legalComments: 'eof',
    logLevel: 'warning',

    // CommonJS dependencies call require() for Node's built-ins, which an ES module lacks.
    banner: { js: 'import { createRequire as __catalystCreateRequire } from \'node:module\'; const require = __catalystCreateRequire(import.meta.url);' },
    plugins: [ inlineRequiredJson ]
  });
}

/**
 * The runtime reads camunda-bpmn-moddle's descriptor through createRequire (the development
 * build leaves npm packages outside the bundle); a bundle with no node_modules beside it must
 * carry the JSON itself, so that module is built from an import esbuild can inline.
 */
const inlineRequiredJson = {
  name: 'inline-camunda-descriptor',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /runtime[\\/]bpmn[\\/]camunda-descriptor\.ts$/ }, () => ({
      contents: 'import descriptor from \'camunda-bpmn-moddle/resources/camunda.json\';\nexport const camundaDescriptor = descriptor;\n',
      loader: 'ts',
      resolveDir: pluginBuild.initialOptions.absWorkingDir
    }));
  }
};

/**
 * Builds the package in a staging folder and packs it with `npm pack` into `outDir`.
 *
 * @param {{ rootDir?: string, outDir?: string }} [options]
 * @returns {Promise<{ out: string, files: string[] }>}
 */
export async function packageCli(options = {}) {
  const rootDir = options.rootDir || ROOT_DIR;
  const outDir = options.outDir || path.join(rootDir, 'dist');
  const checkout = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8'));
  const staging = mkdtempSync(path.join(tmpdir(), 'catalyst-cli-'));

  try {
    await bundleCli(rootDir, path.join(staging, 'dist/node/cli.mjs'));
    mkdirSync(path.join(staging, 'bin'));
    copyFileSync(path.join(rootDir, 'bin/catalyst.js'), path.join(staging, 'bin/catalyst.js'));

    for (const file of DOCS.filter(doc => existsSync(path.join(rootDir, doc)))) {
      mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      copyFileSync(path.join(rootDir, file), path.join(staging, file));
    }

    writeFileSync(path.join(staging, 'package.json'), JSON.stringify(cliManifest(checkout), null, 2) + '\n');
    return npmPack(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  packFromCommandLine(packageCli, result => `${path.relative(process.cwd(), result.out)}: ${result.files.length} files`);
}
