import { build } from 'esbuild';
const r = await build({ absWorkingDir: '/work/i9', entryPoints: ['cli/main.ts'], outfile: '/tmp/i9-out/cli.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20.10', metafile: true, logLevel: 'warning',
 banner: { js: "import { createRequire as __catalystRequire } from 'node:module'; const require = __catalystRequire(import.meta.url);" } });
console.log(Object.keys(r.metafile.outputs).map(k => k + ' ' + r.metafile.outputs[k].bytes));
