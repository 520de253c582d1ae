#!/usr/bin/env node
'use strict';

// The command line is bundled to dist/node/cli.mjs by `npm run build` (run by `npm install`).
import('../dist/node/cli.mjs')
  .then(cli => cli.run(process.argv.slice(2)))
  .then(code => { process.exitCode = code; })
  .catch(error => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]node[\\/]cli\.mjs/.test(String(error.message))) {
      console.error('catalyst: the command line is not built; run `npm run build` in the plugin folder');
      process.exitCode = 70;
      return;
    }

    console.error(error);
    process.exitCode = 70;
  });
