/**
 * `npm start` when nothing changed: the time from running it to the playground's URL line,
 * with every build output already current (a first, unmeasured run brings them up to date).
 * Median of several runs. Target < 10 s.
 */
import { spawn, spawnSync } from 'node:child_process';

import { ROOT_DIR } from '../test/support/playground-browser';
import { median, target } from './_measure';

const RUNS = 3;
const TARGET_S = 10;
const URL_LINE = /Catalyst playground: http:\/\/127\.0\.0\.1:\d+\//;

/** Seconds from `npm start` to its URL line; the started server is stopped again. */
function timeStart(): Promise<{ seconds: number; output: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();

    // its own process group, so the server npm starts goes down with it
    const child = spawn('npm', [ 'start' ], { cwd: ROOT_DIR, env: { ...process.env, PORT: '0' }, detached: true, stdio: [ 'ignore', 'pipe', 'pipe' ] });
    let output = '';
    let seconds: number | null = null;

    const onData = (data: Buffer) => {
      output += data;

      if (seconds === null && URL_LINE.test(output)) {
        seconds = (performance.now() - started) / 1000;
        process.kill(-child.pid!, 'SIGTERM');
      }
    };

    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', code => (seconds === null
      ? reject(new Error(`npm start exited with ${code} before its URL line:\n${output}`))
      : resolve({ seconds, output })));
  });
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [ 'scripts/build.mjs' ], { cwd: ROOT_DIR, encoding: 'utf8' });

  if (build.status !== 0) {
    throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }

  const runs: number[] = [];
  let last = '';

  for (let run = 0; run < RUNS; run++) {
    const { seconds, output } = await timeStart();

    runs.push(seconds);
    last = output;
  }

  const seconds = median(runs);

  console.log(`npm start with nothing changed, ${RUNS} runs: ${runs.map(run => run.toFixed(2)).join(' / ')} s`);
  console.log(`  what it printed (last run):\n${last.trim().split('\n').map(line => `    ${line}`).join('\n')}`);

  target({
    bench: 'start',
    measure: '`npm start`, nothing changed, to the URL line',
    value: seconds,
    unit: 's',
    kind: 'below',
    limit: TARGET_S,
    detail: `median of ${RUNS} runs (${runs.map(run => run.toFixed(1)).join(', ')} s)`
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
