#!/usr/bin/env node
// Interim `npm start` until the playground exists: it says so, then the script runs the
// command line's help and lints the example diagram (see package.json "start").
console.log('npm start (interim main job until the playground replaces it): catalyst help, then catalyst lint resources/examples/catalyst-example.bpmn\n');
