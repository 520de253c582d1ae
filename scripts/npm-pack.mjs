import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Packs a staged package folder with `npm pack` into `outDir`: the tarball's path and the
 * sorted list of the files it holds (what the package specs check).
 *
 * @param {string} staging the folder holding package.json and the files to ship
 * @param {string} outDir where the .tgz goes (created when missing)
 * @returns {{ out: string, files: string[] }}
 */
export function npmPack(staging, outDir) {
  mkdirSync(outDir, { recursive: true });

  const packed = spawnSync('npm', [ 'pack', '--json', '--pack-destination', outDir ], { cwd: staging, encoding: 'utf8', shell: process.platform === 'win32' });

  if (packed.status !== 0) {
    throw new Error(`npm pack failed: ${packed.stderr.trim() || packed.stdout.trim()}`);
  }

  const [ result ] = JSON.parse(packed.stdout);

  return { out: path.join(outDir, result.filename), files: result.files.map(file => file.path).sort() };
}

/**
 * Runs a packaging script from the command line: `--out-dir <dir>` (optional) goes to `pack`,
 * the tarball's summary line to stdout, a failure's message to stderr with exit code 1.
 *
 * @param {(options: { outDir?: string }) => Promise<{ out: string, files: string[] }>} pack
 * @param {(result: { out: string, files: string[] }) => string} summary
 */
export function packFromCommandLine(pack, summary) {
  const args = process.argv.slice(2);
  const index = args.indexOf('--out-dir');
  const outDir = index === -1 ? undefined : path.resolve(args[index + 1]);

  pack({ outDir }).then(result => {
    console.log(summary(result));
  }, error => {
    console.error(error.message);
    process.exit(1);
  });
}
