import { describe, expect, it } from 'vitest';
import { readEventStream } from '../../../runtime/execute/stream';
import { chunk } from '../../support/fault-server';

/** A response whose body delivers the given SSE texts, advancing the fake clock 100 ms per read. */
function eventResponse(texts: string[], clock: { now: number }): Response {
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index === texts.length) {
        controller.close();

        return;
      }

      clock.now += 100;
      controller.enqueue(encoder.encode(texts[index++]));
    }
  });

  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const data = (value: unknown) => `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`;

describe('readEventStream', () => {
  it('computes time to first token and tokens per second from the usage', async () => {

    // given
    const clock = { now: 0 };
    const response = eventResponse([
      data(chunk({ content: 'a' })),
      data(chunk({ content: 'b' })),
      data(chunk({ content: 'c' }, 'stop', { usage: { completion_tokens: 30 } })),
      data('[DONE]')
    ], clock);

    // when
    const reading = await readEventStream(response, 0, { maxBytes: 1_000_000, now: () => clock.now });

    // then: first token at 100 ms, last at 300 ms, 30 tokens in 0.2 s
    expect(reading.stats).toEqual({ timeToFirstTokenMs: 100, tokensPerSecond: 150, chunks: 3 });
  });

  it('counts chunks for the rate when the stream sends no usage', async () => {

    // given
    const clock = { now: 0 };
    const response = eventResponse([
      data(chunk({ content: 'a' })),
      data(chunk({ content: 'b' })),
      data(chunk({ content: 'c' })),
      data(chunk({}, 'stop'))
    ], clock);

    // when
    const reading = await readEventStream(response, 0, { maxBytes: 1_000_000, now: () => clock.now });

    // then: 3 chunks in 0.2 s
    expect(reading.stats.tokensPerSecond).toBe(15);
    expect(reading.finished).toBe(true);
  });

  it('reassembles events split across reads', async () => {

    // given
    const event = data(chunk({ content: 'split across' }, 'stop'));
    const response = eventResponse([ event.slice(0, 25), event.slice(25), data('[DONE]') ], { now: 0 });

    // when
    const reading = await readEventStream(response, 0, { maxBytes: 1_000_000 });

    // then
    expect(JSON.parse(reading.body).choices[0].message.content).toBe('split across');
  });

  it('takes Groq usage reported under x_groq', async () => {

    // given
    const response = eventResponse([
      data(chunk({ content: 'hi' }, 'stop', { x_groq: { usage: { completion_tokens: 2 } } })),
      data('[DONE]')
    ], { now: 0 });

    // when
    const reading = await readEventStream(response, 0, { maxBytes: 1_000_000 });

    // then
    expect(JSON.parse(reading.body).usage).toEqual({ completion_tokens: 2 });
  });

  it('stops reading past the size cap', async () => {

    // given
    const response = eventResponse([ data(chunk({ content: 'x'.repeat(600) })), data(chunk({ content: 'x'.repeat(600) })) ], { now: 0 });

    // when
    const reading = await readEventStream(response, 0, { maxBytes: 1_000 });

    // then
    expect(reading.tooLarge).toBe(true);
  });
});
