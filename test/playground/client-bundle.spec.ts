/**
 * The plugin bundle built by webpack.config.js uses the Modeler's own Preact and properties
 * panel (through camunda-modeler-plugin-helpers) and carries no second copy of them. The
 * source maps list every module the bundle and its lazily loaded chunks contain, so the
 * checks read them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { ROOT_DIR, ensurePluginBuilt } from '../support/playground';

/** Libraries the Modeler provides; bundling them would give the plugin a second copy. */
const HOST_LIBRARIES = [
  'node_modules/preact/',
  'node_modules/react/',
  'node_modules/react-dom/',
  'node_modules/@bpmn-io/properties-panel/',
  'node_modules/bpmn-js-properties-panel/',
  'node_modules/bpmn-js/',
  'node_modules/diagram-js/'
];

describe('client/dist/client.js', () => {

  let sources: string[];
  let bundle: string;

  beforeAll(async () => {
    await ensurePluginBuilt();

    // client.js and the chunks it loads when first needed (the payload editor)
    const maps = readdirSync(path.join(ROOT_DIR, 'client/dist')).filter(name => name.endsWith('.js.map'));
    sources = maps.flatMap(name => JSON.parse(readFileSync(path.join(ROOT_DIR, 'client/dist', name), 'utf8')).sources)
      .map((source: string) => source.replace(/^webpack:\/\/[^/]*\//, ''));
    bundle = readFileSync(path.join(ROOT_DIR, 'client/dist/client.js'), 'utf8');
  });


  it('should contain none of the host libraries', () => {

    // then
    expect(sources.filter(source => HOST_LIBRARIES.some(library => source.includes(library)))).toEqual([]);
  });


  it('should reach Preact and the properties panel through the helpers\' vendor globals', () => {

    // then
    expect(sources.filter(source => source.includes('camunda-modeler-plugin-helpers/vendor/'))).not.toEqual([]);
    expect(bundle).toContain('window.vendor');
  });


  it('should bundle CodeMirror once (the host does not provide it)', () => {

    // when
    const codemirror = sources.filter(source => source.includes('@codemirror/'));
    const copies = new Set(codemirror.map(source => source.slice(0, source.indexOf('@codemirror/'))));

    // then
    expect(codemirror).not.toEqual([]);
    expect([ ...copies ]).toEqual([ './node_modules/' ]);
  });


  it('should load the payload editor (CodeMirror) when first needed, not with the plugin', () => {

    // when
    const main = JSON.parse(readFileSync(path.join(ROOT_DIR, 'client/dist/client.js.map'), 'utf8')).sources as string[];

    // then
    expect(main.filter(source => source.includes('@codemirror/'))).toEqual([]);
    expect(sources.filter(source => source.includes('@codemirror/'))).not.toEqual([]);
  });


  it('should leave the JSON Schema check (Ajv) to Node: no validator code in the page', () => {

    // then
    expect(sources.filter(source => source.includes('node_modules/ajv/'))).toEqual([]);
    expect(sources.some(source => source.endsWith('runtime/structured/schema-check.page.ts'))).toBe(true);
  });


  it('should leave the style to the manifest (the Modeler loads style/catalyst.css itself)', () => {

    // then
    expect(sources.filter(source => source.endsWith('.css'))).toEqual([]);
  });


  it('should register the plugin for Camunda 7 diagrams', () => {

    // then
    expect(bundle).toContain('bpmn.platform.modeler.additionalModules');
  });

});
