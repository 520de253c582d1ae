/**
 * `npm test`: the build, then the type check and lint side by side (each uses one core),
 * then the specs, stopping at the first step that fails; then each step's wall time and the
 * total, so the figure the README gives for a 2-core machine can be checked on every run.
 */
import { spawn } from 'node:child_process';

const STAGES = [
  [ [ 'build', 'node', [ 'scripts/build.mjs' ] ] ],
  [ [ 'types', 'npx', [ 'tsc', '-p', 'tsconfig.json' ] ], [ 'lint', 'npm', [ 'run', '--silent', 'lint' ] ] ],
  [ [ 'specs', 'npx', [ 'vitest', 'run', ...process.argv.slice(2) ] ] ]
];

const times = [];
const started = performance.now();

for (const stage of STAGES) {
  const results = await Promise.all(stage.map(([ name, command, args ]) => run(name, command, args)));
  const failed = results.find(result => result.failure);

  if (failed) {
    console.error(`npm test: ${ failed.name } failed (${ failed.failure })`);
    process.exit(1);
  }
}

console.log(`npm test: ${ times.join(', ') }; ${ seconds(performance.now() - started) } in all`);

/** Runs one step with the terminal as its output; resolves with what failed, if anything. */
function run(name, command, args) {
  const stepStarted = performance.now();

  return new Promise(resolve => {
    const child = spawn(command, args, { stdio: 'inherit' });

    child.on('error', error => resolve({ name, failure: error.message }));
    child.on('close', (status, signal) => {
      times.push(`${ name } ${ seconds(performance.now() - stepStarted) }`);
      resolve({ name, failure: status === 0 ? null : (signal ? `signal ${ signal }` : `exit ${ status }`) });
    });
  });
}

function seconds(ms) {
  const total = Math.round(ms / 1000);

  return total >= 60 ? `${ Math.floor(total / 60) } min ${ total % 60 } s` : `${ total } s`;
}
