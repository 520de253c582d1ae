import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';

import { startPlayground, type PlaygroundServer } from '../../playground/server.mjs';
import { ROOT_DIR, ensurePluginBuilt } from '../support/playground';

describe('playground/server.mjs', () => {

  let playground: PlaygroundServer;

  beforeAll(async () => {
    await ensurePluginBuilt();
    playground = await startPlayground({ bridge: false });
  });

  afterAll(async () => {
    await playground.close();
  });

  const get = (urlPath: string, init?: RequestInit) => fetch(new URL(urlPath, playground.url), init);


  it('should listen on 127.0.0.1 only', () => {

    // then
    expect(playground.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });


  it('should describe the plugin from its manifest', async () => {

    // when
    const config = await (await get('/api/playground')).json();

    // then
    expect(config.plugins).toEqual([ {
      name: 'Catalyst',
      script: '/plugins/catalyst/client/dist/client.js',
      style: '/plugins/catalyst/style/catalyst.css'
    } ]);
    expect(config.defaultDiagram).toBe('/diagrams/examples/catalyst-example.bpmn');
  });


  it('should serve the manifest\'s script', async () => {

    // when
    const response = await get('/plugins/catalyst/client/dist/client.js');

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
  });


  it.each([
    '/plugins/catalyst/package.json',
    '/plugins/catalyst/runtime/errors.ts',
    '/plugins/catalyst/client/dist/..%2F..%2Fpackage.json',
    '/diagrams/examples/..%2F..%2Fpackage.json',
    '/diagrams/nowhere/catalyst-example.bpmn'
  ])('should not serve %s', async urlPath => {

    // when
    const response = await get(urlPath);

    // then
    expect(response.status).toBe(404);
  });


  it('should serve a diagram handed in with addDiagram', async () => {

    // given
    const url = playground.addDiagram('generated.bpmn', '<definitions/>');

    // when
    const response = await get(url);
    const config = await (await get('/api/playground')).json();

    // then
    expect(await response.text()).toBe('<definitions/>');
    expect(config.diagrams).toContainEqual({ name: 'generated.bpmn', url });
  });


  it('should serve the element templates as one list', async () => {

    // when
    const templates = await (await get('/api/element-templates')).json();

    // then
    expect(templates.map((template: { id: string }) => template.id)).toContain('io.catalyst.connector.groq');
  });


  it('should refuse to change anything', async () => {

    // when
    const response = await get('/api/element-templates', { method: 'POST', body: '[]' });

    // then
    expect(response.status).toBe(405);
  });


  it('should print its URL when started from the command line', async () => {

    // given
    const server = spawn(process.execPath, [ path.join(ROOT_DIR, 'playground/server.mjs') ], {
      env: { ...process.env, PORT: '0' }
    });

    try {

      // when
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stdout.on('data', chunk => {
          output += chunk;
          const match = /Catalyst playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
          if (match) {
            resolve(match[1]);
          }
        });
        server.on('exit', code => reject(new Error(`server exited (${ code }): ${ output }`)));
      });

      // then
      expect((await fetch(url)).status).toBe(200);
    } finally {
      server.kill();
    }
  });

});
