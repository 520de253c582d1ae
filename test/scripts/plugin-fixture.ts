import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Files the Modeler needs: the manifest and what it points at, templates, license, readme. */
export const SHIPPED = [
  'LICENSE',
  'README.md',
  'client/dist/client.js',
  'client/dist/client.payload-editor.js',
  'index.js',
  'menu/dist/bridge.cjs',
  'menu/index.js',
  'resources/element-templates/catalyst-groq.json',
  'style/catalyst.css'
];

/** Files of a checkout the Modeler never loads (source maps included: only developers read them). */
export const NOT_SHIPPED = [
  'client/dist/client.js.map',
  'menu/dist/bridge.cjs.map',
  'package.json',
  'client/index.ts',
  'menu/bridge/index.ts',
  'runtime/errors.ts',
  'node_modules/some-lib/index.js',
  'test/client/panel.spec.ts',
  'resources/providers.json'
];

/**
 * A plugin checkout in a fresh temporary folder, with a built client bundle.
 */
export function createPluginCheckout(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'catalyst-plugin-'));

  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  for (const file of [ ...SHIPPED, ...NOT_SHIPPED ]) {
    write(file, `/* ${ file } */\n`.repeat(20));
  }

  write('package.json', JSON.stringify({ name: 'fixture', version: '9.8.7' }));
  write('index.js', `module.exports = {
    name: 'Catalyst',
    script: './client/dist/client.js',
    style: './style/catalyst.css',
    menu: './menu/index.js'
  };\n`);

  return root;
}
