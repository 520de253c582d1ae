import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';

import { createZip, listPluginFiles, packagePlugin, ROOT_DIR } from '../../scripts/package.mjs';
import { readZip } from './read-zip';
import { NOT_SHIPPED, SHIPPED, createPluginCheckout } from './plugin-fixture';

describe('scripts/package.mjs', () => {

  let checkout: string;

  afterEach(() => {
    rmSync(checkout, { recursive: true, force: true });
  });


  it('should zip only what the Modeler loads, under catalyst/', () => {

    // given
    checkout = createPluginCheckout();

    // when
    const { out } = packagePlugin({ rootDir: checkout });
    const names = readZip(readFileSync(out)).map(entry => entry.name);

    // then
    expect(names).toEqual(SHIPPED.map(file => `catalyst/${ file }`));
    expect(names.filter(name => NOT_SHIPPED.some(file => name.endsWith(file)))).toEqual([]);
  });


  it('should name the zip after the package version', () => {

    // given
    checkout = createPluginCheckout();

    // when
    const { out } = packagePlugin({ rootDir: checkout });

    // then
    expect(path.relative(checkout, out)).toBe('dist/catalyst-modeler-plugin-9.8.7.zip');
  });


  it('should keep every file byte for byte', () => {

    // given
    checkout = createPluginCheckout();

    // when
    const { out } = packagePlugin({ rootDir: checkout });
    const entries = readZip(readFileSync(out));

    // then
    for (const entry of entries) {
      const file = path.join(checkout, entry.name.slice('catalyst/'.length));
      expect(entry.data.equals(readFileSync(file)), entry.name).toBe(true);
    }
  });


  it('should refuse to package before the client bundle is built', () => {

    // given
    checkout = createPluginCheckout();
    unlinkSync(path.join(checkout, 'client/dist/client.js'));

    // then
    expect(() => packagePlugin({ rootDir: checkout })).toThrow(/script \.\/client\/dist\/client\.js does not exist .*npm run build/);
  });

});

describe('createZip', () => {

  it('should store data that does not compress and deflate data that does', () => {

    // given
    const random = Buffer.from(Array.from({ length: 64 }, (_, index) => (index * 151 + 7) % 256));
    const repetitive = Buffer.from('catalyst '.repeat(200));

    // when
    const entries = readZip(createZip([
      { name: 'random.bin', data: random },
      { name: 'text.txt', data: repetitive },
      { name: 'ünïcode/empty.txt', data: Buffer.alloc(0) }
    ]));

    // then
    expect(entries.map(({ name, method }) => [ name, method ])).toEqual([
      [ 'random.bin', 0 ], [ 'text.txt', 8 ], [ 'ünïcode/empty.txt', 0 ]
    ]);
    expect(entries[1].data.toString()).toBe(repetitive.toString());
  });


  it('should give the same bytes for the same files', () => {

    // given
    const files = [ { name: 'a.txt', data: Buffer.from('a') } ];

    // then
    expect(createZip(files).equals(createZip(files))).toBe(true);
  });

});


describe('scripts/package.mjs on this repository', () => {

  it('should ship the repository\'s MIT LICENSE with the plugin', () => {

    // when
    const files = listPluginFiles(ROOT_DIR);

    // then
    expect(files).toContain('LICENSE');
    expect(readFileSync(path.join(ROOT_DIR, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

});
