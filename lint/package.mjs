#!/usr/bin/env node
/**
 * `npm run package:lint` (and `npm run package`): writes dist/bpmnlint-plugin-catalyst-<version>.tgz,
 * the Catalyst rules as a bpmnlint plugin for a project's CI:
 *
 *   npm install --save-dev bpmnlint ./bpmnlint-plugin-catalyst-<version>.tgz
 *
 * with a .bpmnlintrc that extends `plugin:catalyst/recommended` (docs/lint.md). The package
 * holds one bundled main module (lint/package-main.ts with the runtime it uses), a
 * rules/<name>.js per rule, and camunda.json, camunda-bpmn-moddle's descriptor, for
 * `moddleExtensions`: it installs without the registry and needs nothing but bpmnlint.
 *
 *   node lint/package.mjs [--out-dir <dir>]
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { npmPack, packFromCommandLine } from '../scripts/npm-pack.mjs';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** bpmnlint resolves `plugin:catalyst/…` and `catalyst/<rule>` to this package name. */
export const LINT_PACKAGE_NAME = 'bpmnlint-plugin-catalyst';

const requireHere = createRequire(import.meta.url);

/**
 * The package's manifest: the checkout's version and licence, no dependencies (bundled).
 *
 * @param {Record<string, any>} checkout the checkout's package.json
 */
export function lintManifest(checkout) {
  return {
    name: LINT_PACKAGE_NAME,
    version: checkout.version,
    description: 'Catalyst task checks (the same as the Camunda Modeler plugin and `catalyst lint`) as bpmnlint rules',
    keywords: [ 'bpmnlint', 'bpmnlint-plugin', 'camunda', 'catalyst' ],
    license: checkout.license,
    main: 'index.js',
    engines: checkout.engines,
    files: [ 'index.js', 'rules', 'camunda.json', 'README.md', 'LICENSE', 'THIRD-PARTY-NOTICES.md' ]
  };
}

/**
 * Writes the plugin's package folder into `dir`: index.js, rules/, camunda.json,
 * package.json, README.md (docs/lint.md), LICENSE.
 *
 * @param {string} rootDir
 * @param {string} dir
 * @returns {Promise<string[]>} the rule names
 */
export async function buildLintPackage(rootDir, dir) {
  const { build } = await import('esbuild');
  const checkout = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8'));

  await build({
    absWorkingDir: rootDir,
    entryPoints: [ 'lint/package-main.ts' ],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20.10',

    // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow
    mainFields: [ 'module', 'main' ],
    legalComments: 'eof',
    logLevel: 'warning'
  });

  const main = createRequire(path.join(dir, 'index.js'))('./index.js');
  const ruleNames = Object.keys(main.ruleFactories).sort();

  mkdirSync(path.join(dir, 'rules'), { recursive: true });

  for (const name of ruleNames) {
    writeFileSync(path.join(dir, 'rules', `${name}.js`), `'use strict';\n\nmodule.exports = require('..').ruleFactories[${JSON.stringify(name)}];\n`);
  }

  const moddle = path.dirname(requireHere.resolve('camunda-bpmn-moddle/package.json', { paths: [ rootDir ] }));
  copyFileSync(path.join(moddle, 'resources/camunda.json'), path.join(dir, 'camunda.json'));
  writeFileSync(path.join(dir, 'THIRD-PARTY-NOTICES.md'),
    `camunda.json is camunda-bpmn-moddle's resources/camunda.json, under its licence:\n\n${readFileSync(path.join(moddle, 'LICENSE'), 'utf8')}`);

  copyFileSync(path.join(rootDir, 'docs/lint.md'), path.join(dir, 'README.md'));

  if (existsSync(path.join(rootDir, 'LICENSE'))) {
    copyFileSync(path.join(rootDir, 'LICENSE'), path.join(dir, 'LICENSE'));
  }

  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(lintManifest(checkout), null, 2) + '\n');

  return ruleNames;
}

/**
 * Builds the package in a staging folder and packs it with `npm pack` into `outDir`.
 *
 * @param {{ rootDir?: string, outDir?: string }} [options]
 * @returns {Promise<{ out: string, files: string[] }>}
 */
export async function packageLintPlugin(options = {}) {
  const rootDir = options.rootDir || ROOT_DIR;
  const outDir = options.outDir || path.join(rootDir, 'dist');
  const staging = mkdtempSync(path.join(tmpdir(), 'catalyst-bpmnlint-'));

  try {
    await buildLintPackage(rootDir, staging);
    return npmPack(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  packFromCommandLine(packageLintPlugin, result => `${path.relative(process.cwd(), result.out)}: ${result.files.length} files (npm install --save-dev bpmnlint ./${path.basename(result.out)})`);
}
