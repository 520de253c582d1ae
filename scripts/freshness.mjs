// Whether a built file is newer than everything it is built from, so `npm start` (through
// scripts/build.mjs) and the browser tests' harness skip a build whose inputs have not
// changed. A directory's own mtime counts too: deleting or renaming a file inside changes it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What client/dist/client.js is built from (webpack, see webpack.config.js). */
export const CLIENT_BUNDLE_INPUTS = [ 'client', 'lint', 'runtime', 'resources', 'webpack.config.js', 'tsconfig.json', 'package-lock.json' ];

/** What playground/dist/host.{js,css} is built from (playground/build.mjs). */
export const PLAYGROUND_HOST_INPUTS = [ 'playground/host', 'playground/build.mjs', 'package-lock.json' ];

/**
 * The newest modification time (ms) under `entry`, skipping build output and dependencies;
 * 0 when it does not exist.
 */
export function newestInputTime(entry) {
  if (!existsSync(entry)) {
    return 0;
  }

  const stats = statSync(entry);

  if (!stats.isDirectory()) {
    return stats.mtimeMs;
  }

  return readdirSync(entry)
    .filter(name => name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestInputTime(path.join(entry, name))), stats.mtimeMs);
}

/**
 * True when every file in `outputs` exists and is at least as new as every input.
 *
 * @param {string} root the repository folder the paths are relative to
 * @param {string[]} outputs built files
 * @param {string[]} inputs files and folders they are built from
 */
export function isFresh(root, outputs, inputs) {
  const outputPaths = outputs.map(output => path.join(root, output));

  if (!outputPaths.every(output => existsSync(output))) {
    return false;
  }

  const oldestOutput = Math.min(...outputPaths.map(output => statSync(output).mtimeMs));

  return oldestOutput >= Math.max(...inputs.map(input => newestInputTime(path.join(root, input))));
}
