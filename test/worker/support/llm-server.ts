/**
 * A loopback chat-completions server for worker tests: answers each request with what
 * the test's reply function returns, and records requests (headers and parsed body).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LlmRequest {
  headers: IncomingHttpHeaders;
  body: any;
}

export interface LlmReply {
  status?: number;
  headers?: Record<string, string>;

  /** JSON-serialized unless a string. */
  body?: unknown;

  /** Wait this long before answering (a slow model). */
  delayMs?: number;
}

export interface LlmServer {

  /** The chat-completions URL. */
  url: string;
  requests: LlmRequest[];
  close(): Promise<void>;
}

/** A chat-completions answer whose message content is `content`. */
export function chatAnswer(content: string): unknown {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'test-model',
    choices: [ { index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' } ],
    usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 }
  };
}

/** Starts the server on 127.0.0.1 at a free port. */
export async function startLlmServer(reply: (request: LlmRequest) => LlmReply = () => ({ body: chatAnswer('hello') })): Promise<LlmServer> {
  const requests: LlmRequest[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];

    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded = { headers: request.headers, body: text ? JSON.parse(text) : null };
      requests.push(recorded);

      const { status = 200, headers = {}, body = chatAnswer('hello'), delayMs = 0 } = reply(recorded);
      const answer = () => {
        if (response.destroyed) {
          return;
        }

        response.writeHead(status, { 'Content-Type': 'application/json', ...headers })
          .end(typeof body === 'string' ? body : JSON.stringify(body));
      };

      delayMs ? setTimeout(answer, delayMs) : answer();
    });
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    requests,
    close() {
      server.closeAllConnections();

      return new Promise(resolve => server.close(() => resolve()));
    }
  };
}
