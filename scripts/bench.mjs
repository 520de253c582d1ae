#!/usr/bin/env node
// `npm run bench`: runs every bench/*.ts in its own Node process (so one benchmark's
// warm JIT or open sockets cannot flatter the next) and prints their figures.
// `npm run bench -- call lint` runs only the named ones.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);

const benches = readdirSync(path.join(root, 'bench'))
  .filter(name => name.endsWith('.ts') && !name.startsWith('_'))
  .map(name => name.replace(/\.ts$/, ''))
  .filter(name => !wanted.length || wanted.includes(name))
  .sort();

let failed = 0;

for (const name of benches) {
  console.log(`\n## bench/${name}.ts`);

  const result = spawnSync(process.execPath, [
    path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'bench', `${name}.ts`)
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });

  if (result.status !== 0) {
    failed++;
    console.log(`bench/${name}.ts failed (exit ${result.status})`);
  }
}

process.exit(failed ? 1 : 0);
