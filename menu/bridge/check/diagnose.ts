import type { TaskConfig } from '../../../runtime/types';

import { authHeaders } from '../../../runtime/execute/index';
import { isChatShape, isErrorShape, isModelsShape, jsonOf, looksLikeHtml, probe, type ProbeOutcome } from './probe';
import type { ConnectionCheck, ConnectionProblem } from '../protocol';
import { hasVersionSegment } from './url-shape';

export interface DiagnoseOptions {
  config: TaskConfig;
  apiKey: string | null;

  /** Where the key came from, for sentences such as "the key from env GROQ_API_KEY". */
  keyDescription: string;
  modelsUrl: string | null;

  /** Model to name in the chat probe; servers check the key before the model. */
  model: string;
  fetch: typeof fetch;
  timeoutMs: number;

  /** The provider's own error text, parsed the way the runtime parses it. */
  errorMessage: (status: number, contentType: string, text: string) => string;
}

/**
 * Asks the server the cheapest questions that tell a working connection from the usual
 * mistakes: `GET /models` with the key, then (no models endpoint, or a 404 there) a chat
 * request with an empty `messages` list, which a server rejects with 400 after checking
 * the key, so no tokens are spent.
 */
export async function diagnoseConnection(options: DiagnoseOptions): Promise<ConnectionCheck> {
  const headers = authHeaders(options.config, options.apiKey);
  const carriesKey = Object.keys(headers).length > 0;

  if (options.modelsUrl) {
    const outcome = await probe(options.fetch, options.modelsUrl, { method: 'GET', headers }, options.timeoutMs, carriesKey);
    const verdict = judgeModels(options, options.modelsUrl, outcome);

    if (verdict) {
      return verdict;
    }
  }

  const chatUrl = options.config.url;
  const outcome = await probe(options.fetch, chatUrl, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: options.model, messages: [] })
  }, options.timeoutMs, carriesKey);

  return judgeChat(options, chatUrl, outcome);
}

type Answer = Extract<ProbeOutcome, { kind: 'answer' }>;

/** A verdict from `GET /models`, or `null` when only the chat probe can tell (a 404). */
function judgeModels(options: DiagnoseOptions, url: string, outcome: ProbeOutcome): ConnectionCheck | null {
  return judge(options, url, outcome, answer => {
    const { status, contentType, text } = answer;

    if (status === 404) {
      return null;
    }

    if (status >= 200 && status < 300) {
      return isModelsShape(jsonOf(text))
        ? ok(url, status, `Connected: ${new URL(url).host} answered and accepted ${keyPhrase(options)}.`)
        : notCompatible(url, status, contentType, text);
    }

    return serverError(options, url, answer);
  });
}

function judgeChat(options: DiagnoseOptions, url: string, outcome: ProbeOutcome): ConnectionCheck {
  const accepted = `Connected: ${new URL(url).host} answered the chat endpoint and accepted ${keyPhrase(options)}.`;

  return judge(options, url, outcome, answer => {
    const { status, contentType, text } = answer;
    const json = jsonOf(text);

    if (status >= 200 && status < 300) {
      return isChatShape(json) ? ok(url, status, accepted) : notCompatible(url, status, contentType, text);
    }

    // the empty `messages` was refused for what it is: the key got through
    if ((status === 400 || status === 422) && isErrorShape(json)) {
      return ok(url, status, accepted);
    }

    // "model not found" is the API talking (the path exists); any other 404 is a wrong path
    if (status === 404 && isErrorShape(json) && /model/i.test(text)) {
      return ok(url, status, accepted);
    }

    if (status === 404 || status === 405) {
      return hasVersionSegment(new URL(url).pathname)
        ? fail('NOT_OPENAI_COMPATIBLE', url, status, `${url} does not exist on this server (HTTP ${status}); check the base URL in the provider's documentation.`)
        : fail('URL_MISSING_V1', url, status, `${url} does not exist (HTTP ${status}) and has no /v1 in it; OpenAI-compatible servers usually serve /v1/chat/completions.`);
    }

    return serverError(options, url, answer);
  })!;
}

/** What both probes judge alike (no answer, a rejected key, an HTML page), then the probe's own rules. */
function judge(options: DiagnoseOptions, url: string, outcome: ProbeOutcome, rules: (answer: Answer) => ConnectionCheck | null): ConnectionCheck | null {
  if (outcome.kind === 'unreachable') {
    return unreachable(url, outcome.reason);
  }

  if (outcome.kind === 'redirect-refused') {
    return fail('REDIRECT_REFUSED', url, outcome.status, `${new URL(url).host} answered ${outcome.message}.`);
  }

  return judgeCommon(options, url, outcome) ?? rules(outcome);
}

/** Answers that mean the same at either probe: a rejected key, an HTML page. */
function judgeCommon(options: DiagnoseOptions, url: string, outcome: Answer): ConnectionCheck | null {
  const { status, contentType, text } = outcome;

  if (status === 401 || status === 403) {
    const reason = options.errorMessage(status, contentType, text);

    return fail('KEY_REJECTED', url, status, options.apiKey
      ? `The server rejected ${keyPhrase(options)} (HTTP ${status}: ${reason}).`
      : `The server wants a key (HTTP ${status}: ${reason}), but the task sends none (auth type "none").`);
  }

  if (status < 500 && looksLikeHtml(contentType, text)) {
    return notCompatible(url, status, contentType, text);
  }

  return null;
}

function keyPhrase(options: DiagnoseOptions): string {
  return options.apiKey ? `the key from ${options.keyDescription}` : 'the request without a key';
}

function ok(url: string, statusCode: number, message: string): ConnectionCheck {
  return { ok: true, problem: null, message, url, statusCode };
}

function fail(problem: ConnectionProblem, url: string, statusCode: number | null, message: string): ConnectionCheck {
  return { ok: false, problem, message, url, statusCode };
}

function unreachable(url: string, reason: string): ConnectionCheck {
  return fail('UNREACHABLE', url, null, `Cannot reach ${new URL(url).host}: ${reason}.`);
}

function notCompatible(url: string, status: number, contentType: string, text: string): ConnectionCheck {
  const what = looksLikeHtml(contentType, text) ? 'a web page (HTML)' : contentType ? `an unexpected ${contentType.split(';')[0]} answer` : 'an unexpected answer';

  return fail('NOT_OPENAI_COMPATIBLE', url, status,
    `${new URL(url).host} answered with ${what}, not the OpenAI API's JSON (HTTP ${status}); is this the API's URL rather than a website's?`);
}

function serverError(options: DiagnoseOptions, url: string, outcome: Answer): ConnectionCheck {
  const { status, contentType, text } = outcome;

  return fail('SERVER_ERROR', url, status, `${new URL(url).host} answered HTTP ${status}: ${options.errorMessage(status, contentType, text)}.`);
}
