import { describe, expect, it } from 'vitest';

import { checkTaskConfig, newTaskProperties, readTaskConfig, resolveTaskConfig } from '../../../runtime/config';
import { ConfigError } from '../../../runtime/errors';

const groq = { 'catalyst.provider': 'groq' };

function readWith(props: Record<string, string>) {
  return () => readTaskConfig({ ...groq, ...props });
}

describe('runtime/config readTaskConfig', () => {

  describe('defaults', () => {

    it('fills every absent property from the provider and design §2', () => {

      // when
      const config = readTaskConfig(groq);

      // then
      expect(config).toMatchObject({
        version: 1,
        provider: 'groq',
        url: 'https://api.groq.com/openai/v1/chat/completions',
        authType: 'bearerToken',
        authHeader: 'Authorization',
        authPrefix: 'Bearer',
        secretSource: 'env',
        secretName: 'groq_api_key',
        errorMapping: { '429': 'RATE_LIMITED', '401': 'AUTH_FAILED', '400': 'INVALID_REQUEST' },
        timeout: 'PT60S',
        timeoutMs: 60_000,
        retries: 3
      });
      expect(Object.keys(config.responseMapping)).toEqual([ 'aiReply', 'modelUsed', 'promptTokens', 'completionTokens', 'finishReason' ]);
      expect(config.payload).toContain('"llama-3.3-70b-versatile"');
    });


    it('takes the provider\'s auth and secret defaults as one set for properties left out', () => {

      // given a hand-written Ollama task that names only its provider
      const config = readTaskConfig({ 'catalyst.provider': 'ollama' });

      // then the catalog's set applies (design §2): no key, never an environment variable OLLAMA
      expect([ config.authType, config.secretSource, config.secretName ]).toEqual([ 'none', 'variable', 'ollama' ]);
    });


    it('gives a task that chose another auth type the contract\'s values for that type, not the provider\'s', () => {

      // given an Ollama task that asks for a bearer token but writes no header or prefix
      const config = readTaskConfig({ 'catalyst.provider': 'ollama', 'catalyst.authType': 'bearerToken' });

      // then
      expect([ config.authHeader, config.authPrefix ]).toEqual([ 'Authorization', 'Bearer' ]);
    });


    it('gives an API-key header no prefix when none is written', () => {
      const config = readTaskConfig({ ...groq, 'catalyst.authType': 'apiKeyHeader', 'catalyst.authHeader': 'x-api-key' });

      expect([ config.authHeader, config.authPrefix ]).toEqual([ 'x-api-key', '' ]);
    });


    it('reads what newTaskProperties writes back to the same configuration as the defaults', () => {
      expect(readTaskConfig(newTaskProperties('together'))).toEqual(readTaskConfig({ 'catalyst.provider': 'together' }));
    });


    it('ignores properties it does not know', () => {
      expect(readTaskConfig({ ...groq, 'catalyst.future': 'x', other: 'y' }).provider).toBe('groq');
    });

  });


  describe('provider', () => {

    it('rejects an unknown provider, listing the known ids', () => {
      expect(() => readTaskConfig({ 'catalyst.provider': 'grok' }))
        .toThrow(/^catalyst\.provider: unknown provider "grok"; known providers: openai-compatible, groq/);
    });


    it('rejects a task without a provider', () => {
      expect(() => readTaskConfig({})).toThrow(/^catalyst\.provider: no provider given; known providers:/);
    });


    it('throws ConfigError carrying the property', () => {

      // when
      let thrown: unknown;

      try {
        readTaskConfig({ 'catalyst.provider': 'nope' });
      } catch (error) {
        thrown = error;
      }

      // then
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).property).toBe('catalyst.provider');
      expect((thrown as ConfigError).name).toBe('ConfigError');
    });

  });


  describe('url', () => {

    it('keeps a valid http URL', () => {
      expect(readTaskConfig({ ...groq, 'catalyst.url': ' http://127.0.0.1:9/v1/chat/completions ' }).url)
        .toBe('http://127.0.0.1:9/v1/chat/completions');
    });


    it('rejects a URL that is not http(s)', () => {
      expect(readWith({ 'catalyst.url': 'ftp://host/v1' })).toThrow('catalyst.url: "ftp://host/v1" must start with http:// or https://, not ftp://');
    });


    it('rejects an unparsable URL with an example of a good one', () => {
      expect(readWith({ 'catalyst.url': 'api.groq.com/openai' }))
        .toThrow('catalyst.url: "api.groq.com/openai" is not a valid URL; write the full endpoint URL, e.g. https://api.groq.com/openai/v1/chat/completions');
    });


    it('rejects an empty URL', () => {
      expect(readWith({ 'catalyst.url': '  ' })).toThrow(/^catalyst\.url: is empty/);
    });

  });


  describe('auth and secret', () => {

    it('rejects an auth type outside the enum', () => {
      expect(readWith({ 'catalyst.authType': 'basic' }))
        .toThrow('catalyst.authType: "basic" is not allowed; use one of bearerToken, apiKeyHeader, none');
    });


    it('rejects a secret source outside the enum', () => {
      expect(readWith({ 'catalyst.secretSource': 'vault' }))
        .toThrow('catalyst.secretSource: "vault" is not allowed; use one of env, file, properties, variable');
    });


    it('rejects a header name with a space', () => {
      expect(readWith({ 'catalyst.authHeader': 'X Api Key' })).toThrow('catalyst.authHeader: "X Api Key" is not a valid HTTP header name');
    });


    it('rejects a file secret name that is a path', () => {
      expect(readWith({ 'catalyst.secretSource': 'file', 'catalyst.secretName': '../etc/passwd' }))
        .toThrow(/^catalyst\.secretName: "\.\.\/etc\/passwd" must be a file name/);
    });


    it('rejects a malformed process-variable reference', () => {
      expect(readWith({ 'catalyst.secretSource': 'variable', 'catalyst.secretName': '${api key}' }))
        .toThrow(/^catalyst\.secretName: "\$\{api key\}" is not a process-variable reference/);
    });


    it('rejects an empty secret name when a key is sent', () => {
      expect(readWith({ 'catalyst.secretName': '' })).toThrow(/^catalyst\.secretName: is empty/);
    });


    it.each([ 'env', 'file', 'properties' ])('rejects a key pasted as the %s secret name, without repeating it', source => {

      // given a real-looking Groq key where the name of the secret belongs
      const key = 'gsk_4f9Qw2LmZx8Rt6Yp1Bn3Vc7Hs5Kd0Jq';

      // when
      const read = readWith({ 'catalyst.provider': 'groq', 'catalyst.secretSource': source, 'catalyst.secretName': key });

      // then
      expect(read).toThrow(/^catalyst\.secretName: looks like a real API key, not the name of a secret; .* e\.g\. groq_api_key$/);
      expect(read).not.toThrow(new RegExp(key, 'i'));
    });


    it.each([ 'groq_api_key_prod_2', 'fw_api_key_production_2024', 'fw_key_prod_2024_primary', 'hf_token_for_production_1', 'SK-TEAM-KEY-FOR-PRODUCTION-2' ])('keeps the secret name %s', name => {
      expect(readTaskConfig({ 'catalyst.provider': 'groq', 'catalyst.secretName': name }).secretName).toBe(name);
    });


    it('rejects a pasted 64-hex-digit Together key as a secret name', () => {
      expect(readWith({ 'catalyst.provider': 'together', 'catalyst.secretName': 'a3f9'.repeat(16) })).toThrow(/^catalyst\.secretName: looks like a real API key/);
    });

  });


  describe('mappings', () => {

    it('reads a response mapping', () => {
      expect(readTaskConfig({ ...groq, 'catalyst.responseMapping': '{"answer": "choices[0].message.content"}' }).responseMapping)
        .toEqual({ answer: 'choices[0].message.content' });
    });


    it('says where a response mapping stops being JSON', () => {
      expect(readWith({ 'catalyst.responseMapping': '{\n  "answer": choices\n}' }))
        .toThrow('catalyst.responseMapping: is not valid JSON (unexpected `choices`; text values need double quotes at line 2, column 13)');
    });


    it('rejects a response mapping that is an array', () => {
      expect(readWith({ 'catalyst.responseMapping': '["model"]' }))
        .toThrow('catalyst.responseMapping: must be a JSON object like {"name": "value"}, not an array');
    });


    it('rejects a response mapping path that does not parse', () => {
      expect(readWith({ 'catalyst.responseMapping': '{"answer": "choices[0"}' }))
        .toThrow(/^catalyst\.responseMapping: the path of "answer" is invalid: /);
    });


    it('rejects an error mapping value that is not a string', () => {
      expect(readWith({ 'catalyst.errorMapping': '{"429": 1}' }))
        .toThrow('catalyst.errorMapping: the value of "429" must be a string, not a number');
    });


    it('rejects an error mapping key that is not an HTTP status', () => {
      expect(readWith({ 'catalyst.errorMapping': '{"rate": "RATE_LIMITED"}' }))
        .toThrow('catalyst.errorMapping: key "rate" is not an HTTP status code (100 to 599)');
    });


    it('rejects an error mapping with an empty BPMN error code', () => {
      expect(readWith({ 'catalyst.errorMapping': '{"500": " "}' })).toThrow('catalyst.errorMapping: the BPMN error code for 500 is empty');
    });

  });


  describe('timeout, retries, version', () => {

    it.each([
      [ 'PT60S', 60_000 ],
      [ 'PT1M30S', 90_000 ],
      [ 'PT0.5S', 500 ],
      [ 'P0DT1H', 3_600_000 ]
    ])('reads timeout %s as %d ms', (timeout, ms) => {
      expect(readTaskConfig({ ...groq, 'catalyst.timeout': timeout }).timeoutMs).toBe(ms);
    });


    it.each([ '60', 'PT', '-PT5S', 'P1Y', '' ])('rejects timeout "%s"', timeout => {
      expect(readWith({ 'catalyst.timeout': timeout })).toThrow(/^catalyst\.timeout: ".*" is not an ISO-8601 duration; write it like PT60S/);
    });


    it('rejects a zero timeout', () => {
      expect(readWith({ 'catalyst.timeout': 'PT0S' })).toThrow('catalyst.timeout: "PT0S" must be longer than zero');
    });


    it.each([ '0', '10', ' 2 ' ])('accepts retries "%s"', retries => {
      expect(readTaskConfig({ ...groq, 'catalyst.retries': retries }).retries).toBe(Number(retries));
    });


    it.each([ '11', '-1', '2.5', 'three', '' ])('rejects retries "%s"', retries => {
      expect(readWith({ 'catalyst.retries': retries })).toThrow(`catalyst.retries: "${retries}" must be a whole number from 0 to 10`);
    });


    it('rejects a contract version other than 1', () => {
      expect(readWith({ 'catalyst.version': '2' }))
        .toThrow('catalyst.version: version "2" is not supported; this runtime reads version 1');
    });

  });

});


describe('runtime/config checkTaskConfig', () => {

  it('returns nothing for a good task', () => {
    expect(checkTaskConfig(newTaskProperties('fireworks'))).toEqual([]);
  });


  it('returns every problem, each with its property', () => {

    // given
    const props = {
      'catalyst.provider': 'grok',
      'catalyst.url': 'nope',
      'catalyst.timeout': '60',
      'catalyst.retries': '99'
    };

    // when
    const problems = checkTaskConfig(props);

    // then
    expect(problems.map(problem => problem.property)).toEqual([
      'catalyst.provider', 'catalyst.url', 'catalyst.timeout', 'catalyst.retries'
    ]);
    expect(problems[3].message).toBe('"99" must be a whole number from 0 to 10');
  });

});

describe('runtime/config resolveTaskConfig', () => {

  it('gives the catalog defaults of absent properties beside unusable ones', () => {

    // given
    const props = { 'catalyst.provider': 'ollama', 'catalyst.timeout': 'soon' };

    // when
    const resolved = resolveTaskConfig(props);

    // then
    expect(resolved).toMatchObject({ url: 'http://localhost:11434/v1/chat/completions', authType: 'none', secretSource: 'variable' });
    expect(resolved.timeout).toBeUndefined();
  });

  it('keeps a present but empty URL out, as the error checkTaskConfig reports', () => {

    // when
    const resolved = resolveTaskConfig({ ...groq, 'catalyst.url': '' });

    // then
    expect(resolved.url).toBeUndefined();
    expect(checkTaskConfig({ ...groq, 'catalyst.url': '' })).toEqual([ expect.objectContaining({ property: 'catalyst.url' }) ]);
  });
});
