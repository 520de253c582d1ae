import { describe, expect, it } from 'vitest';

import { CatalystError } from '../../../runtime/errors';
import { CATALOG_TRUSTED_PAIRS, formatTrustedPair, isLoopbackHost, judgeKeySend, parseTrustedPairs, sameSecret, trustedPairProblem, urlHost } from '../../../runtime/secrets/trust';

const groq = { authType: 'bearerToken' as const, secretSource: 'env' as const, secretName: 'groq_api_key' };

describe('the trust rule for keys (runtime/secrets/trust.ts)', () => {

  describe('judgeKeySend', () => {

    it('lets the catalog pair through: groq_api_key to api.groq.com', () => {

      // when
      const verdict = judgeKeySend(groq, 'https://api.groq.com/openai/v1/chat/completions');

      // then
      expect(verdict).toMatchObject({ allowed: true, reason: 'catalog', host: 'api.groq.com' });
    });

    it('refuses the catalog secret to another host, naming both', () => {

      // when
      const verdict = judgeKeySend(groq, 'https://attacker.example/v1/chat/completions');

      // then
      expect(verdict).toEqual({
        allowed: false,
        secret: 'groq_api_key',
        host: 'attacker.example',
        message: 'the key from groq_api_key is not sent to attacker.example: that host is not trusted for this secret'
      });
    });

    it('refuses another secret to a catalog host (aws_secret_access_key to api.groq.com)', () => {

      // when
      const verdict = judgeKeySend({ ...groq, secretName: 'aws_secret_access_key' }, 'https://api.groq.com/openai/v1/chat/completions');

      // then
      expect(verdict.allowed).toBe(false);
    });

    it.each([ 'http://localhost:11434/v1', 'http://127.0.0.1:8000/v1', 'http://127.8.9.10/v1', 'http://[::1]:1234/v1' ])('lets any key go to loopback written as such: %s', url => {

      // then
      expect(judgeKeySend(groq, url)).toMatchObject({ allowed: true, reason: 'loopback' });
    });

    it.each([ 'http://localhost.attacker.example/v1', 'http://127.0.0.1.nip.io/v1', 'http://0.0.0.0/v1' ])('judges the name as written, not what it resolves to: %s is not loopback', url => {

      // then
      expect(judgeKeySend(groq, url).allowed).toBe(false);
    });

    it('lets a pair the user trusts through, and only that pair', () => {

      // given
      const trusted = [ { secret: 'groq_api_key', host: 'proxy.example.com' } ];

      // then
      expect(judgeKeySend(groq, 'https://proxy.example.com:8443/v1', trusted)).toMatchObject({ allowed: true, reason: 'user' });
      expect(judgeKeySend(groq, 'https://other.example.com/v1', trusted).allowed).toBe(false);
      expect(judgeKeySend({ ...groq, secretName: 'openai_api_key' }, 'https://proxy.example.com/v1', trusted).allowed).toBe(false);
    });

    it('compares secret names as the environment variable they read (GROQ_API_KEY = groq_api_key)', () => {

      // then
      expect(judgeKeySend({ ...groq, secretName: 'GROQ_API_KEY' }, 'https://api.groq.com/openai/v1').allowed).toBe(true);
      expect(sameSecret('${apiKey}', '${APIKEY}')).toBe(false);
    });

    it('needs no trust when no key is sent or the "key" is a literal written in the diagram', () => {

      // then
      expect(judgeKeySend({ ...groq, authType: 'none' }, 'https://attacker.example/v1')).toMatchObject({ allowed: true, reason: 'no-key' });
      expect(judgeKeySend({ ...groq, secretSource: 'variable', secretName: 'ollama' }, 'https://attacker.example/v1')).toMatchObject({ allowed: true, reason: 'diagram-literal' });
    });

    it('judges a process-variable key (${apiKey}) like any other key', () => {

      // then
      expect(judgeKeySend({ ...groq, secretSource: 'variable', secretName: '${apiKey}' }, 'https://attacker.example/v1').allowed).toBe(false);
    });

    it('refuses a URL without an http(s) host', () => {

      // then
      expect(judgeKeySend(groq, 'ftp://api.groq.com/x')).toMatchObject({ allowed: false, host: 'ftp://api.groq.com/x' });
    });
  });

  it('names each remote catalog provider with its own default secret', () => {

    // then
    expect(CATALOG_TRUSTED_PAIRS).toContainEqual({ secret: 'groq_api_key', host: 'api.groq.com' });
    expect(CATALOG_TRUSTED_PAIRS).toContainEqual({ secret: 'openai_api_key', host: 'api.openai.com' });
    expect(CATALOG_TRUSTED_PAIRS.some(pair => isLoopbackHost(pair.host))).toBe(false);
  });

  it('reads host names lower-cased without port, IPv6 in brackets', () => {

    // then
    expect([ urlHost('HTTPS://API.Example.COM:8443/v1'), urlHost('http://[::1]:80/'), urlHost('not a url') ]).toEqual([ 'api.example.com', '[::1]', null ]);
  });

  describe('parseTrustedPairs (--trust, CATALYST_TRUST, the approvals file)', () => {

    it('reads comma- and line-separated pairs, a host with port or as a URL, and skips comments', () => {

      // when
      const pairs = parseTrustedPairs('# mine\ngroq_api_key=api.example.com:443, openai_api_key=https://proxy.example/v1\n', 'approvals');

      // then
      expect(pairs).toEqual([ { secret: 'groq_api_key', host: 'api.example.com' }, { secret: 'openai_api_key', host: 'proxy.example' } ]);
    });

    it('never writes a pair that would read back as two (a host or secret holding "," or "=")', () => {

      // given: hosts URLs allow, and a file name a diagram may give
      const hostile = [
        { secret: 'groq_api_key', host: 'a.example,openai_api_key=evil.example' },
        { secret: 'x=evil.example,groq_api_key', host: 'attacker.example' }
      ];

      // then
      for (const pair of hostile) {
        expect(trustedPairProblem(pair)).toMatch(/cannot be trusted/);
        expect(() => formatTrustedPair(pair)).toThrow(CatalystError);
      }

      expect(formatTrustedPair({ secret: 'groq_api_key', host: '[::1]' })).toBe('groq_api_key=[::1]');
    });

    it('names the entry and where it is when it is not secret=host', () => {

      // when
      const parse = () => parseTrustedPairs('groq_api_key', 'CATALYST_TRUST');

      // then
      expect(parse).toThrow(CatalystError);
      expect(parse).toThrow('CATALYST_TRUST: "groq_api_key" is not secret_name=host (e.g. groq_api_key=api.example.com)');
    });
  });
});
