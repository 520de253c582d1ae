import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import * as runtime from '../../runtime';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

describe('runtime/index (browser-safe barrel)', () => {

  it('exports the API of every browser-safe module', () => {
    const names = [
      'CatalystError', 'ConfigError', 'providers', 'requireProvider', 'chatUrl', 'modelsUrl',
      'readTaskConfig', 'checkTaskConfig', 'newTaskProperties', 'switchProviderProperties',
      'lintPayload', 'renderTemplate', 'setPayloadModel', 'parsePath', 'applyResponseMapping',
      'resolveSecret', 'redact', 'looksLikeKey', 'executeTask', 'listModels'
    ];

    expect(names.filter(name => !(name in runtime))).toEqual([]);
  });


  it('leaves the Node-only modules out', () => {
    expect([ 'createNodeSecretStore', 'parseProperties', 'readCatalystTasks' ].filter(name => name in runtime)).toEqual([]);
  });


  it('bundles for the browser without Node built-ins', async () => {

    // when
    const result = await build({
      absWorkingDir: root,
      entryPoints: [ 'runtime/index.ts' ],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent'
    });

    // then
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0].text).not.toMatch(/from\s*["']node:/);
  });

});
