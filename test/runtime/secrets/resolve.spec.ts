import { describe, expect, it } from 'vitest';

import { SecretError } from '../../../runtime/errors';
import { describeSecret, resolveSecret } from '../../../runtime/secrets';
import type { SecretLocation, SecretSource, SecretStore } from '../../../runtime/types';

type Stored = Exclude<SecretSource, 'variable'>;

function memoryStore(values: Partial<Record<Stored, Record<string, string>>>): SecretStore {
  return {
    locate: (source, name): SecretLocation => ({
      source,
      name,
      description: { env: `environment variable ${name.toUpperCase()}`, file: `file /run/secrets/${name}`, properties: `key ${name} in properties file /x.properties` }[source]
    }),
    read: async (source, name) => values[source]?.[name]
  };
}

const bearer = { authType: 'bearerToken' as const };

describe('runtime/secrets resolveSecret', () => {

  it('reads the key from the store for env, file and properties', async () => {

    // given
    const store = memoryStore({ env: { groq_api_key: 'gsk_env' }, file: { groq_api_key: 'gsk_file' }, properties: { groq_api_key: 'gsk_props' } });

    // when
    const values = await Promise.all((<Stored[]>[ 'env', 'file', 'properties' ]).map(source =>
      resolveSecret({ ...bearer, secretSource: source, secretName: 'groq_api_key' }, store, {})
    ));

    // then
    expect(values.map(each => each.value)).toEqual([ 'gsk_env', 'gsk_file', 'gsk_props' ]);
  });


  it('says exactly where it looked for a missing environment variable', async () => {
    const attempt = resolveSecret({ ...bearer, secretSource: 'env', secretName: 'groq_api_key' }, memoryStore({}), {});

    await expect(attempt).rejects.toThrow(SecretError);
    await expect(attempt).rejects.toThrow(/^environment variable GROQ_API_KEY is not set$/);
  });


  it('says which file was not found', async () => {
    const attempt = resolveSecret({ ...bearer, secretSource: 'file', secretName: 'groq_api_key' }, memoryStore({}), {});

    await expect(attempt).rejects.toThrow(/^file \/run\/secrets\/groq_api_key not found$/);
  });


  it('reports an empty secret as empty, not as missing', async () => {
    const attempt = resolveSecret({ ...bearer, secretSource: 'env', secretName: 'k' }, memoryStore({ env: { k: '  ' } }), {});

    await expect(attempt).rejects.toThrow(/^environment variable K is empty$/);
  });


  it('reads a ${var} secret from the process variables', async () => {
    const result = await resolveSecret({ ...bearer, secretSource: 'variable', secretName: '${apiKey}' }, memoryStore({}), { apiKey: 'sk-live' });

    expect(result).toEqual({ value: 'sk-live' });
  });


  it('names the process variable that is not set', async () => {
    const attempt = resolveSecret({ ...bearer, secretSource: 'variable', secretName: '${apiKey}' }, memoryStore({}), {});

    await expect(attempt).rejects.toThrow(/^process variable apiKey is not set$/);
  });


  it('uses a variable-source literal as the key (development)', async () => {
    const result = await resolveSecret({ ...bearer, secretSource: 'variable', secretName: 'ollama' }, memoryStore({}), {});

    expect(result.value).toBe('ollama');
  });


  it('sends no key for auth type none, without looking it up', async () => {
    const result = await resolveSecret({ authType: 'none', secretSource: 'env', secretName: 'missing' }, memoryStore({}), {});

    expect(result.value).toBeNull();
  });


  it('never puts the value in its error', async () => {

    // given a variable holding a non-string key
    const variables = { apiKey: { secret: 'gsk_very_secret_value' } };

    // when
    const attempt = resolveSecret({ ...bearer, secretSource: 'variable', secretName: '${apiKey}' }, memoryStore({}), variables);

    // then
    await expect(attempt).rejects.toThrow('process variable apiKey must hold a string, not a object');
    await expect(attempt).rejects.not.toThrow(/gsk_very_secret_value/);
  });

});


describe('runtime/secrets describeSecret', () => {

  it('describes a stored secret with the store\'s location', () => {
    expect(describeSecret({ secretSource: 'env', secretName: 'groq_api_key' }, memoryStore({})).description)
      .toBe('environment variable GROQ_API_KEY');
  });


  it('describes a literal without showing it', () => {
    const location = describeSecret({ secretSource: 'variable', secretName: 'gsk_abc' }, memoryStore({}));

    expect(location.description).toBe('literal value in the BPMN (development only)');
  });

});
