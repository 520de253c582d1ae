import { describe, expect, it } from 'vitest';
import { errorInPayload, parseErrorBody } from '../../../runtime/execute';

describe('parseErrorBody', () => {
  it('reads OpenAI errors with type and code', () => {

    // given
    const body = JSON.stringify({ error: { message: 'You exceeded your current quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } });

    // then
    expect(parseErrorBody(429, 'application/json', body)).toEqual({
      message: 'You exceeded your current quota',
      type: 'insufficient_quota',
      code: 'insufficient_quota'
    });
  });

  it('reads vLLM flat errors', () => {

    // given
    const body = JSON.stringify({ object: 'error', message: 'The model `x` does not exist.', type: 'NotFoundError', param: null, code: 404 });

    // then
    expect(parseErrorBody(404, 'application/json', body)).toEqual({ message: 'The model `x` does not exist.', type: 'NotFoundError', code: '404' });
  });

  it('reads Ollama string errors', () => {
    expect(parseErrorBody(404, 'application/json', '{"error":"model \\"llama9\\" not found, try pulling it first"}'))
      .toEqual({ message: 'model "llama9" not found, try pulling it first' });
  });

  it('reads FastAPI validation details with their locations', () => {

    // given
    const body = JSON.stringify({ detail: [
      { loc: [ 'body', 'messages' ], msg: 'field required', type: 'value_error.missing' },
      { loc: [ 'body', 'temperature' ], msg: 'ensure this value is less than or equal to 2', type: 'value_error' }
    ] });

    // then
    expect(parseErrorBody(422, 'application/json', body).message)
      .toBe('body.messages: field required; body.temperature: ensure this value is less than or equal to 2');
  });

  it('names an HTML error page by its title without dumping the page', () => {

    // given
    const page = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><script>x()</script></body></html>';

    // when
    const info = parseErrorBody(502, 'text/html; charset=utf-8', page);

    // then
    expect(info.message).toBe('HTML error page: 502 Bad Gateway');
  });

  it('keeps a plain-text body to one line', () => {
    expect(parseErrorBody(500, 'text/plain', 'Internal\n  Server   Error\n').message).toBe('Internal Server Error');
  });

  it('says so when the body is empty', () => {
    expect(parseErrorBody(503, null, '').message).toBe('the provider sent HTTP 503 with an empty body');
  });

  it('reads OpenRouter errors naming the upstream provider', () => {

    // given
    const body = JSON.stringify({ error: { code: 502, message: 'Upstream error', metadata: { provider_name: 'Lambda' } } });

    // then
    expect(parseErrorBody(502, 'application/json', body)).toEqual({ message: 'Upstream error (upstream provider Lambda)', code: '502' });
  });
});

describe('errorInPayload', () => {
  it('finds nothing in a normal completion', () => {
    expect(errorInPayload({ choices: [ { message: { content: 'hi' } } ] })).toBeNull();
  });

  it('finds an error object inside a 200 body', () => {
    expect(errorInPayload({ error: { message: 'Rate limit exceeded', code: 429 } })).toEqual({ message: 'Rate limit exceeded', code: '429' });
  });
});

describe('parseErrorBody with problem details', () => {
  it('reads RFC 9457 problem details and their validation messages', () => {

    // given
    const body = JSON.stringify({
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      status: 422,
      detail: 'Your request is not valid',
      validation: [ { location: [ 'body', 'messages' ], severity: 'Error', code: 'type', message: 'Request body property messages must be array' } ]
    });

    // then
    expect(parseErrorBody(422, 'application/problem+json', body).message).toBe('Invalid request: Request body property messages must be array');
  });
});
