'use strict';

/**
 * Camunda Modeler plugin manifest: the Modeler reads this file from the plugin folder.
 * `script` and `style` run in the renderer, `menu` in the main process.
 */
module.exports = {
  name: 'Catalyst',
  script: './client/dist/client.js',
  style: './style/catalyst.css',
  menu: './menu/index.js'
};
