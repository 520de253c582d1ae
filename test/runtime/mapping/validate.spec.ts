import { describe, expect, it } from 'vitest';

import { checkErrorMapping, checkResponseMapping } from '../../../runtime/mapping';

describe('mapping/validate', () => {

  describe('checkResponseMapping', () => {

    it('accepts the seeds\' default mapping', () => {

      // given
      const text = JSON.stringify({
        aiReply: 'choices[0].message.content',
        modelUsed: 'model',
        promptTokens: 'usage.prompt_tokens',
        completionTokens: 'usage.completion_tokens',
        finishReason: 'choices[0].finish_reason'
      });

      // then
      expect(checkResponseMapping(text)).toEqual([]);
    });

    it('accepts an empty object', () => {

      // then
      expect(checkResponseMapping('{}')).toEqual([]);
    });

    it.each([
      [ '', 'empty' ],
      [ '{"a": ', 'not valid JSON' ],
      [ '["a"]', 'not an array' ],
      [ 'null', 'not null' ],
      [ '"x"', 'not a string' ]
    ])('rejects %j as a whole (%s)', (text, expected) => {

      // when
      const problems = checkResponseMapping(text);

      // then
      expect(problems).toHaveLength(1);
      expect(problems[0].key).toBeUndefined();
      expect(problems[0].message).toContain(expected);
    });

    it('names the entry whose path is invalid and where', () => {

      // when
      const problems = checkResponseMapping('{"aiReply": "choices[0].message..content", "ok": "model"}');

      // then
      expect(problems).toEqual([ { key: 'aiReply', message: expect.stringMatching(/aiReply.*position 20/) } ]);
    });

    it('names an entry whose path is not a string', () => {

      // when
      const problems = checkResponseMapping('{"tokens": 5}');

      // then
      expect(problems).toEqual([ { key: 'tokens', message: expect.stringContaining('must be a string') } ]);
    });

    it('rejects variable names a template could not use', () => {

      // when
      const problems = checkResponseMapping('{"ai reply": "model"}');

      // then
      expect(problems).toEqual([ { key: 'ai reply', message: expect.stringContaining('`ai reply`') } ]);
    });

    it('rejects mapping onto a standard variable every call overwrites', () => {

      // when
      const problems = checkResponseMapping('{"catalyst_statusCode": "model"}');

      // then
      expect(problems[0]).toMatchObject({ key: 'catalyst_statusCode', message: expect.stringContaining('standard variable') });
    });
  });

  describe('checkErrorMapping', () => {

    it('accepts the default mapping', () => {

      // then
      expect(checkErrorMapping('{"429":"RATE_LIMITED","401":"AUTH_FAILED","400":"INVALID_REQUEST"}')).toEqual([]);
    });

    it.each([ '200', '399', '600', '4xx', ' 429', 'abc' ])('rejects status %j naming it', (status) => {

      // when
      const problems = checkErrorMapping(JSON.stringify({ [status]: 'SOME_ERROR' }));

      // then
      expect(problems).toEqual([ { key: status, message: expect.stringContaining(`\`${status}\``) } ]);
    });

    it.each([
      [ '', 'empty' ],
      [ '   ', 'empty' ],
      [ 'RATE LIMITED', 'spaces' ],
      [ 5, 'must be a string' ]
    ])('rejects BPMN error code %j (%s)', (code, expected) => {

      // when
      const problems = checkErrorMapping(JSON.stringify({ 429: code }));

      // then
      expect(problems).toEqual([ { key: '429', message: expect.stringContaining(expected) } ]);
    });

    it('reports every problem, not only the first', () => {

      // when
      const problems = checkErrorMapping('{"200": "OK", "500": "", "503": "SERVICE_DOWN"}');

      // then
      expect(problems.map((problem) => problem.key)).toEqual([ '200', '500' ]);
    });

    it('rejects a text that is not a JSON object', () => {

      // then
      expect(checkErrorMapping('[429]')[0].message).toContain('error mapping must be a JSON object');
    });
  });
});
