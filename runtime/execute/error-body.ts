/**
 * Understands error bodies across providers (design §5.6): OpenAI `{error:{message,type,code}}`,
 * vLLM's flat `{object:"error",message}`, Ollama `{error:"..."}`, FastAPI 422 `{detail:[...]}`,
 * OpenRouter errors inside a 200 body or a stream chunk, and HTML error pages.
 */

import { isRecord, tryParseJson } from './json';

export interface ProviderErrorInfo {

  /** One line, for people; never HTML. */
  message: string;
  type?: string;

  /** The provider's code as text (`insufficient_quota`, `429`, ...). */
  code?: string;
}

const MAX_MESSAGE_CHARS = 500;

/**
 * Describe an error response.
 *
 * @param status HTTP status of the response
 * @param contentType its `Content-Type`, if any
 * @param body the body text
 */
export function parseErrorBody(status: number, contentType: string | null | undefined, body: string): ProviderErrorInfo {
  const text = body.trim();

  if (!text) {
    return { message: `the provider sent HTTP ${status} with an empty body` };
  }

  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body)/i.test(text)) {
    return { message: describeHtmlPage(text) };
  }

  const json = tryParseJson(text);

  if (json === undefined) {
    return { message: oneLine(text) };
  }

  return errorInPayload(json) ?? { message: genericMessage(json) ?? oneLine(text) };
}

/**
 * Find an error inside a JSON payload that may otherwise look like success: a 200 body or a
 * stream chunk (OpenRouter puts provider failures there).
 *
 * @returns the error, or `null` when the payload carries none
 */
export function errorInPayload(json: unknown): ProviderErrorInfo | null {
  if (Array.isArray(json)) {
    return json.length ? errorInPayload(json[0]) : null;
  }

  if (!isRecord(json)) {
    return null;
  }

  const { error } = json;

  if (typeof error === 'string' && error.trim()) {
    return { message: oneLine(error) };
  }

  if (isRecord(error)) {
    return describeErrorObject(error);
  }

  if (json.object === 'error' && typeof json.message === 'string') {
    return describeErrorObject(json);
  }

  if (typeof json.title === 'string' && typeof json.detail === 'string') {
    return { message: describeProblem(json) };
  }

  if (json.detail !== undefined && json.choices === undefined) {
    return { message: describeDetail(json.detail) };
  }

  return null;
}

function describeErrorObject(error: Record<string, unknown>): ProviderErrorInfo {
  const metadata = isRecord(error.metadata) ? error.metadata : {};
  const provider = typeof metadata.provider_name === 'string' ? ` (upstream provider ${metadata.provider_name})` : '';
  const message = typeof error.message === 'string' && error.message.trim()
    ? error.message
    : 'the provider reported an error without a message';

  return withoutUndefined({
    message: oneLine(message + provider),
    type: scalarText(error.type),
    code: scalarText(error.code)
  });
}

/** RFC 9457 problem details (`application/problem+json`), with Prism's `validation` list. */
function describeProblem(problem: Record<string, unknown>): string {
  const validation = Array.isArray(problem.validation)
    ? problem.validation
      .filter(isRecord)
      .map(item => (typeof item.message === 'string' ? item.message : ''))
      .filter(Boolean)
    : [];

  const detail = validation.length ? validation.join('; ') : problem.detail;

  return oneLine(detail === problem.title ? String(detail) : `${problem.title}: ${detail}`);
}

/** FastAPI validation errors: `[{ loc: ["body", "messages"], msg: "field required" }]`. */
function describeDetail(detail: unknown): string {
  if (typeof detail === 'string') {
    return oneLine(detail);
  }

  if (Array.isArray(detail)) {
    const parts = detail.map(item => {
      if (!isRecord(item)) {
        return String(item);
      }

      const where = Array.isArray(item.loc) ? item.loc.join('.') : '';
      const what = typeof item.msg === 'string' ? item.msg : JSON.stringify(item);

      return where ? `${where}: ${what}` : what;
    });

    return oneLine(parts.join('; ') || 'validation failed');
  }

  return oneLine(JSON.stringify(detail));
}

function describeHtmlPage(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]
    ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const text = title && decodeEntities(title.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

  return text ? `HTML error page: ${oneLine(text)}` : 'an HTML error page without a title';
}

function genericMessage(json: unknown): string | undefined {
  if (isRecord(json) && typeof json.message === 'string' && json.message.trim()) {
    return oneLine(json.message);
  }

  return undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, '\'')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();

  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}

function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function withoutUndefined(info: ProviderErrorInfo): ProviderErrorInfo {
  const result: ProviderErrorInfo = { message: info.message };

  if (info.type !== undefined) {
    result.type = info.type;
  }

  if (info.code !== undefined) {
    result.code = info.code;
  }

  return result;
}
