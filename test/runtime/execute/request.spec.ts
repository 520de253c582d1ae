import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../../runtime/execute';
import { TemplateError } from '../../../runtime/errors';
import { makeTask, SECRET } from './task';

const URL = 'https://api.groq.com/openai/v1/chat/completions';

describe('buildRequest', () => {
  it('renders the payload and adds bearer auth and JSON content type', () => {

    // when
    const request = buildRequest(makeTask(URL), { userMessage: 'Hello' }, SECRET);

    // then
    expect(request).toMatchObject({ url: URL, method: 'POST', stream: false });
    expect(request.headers).toMatchObject({ 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}` });
    expect(JSON.parse(request.body).messages[0].content).toBe('Hello');
  });

  it('writes a custom API-key header with its prefix', () => {

    // when
    const request = buildRequest(makeTask(URL, { authType: 'apiKeyHeader', authHeader: 'api-key', authPrefix: 'Key' }), { userMessage: 'x' }, SECRET);

    // then
    expect(request.headers['api-key']).toBe(`Key ${SECRET}`);
    expect(request.headers.Authorization).toBeUndefined();
  });

  it('sends no auth header for authType none', () => {

    // when
    const request = buildRequest(makeTask(URL, { authType: 'none' }), { userMessage: 'x' }, null);

    // then
    expect(Object.keys(request.headers).sort()).toEqual([ 'Accept', 'Content-Type' ]);
    expect(request.auth).toBeNull();
  });

  it('keeps the rendered body byte for byte when it does not force streaming', () => {

    // given
    const task = makeTask(URL, { payload: '{ "model":"m",\n  "messages": [{"role":"user","content":"${userMessage}"}] }' });

    // when
    const request = buildRequest(task, { userMessage: 'x' }, SECRET);

    // then
    expect(request.body).toBe('{ "model":"m",\n  "messages": [{"role":"user","content":"x"}] }');
  });

  it('forces "stream": true when asked', () => {

    // when
    const request = buildRequest(makeTask(URL), { userMessage: 'x' }, SECRET, { stream: true });

    // then
    expect(JSON.parse(request.body).stream).toBe(true);
    expect(request.stream).toBe(true);
    expect(request.headers.Accept).toBe('text/event-stream');
  });

  it('streams only for a top-level "stream": true', () => {

    // given
    const nested = makeTask(URL, { payload: '{"model": "m", "metadata": {"stream": true}, "messages": [{"role": "user", "content": "${userMessage}"}]}' });
    const top = makeTask(URL, { payload: '{"model": "m", "stream": true, "messages": [{"role": "user", "content": "${userMessage}"}]}' });

    // then
    expect(buildRequest(nested, { userMessage: '"stream": true' }, SECRET).stream).toBe(false);
    expect(buildRequest(top, { userMessage: 'x' }, SECRET).stream).toBe(true);
  });

  it('refuses a payload that is not a JSON object', () => {

    // then
    expect(() => buildRequest(makeTask(URL, { payload: '[1, 2]' }), {}, SECRET)).toThrow(TemplateError);
  });
});
