/**
 * `npm test`: the build, the type check, lint and the specs, in that order, stopping at
 * the first that fails, then each step's wall time and the total, so the figure the README
 * gives for a 2-core machine can be checked on every run.
 */
import { spawnSync } from 'node:child_process';

const STEPS = [
  [ 'build', 'node', [ 'scripts/build.mjs' ] ],
  [ 'types', 'npx', [ 'tsc', '-p', 'tsconfig.json' ] ],
  [ 'lint', 'npm', [ 'run', '--silent', 'lint' ] ],
  [ 'specs', 'npx', [ 'vitest', 'run', ...process.argv.slice(2) ] ]
];

const times = [];
const started = performance.now();

for (const [ name, command, args ] of STEPS) {
  const stepStarted = performance.now();
  const { status, signal, error } = spawnSync(command, args, { stdio: 'inherit' });

  times.push(`${ name } ${ seconds(performance.now() - stepStarted) }`);

  if (error || status !== 0) {
    console.error(`npm test: ${ name } failed (${ error?.message ?? (signal ? `signal ${ signal }` : `exit ${ status }`) })`);
    process.exit(status || 1);
  }
}

console.log(`npm test: ${ times.join(', ') }; ${ seconds(performance.now() - started) } in all`);

function seconds(ms) {
  const total = Math.round(ms / 1000);

  return total >= 60 ? `${ Math.floor(total / 60) } min ${ total % 60 } s` : `${ total } s`;
}
