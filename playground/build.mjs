/**
 * Bundles the playground host (playground/host/index.ts: bpmn-js, the properties panel,
 * element templates, the vendor globals) with esbuild into playground/dist/host.{js,css}.
 * The plugin itself is not part of it: the page loads client/dist/client.js separately,
 * as the Modeler does.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const playgroundDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * diagram-js renders its popup menus with @bpmn-io/diagram-js-ui, which takes `render` from
 * its own Preact 10 but `html` from `htm/preact`, and htm resolves the top-level Preact (11,
 * another dependency's). Vnodes of one Preact rendered by the other come out empty: the
 * replace and append menus opened with nothing in them. Every bare `preact` import of the
 * host goes to diagram-js-ui's copy, as one copy does in the Modeler's build.
 */
const samePreactAsDiagramJs = {
  name: 'same-preact-as-diagram-js',
  setup(build) {

    // esbuild finds the package, not import.meta.resolve: tsx (the benches) loads this file
    // as CommonJS, where import.meta has no resolve
    let diagramJsUi;

    build.onResolve({ filter: /^preact(\/.*)?$/ }, async args => {
      if (args.pluginData === samePreactAsDiagramJs) {
        return undefined;
      }

      diagramJsUi ??= path.dirname((await build.resolve('@bpmn-io/diagram-js-ui', {
        kind: 'import-statement', resolveDir: playgroundDir, pluginData: samePreactAsDiagramJs
      })).path);

      return build.resolve(args.path, { kind: args.kind, resolveDir: diagramJsUi, pluginData: samePreactAsDiagramJs });
    });
  }
};

/**
 * Builds the host bundle and writes it to playground/dist.
 *
 * @returns {Promise<{ 'host.js': Uint8Array, 'host.css': Uint8Array }>} the built files
 */
export async function buildHost() {

  // loaded here, not at the top: `npm start` with a current host bundle never needs it
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: playgroundDir,
    entryPoints: [ 'host/index.ts' ],
    outdir: 'dist',
    entryNames: 'host',
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [ samePreactAsDiagramJs ],
    loader: {
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
      '.ttf': 'dataurl',
      '.eot': 'dataurl',
      '.svg': 'dataurl',
      '.png': 'dataurl'
    }
  });

  const files = {};
  const outDir = path.join(playgroundDir, 'dist');
  await mkdir(outDir, { recursive: true });

  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    files[name] = file.contents;

    // several test files may start playgrounds at once: never leave a half-written file
    const temporary = `${ file.path }.${ process.pid }.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }

  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildHost().then(files => {
    for (const [ name, contents ] of Object.entries(files)) {
      console.log(`playground/dist/${ name }  ${ (contents.length / 1024).toFixed(0) } KiB`);
    }
  });
}
