import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

// What the page may import from the runtime; runtime/node, runtime/bpmn and runtime/testing
// are Node's (README, The runtime).
const BROWSER_SAFE = [ 'catalog', 'config', 'template', 'mapping', 'secrets', 'execute', 'models', 'structured' ];

function modulesOf(folder: string): string[] {
  return readdirSync(path.join(root, 'runtime', folder))
    .filter(name => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map(name => `runtime/${folder}/${name}`);
}

describe('runtime (browser-safe modules)', () => {

  it('bundles for the browser without Node built-ins', async () => {

    // given
    const entryPoints = [ 'runtime/errors.ts', ...BROWSER_SAFE.flatMap(modulesOf) ];

    // when
    const result = await build({
      absWorkingDir: root,
      entryPoints,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      outdir: 'browser-safe',
      write: false,
      logLevel: 'silent'
    });

    // then
    expect(result.errors).toEqual([]);
    expect(result.outputFiles.filter(file => /from\s*["']node:/.test(file.text)).map(file => file.path)).toEqual([]);
  });
});
