import { createParser } from 'eventsource-parser';
import type { StreamStats } from '../types';
import { errorInPayload, type ProviderErrorInfo } from './error-body';
import { isRecord, tryParseJson } from './json';
import { readChunks } from './read-body';
import { ThinkSplitter, type TextPiece } from './think';

export interface StreamReading {

  /** An OpenAI-shaped chat.completion assembled from the chunks, as JSON text. */
  body: string;
  sizeBytes: number;
  tooLarge: boolean;

  /** `[DONE]` or a `finish_reason` arrived; otherwise the stream was cut short. */
  finished: boolean;

  /** An error event or a chunk carrying `error` (OpenRouter mid-stream). */
  error: ProviderErrorInfo | null;
  stats: StreamStats;
}

export interface StreamReadOptions {
  maxBytes: number;

  /** Labelled answer or reasoning text, as it arrives. */
  onPiece?: (piece: TextPiece) => void;

  /** Any bytes arrived (idle timeouts re-arm on it). */
  onActivity?: () => void;
  now?: () => number;
}

/**
 * Read a server-sent-events chat-completions stream and assemble the final body, so response
 * mapping works the same as for a plain answer.
 *
 * @param startedAt when the request was sent (for time to first token)
 */
export async function readEventStream(response: Response, startedAt: number, options: StreamReadOptions): Promise<StreamReading> {
  const now = options.now ?? (() => performance.now());
  const assembler = new StreamAssembler(piece => options.onPiece?.(piece), now);
  const parser = createParser({ onEvent: event => assembler.accept(event.data, event.event) });
  const decoder = new TextDecoder();

  const reading = await readChunks(response.body, options.maxBytes, chunk => {
    options.onActivity?.();
    parser.feed(decoder.decode(chunk, { stream: true }));

    return assembler.error !== null || assembler.done;
  });

  parser.feed(decoder.decode());
  assembler.end();

  return {
    body: JSON.stringify(assembler.toBody()),
    sizeBytes: reading.sizeBytes,
    tooLarge: reading.tooLarge,
    finished: assembler.done || assembler.finishReason !== null,
    error: assembler.error,
    stats: assembler.stats(startedAt)
  };
}

/** Collects chat.completion.chunk events into one answer. */
class StreamAssembler {
  done = false;
  finishReason: string | null = null;
  error: ProviderErrorInfo | null = null;

  private readonly splitter = new ThinkSplitter();
  private readonly toolCalls = new ToolCallAssembler();
  private fieldReasoning = '';
  private meta: Record<string, unknown> = {};
  private usage: Record<string, unknown> | null = null;
  private chunks = 0;
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;

  constructor(
      private readonly onPiece: (piece: TextPiece) => void,
      private readonly now: () => number
  ) {}

  accept(data: string, eventName?: string): void {
    if (data.trim() === '[DONE]') {
      this.done = true;

      return;
    }

    const json = tryParseJson(data);
    const error = errorInPayload(json) ?? (eventName === 'error' ? { message: data.trim() || 'the stream sent an error event' } : null);

    if (error) {
      this.error = error;

      return;
    }

    if (!isRecord(json)) {
      return;
    }

    this.remember(json);

    const choice = Array.isArray(json.choices) && isRecord(json.choices[0]) ? json.choices[0] : null;
    const delta = choice && (isRecord(choice.delta) ? choice.delta : isRecord(choice.message) ? choice.message : null);

    if (delta) {
      const reasoning = [ delta.reasoning, delta.reasoning_content ].find(value => typeof value === 'string' && value);

      if (typeof reasoning === 'string') {
        this.fieldReasoning += reasoning;
        this.deliver([ { text: reasoning, reasoning: true } ]);
      }

      if (typeof delta.content === 'string' && delta.content) {
        this.deliver(this.splitter.push(delta.content));
      }

      if (Array.isArray(delta.tool_calls)) {
        this.toolCalls.accept(delta.tool_calls);
      }
    }

    if (choice && typeof choice.finish_reason === 'string') {
      this.finishReason = choice.finish_reason;

      if (choice.finish_reason === 'error') {
        this.error = { message: 'the provider ended the stream with finish_reason "error"' };
      }
    }
  }

  end(): void {
    this.deliver(this.splitter.flush());
  }

  stats(startedAt: number): StreamStats {
    const completionTokens = Number(this.usage?.completion_tokens);
    const generationMs = this.firstTokenAt !== null && this.lastTokenAt !== null ? this.lastTokenAt - this.firstTokenAt : 0;
    const produced = Number.isFinite(completionTokens) && completionTokens > 0 ? completionTokens : this.chunks;

    return {
      timeToFirstTokenMs: this.firstTokenAt === null ? null : Math.round(this.firstTokenAt - startedAt),
      tokensPerSecond: generationMs > 0 && produced > 0 ? Math.round(produced / generationMs * 10_000) / 10 : null,
      chunks: this.chunks
    };
  }

  toBody(): Record<string, unknown> {
    const reasoning = [ this.fieldReasoning, this.splitter.reasoning.trim() ].filter(Boolean).join('\n');
    const toolCalls = this.toolCalls.assembled();

    // A non-streamed answer that only calls tools has `content: null`; so does this one.
    const message: Record<string, unknown> = { role: 'assistant', content: toolCalls.length && !this.splitter.answer ? null : this.splitter.answer };

    if (toolCalls.length) {
      message.tool_calls = toolCalls;
    }

    if (reasoning) {
      message.reasoning = reasoning;
    }

    return {
      ...this.meta,
      object: 'chat.completion',
      choices: [ { index: 0, message, finish_reason: this.finishReason } ],
      ...(this.usage ? { usage: this.usage } : {})
    };
  }

  private remember(json: Record<string, unknown>): void {
    for (const key of [ 'id', 'created', 'model', 'system_fingerprint' ]) {
      if (json[key] !== undefined && this.meta[key] === undefined) {
        this.meta[key] = json[key];
      }
    }

    // Groq reports stream usage under `x_groq`; OpenAI and most others at the top level.
    const usage = isRecord(json.usage) ? json.usage : isRecord(json.x_groq) && isRecord(json.x_groq.usage) ? json.x_groq.usage : null;

    if (usage) {
      this.usage = usage;
    }
  }

  private deliver(pieces: TextPiece[]): void {
    if (!pieces.length) {
      return;
    }

    const at = this.now();

    this.firstTokenAt ??= at;
    this.lastTokenAt = at;
    this.chunks++;

    for (const piece of pieces) {
      this.onPiece(piece);
    }
  }
}

/**
 * Builds `tool_calls` from their stream deltas: the first delta of a call carries its
 * `index`, `id`, `type` and `function.name`, the following ones pieces of
 * `function.arguments` to append. The result has the shape a non-streamed answer has.
 */
class ToolCallAssembler {
  private readonly calls = new Map<number, { id?: string; type: string; name: string; arguments: string }>();

  accept(deltas: unknown[]): void {
    deltas.forEach((delta, position) => {
      if (!isRecord(delta)) {
        return;
      }

      // Some servers leave `index` out when they send each call whole.
      const index = typeof delta.index === 'number' ? delta.index : this.calls.size + position;
      let call = this.calls.get(index);

      if (!call) {
        call = { type: 'function', name: '', arguments: '' };
        this.calls.set(index, call);
      }

      if (typeof delta.id === 'string' && delta.id) {
        call.id = delta.id;
      }

      if (typeof delta.type === 'string' && delta.type) {
        call.type = delta.type;
      }

      const fn = isRecord(delta.function) ? delta.function : null;

      if (fn && typeof fn.name === 'string') {
        call.name += fn.name;
      }

      if (fn && typeof fn.arguments === 'string') {
        call.arguments += fn.arguments;
      } else if (fn && isRecord(fn.arguments)) {
        call.arguments += JSON.stringify(fn.arguments);
      }
    });
  }

  assembled(): Array<Record<string, unknown>> {
    return [ ...this.calls.entries() ]
      .sort(([ a ], [ b ]) => a - b)
      .map(([ , call ]) => ({
        ...(call.id === undefined ? {} : { id: call.id }),
        type: call.type,
        function: { name: call.name, arguments: call.arguments }
      }));
  }
}
