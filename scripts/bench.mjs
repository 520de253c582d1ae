#!/usr/bin/env node
// `npm run bench`: runs every bench/*.ts in its own Node process (so one benchmark's
// warm JIT or open sockets cannot flatter the next) and prints their figures, then a summary
// of every target (figure, target, MET / NOT MET) the benches recorded through
// bench/_measure.ts. `npm run bench -- call lint` runs only the named ones;
// `npm run bench -- --readme` also writes the summary into README.md's performance table.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { formatLimit, formatValue } from '../bench/_format.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const writeReadme = args.includes('--readme');
const wanted = args.filter(arg => !arg.startsWith('--'));

// The README's table sits between these two lines; everything between them is replaced.
const TABLE_START = '<!-- bench:table:start (npm run bench -- --readme writes this table) -->';
const TABLE_END = '<!-- bench:table:end -->';

const benches = readdirSync(path.join(root, 'bench'))
  .filter(name => name.endsWith('.ts') && !name.startsWith('_'))
  .map(name => name.replace(/\.ts$/, ''))
  .filter(name => !wanted.length || wanted.includes(name))
  .sort();

const scratch = mkdtempSync(path.join(tmpdir(), 'catalyst-bench-'));
const resultsFile = path.join(scratch, 'results.jsonl');
writeFileSync(resultsFile, '');

let failed = 0;

for (const name of benches) {
  console.log(`\n## bench/${name}.ts`);

  const result = spawnSync(process.execPath, [
    path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'bench', `${name}.ts`)
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', BENCH_RESULTS: resultsFile } });

  if (result.status !== 0) {
    failed++;
    console.log(`bench/${name}.ts failed (exit ${result.status})`);
  }
}

const results = readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line));
rmSync(scratch, { recursive: true, force: true });

const table = summaryTable(results);
console.log(`\n## summary (${results.filter(result => result.met).length} of ${results.length} targets met)\n\n${table}`);

if (writeReadme && results.length) {
  const readmePath = path.join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);

  if (start < 0 || end < start) {
    console.error(`README.md has no "${TABLE_START}" … "${TABLE_END}" block to write the table into`);
    process.exit(1);
  }

  const stamp = `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${results.filter(result => result.met).length} of ${results.length} targets met:`;
  writeFileSync(readmePath, `${readme.slice(0, start + TABLE_START.length)}\n${stamp}\n\n${table}\n${readme.slice(end)}`);
  console.log('\nREADME.md: performance table written');
}

process.exit(failed ? 1 : 0);

/** The targets as a markdown table, in the order the benches recorded them. */
function summaryTable(rows) {
  const lines = [
    '| bench | measure | figure | target | met | measured |',
    '|---|---|---|---|---|---|',
    ...rows.map(row => `| \`${row.bench}\` | ${row.measure} | ${formatValue(row.value, row.unit)} | ${formatLimit(row)} | ${row.met ? 'MET' : '**NOT MET**'} | ${row.detail} |`)
  ];

  return lines.join('\n');
}
