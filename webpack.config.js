'use strict';

/**
 * Builds the renderer half of the plugin (client/index.ts) into client/dist/client.js,
 * the `script` of the manifest in index.js.
 *
 * The Modeler already ships Preact, @bpmn-io/properties-panel and bpmn-js-properties-panel.
 * A plugin must use the host's copies (a second Preact renders into a tree it does not own
 * and its hooks break), so camunda-modeler-webpack-plugin aliases those imports to
 * camunda-modeler-plugin-helpers, which reads them from `window.vendor` at load time.
 * Everything else (CodeMirror 6, the runtime, the catalog) is bundled: the host lacks it.
 *
 * style/catalyst.css is not bundled: the Modeler loads it from the manifest's `style`.
 */

const path = require('node:path');
const CamundaModelerWebpackPlugin = require('camunda-modeler-webpack-plugin');
const { NormalModuleReplacementPlugin } = require('webpack');

const HELPERS_PREACT = 'camunda-modeler-plugin-helpers/vendor/@bpmn-io/properties-panel/preact';

module.exports = (env, argv = {}) => {
  const mode = argv.mode || 'production';

  return {
    mode,

    // the Modeler is Electron (a current Chromium): modern syntax needs no down-levelling
    target: [ 'web', 'es2022' ],
    entry: path.resolve(__dirname, 'client/index.ts'),
    output: {
      path: path.resolve(__dirname, 'client/dist'),
      filename: 'client.js',

      // lazily loaded parts (the payload editor: client/editor/load.ts) sit beside client.js,
      // found from the running script's own URL
      chunkFilename: 'client.[name].js',
      publicPath: 'auto',

      // always write, so a fresh mtime tells the test harness the bundle is current
      compareBeforeEmit: false
    },
    devtool: mode === 'production' ? 'source-map' : 'cheap-module-source-map',
    resolve: {
      extensions: [ '.ts', '.tsx', '.mjs', '.js', '.json' ],

      // sources written for `moduleResolution: bundler` may import './x.js' for './x.ts'
      extensionAlias: {
        '.js': [ '.ts', '.tsx', '.js' ]
      },

      // `import { useState } from 'preact/hooks'` and TSX compiled for `jsxImportSource:
      // preact` must land on the host's Preact, never on node_modules/preact.
      alias: {
        'preact/jsx-runtime$': `${HELPERS_PREACT}/jsx-runtime`,
        'preact/hooks$': `${HELPERS_PREACT}/hooks`,
        'preact/compat$': `${HELPERS_PREACT}/compat`,
        'preact$': HELPERS_PREACT
      }
    },
    module: {
      rules: [
        {

          // provider icons (resources/icons) go into the bundle as SVG text: the replace
          // menu shows them and the canvas renderer draws them, also into SVG export
          test: /\.svg$/,
          include: path.resolve(__dirname, 'resources/icons'),
          type: 'asset/source'
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: require.resolve('ts-loader'),
            options: {

              // type checking is `npm run typecheck`; the bundle only needs the emit
              transpileOnly: true,
              compilerOptions: {
                noEmit: false,
                jsx: 'react-jsx',
                jsxImportSource: '@bpmn-io/properties-panel/preact'
              }
            }
          }
        }
      ]
    },
    plugins: [

      // The JSON Schema check (Ajv) stays on Node: the page gets schema-check.page.ts, which
      // leaves schemas to the bridge (small bundle; no generated code under the host's CSP).
      new NormalModuleReplacementPlugin(/^\.\/schema-check$/, resource => {
        if (path.basename(resource.context) === 'structured') {
          resource.request = './schema-check.page';
        }
      }),

      // aliases only: TypeScript is compiled by ts-loader above, not by the plugin's babel rules
      new CamundaModelerWebpackPlugin({
        propertiesPanelLoader: false,
        reactLoader: false,
        carbonReactLoader: false,

        // undefined keeps the devtool chosen above (false would switch source maps off)
        devtool: undefined
      })
    ],
    optimization: {

      // the payload editor and CodeMirror load together: one lazy chunk, not a vendors one beside it
      splitChunks: false
    },
    performance: {

      // bench/client.ts measures the bundle against its own budget
      hints: false
    }
  };
};
