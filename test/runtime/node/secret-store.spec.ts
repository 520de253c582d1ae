import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SecretError } from '../../../runtime/errors';
import { createNodeSecretStore } from '../../../runtime/node/secret-store';
import { resolveSecret } from '../../../runtime/secrets';

describe('runtime/node createNodeSecretStore', () => {

  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalyst-secrets-'));
    await mkdir(path.join(dir, 'secrets'));
    await writeFile(path.join(dir, 'secrets', 'groq_api_key'), '  gsk_from_file\n');
    await writeFile(path.join(dir, 'catalyst.properties'), '# keys\ngroq_api_key = gsk_from_properties  \n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });


  it('reads the upper-cased environment variable', async () => {
    const store = createNodeSecretStore({ env: { GROQ_API_KEY: 'gsk_env' } });

    expect(await store.read('env', 'groq_api_key')).toBe('gsk_env');
  });


  it('reads and trims a secret file from the given directory', async () => {
    const store = createNodeSecretStore({ env: {}, secretsDir: path.join(dir, 'secrets') });

    expect(await store.read('file', 'groq_api_key')).toBe('gsk_from_file');
  });


  it('takes the directory from CATALYST_SECRETS_DIR', async () => {
    const store = createNodeSecretStore({ env: { CATALYST_SECRETS_DIR: path.join(dir, 'secrets') } });

    expect(store.locate('file', 'groq_api_key').description).toBe(`file ${path.join(dir, 'secrets', 'groq_api_key')}`);
  });


  it('defaults to /run/secrets and ./catalyst-secrets.properties', () => {

    // given
    const store = createNodeSecretStore({ env: {}, cwd: '/srv/app' });

    // then
    expect(store.locate('file', 'k').description).toBe('file /run/secrets/k');
    expect(store.locate('properties', 'k').description).toBe('key k in properties file /srv/app/catalyst-secrets.properties');
  });


  it('reads a key from the properties file named by CATALYST_SECRETS_FILE', async () => {
    const store = createNodeSecretStore({ env: { CATALYST_SECRETS_FILE: path.join(dir, 'catalyst.properties') } });

    expect(await store.read('properties', 'groq_api_key')).toBe('gsk_from_properties');
  });


  it('reports a missing secret file with its full path', async () => {

    // given
    const store = createNodeSecretStore({ env: {}, secretsDir: path.join(dir, 'secrets') });

    // when
    const attempt = resolveSecret({ authType: 'bearerToken', secretSource: 'file', secretName: 'fireworks_api_key' }, store, {});

    // then
    await expect(attempt).rejects.toThrow(`file ${path.join(dir, 'secrets', 'fireworks_api_key')} not found`);
  });


  it('reports a missing key in an existing properties file', async () => {
    const store = createNodeSecretStore({ env: {}, secretsFile: path.join(dir, 'catalyst.properties') });

    const attempt = resolveSecret({ authType: 'bearerToken', secretSource: 'properties', secretName: 'other' }, store, {});

    await expect(attempt).rejects.toThrow(`key other in properties file ${path.join(dir, 'catalyst.properties')} not found`);
  });


  it('reports a missing properties file as such', async () => {
    const store = createNodeSecretStore({ env: {}, secretsFile: path.join(dir, 'nope.properties') });

    await expect(store.read('properties', 'k')).rejects.toThrow(`properties file ${path.join(dir, 'nope.properties')} not found (looking for key k)`);
  });


  it('refuses a secret name that walks out of the directory', async () => {
    const store = createNodeSecretStore({ env: {}, secretsDir: path.join(dir, 'secrets') });

    await expect(store.read('file', '../catalyst.properties')).rejects.toThrow(SecretError);
  });


  it('reports a secret path that is a directory as unreadable', async () => {
    const store = createNodeSecretStore({ env: {}, secretsDir: dir });

    await expect(store.read('file', 'secrets')).rejects.toThrow(`file ${path.join(dir, 'secrets')} cannot be read (EISDIR)`);
  });

});
