/**
 * Reads response bodies under a size cap, chunk by chunk, so an oversized answer is refused
 * after `maxBytes` instead of being buffered whole.
 */

export interface BodyReading {
  sizeBytes: number;
  tooLarge: boolean;
}

/**
 * Pass each chunk of `body` to `onChunk` until the body ends, passes `maxBytes`, or `onChunk`
 * returns `true` (the reader has seen enough). Stops early by cancelling the body.
 */
export async function readChunks(
    body: ReadableStream<Uint8Array> | null,
    maxBytes: number,
    onChunk: (chunk: Uint8Array) => boolean | void
): Promise<BodyReading> {
  if (!body) {
    return { sizeBytes: 0, tooLarge: false };
  }

  const reader = body.getReader();
  let sizeBytes = 0;

  for (;;) {
    const { done, value } = await reader.read();

    if (done) {
      return { sizeBytes, tooLarge: false };
    }

    sizeBytes += value.byteLength;

    if (sizeBytes > maxBytes) {
      await cancelQuietly(reader);

      return { sizeBytes, tooLarge: true };
    }

    if (onChunk(value) === true) {
      await cancelQuietly(reader);

      return { sizeBytes, tooLarge: false };
    }
  }
}

/**
 * Read a whole body as UTF-8 text, up to `maxBytes`.
 *
 * @param headers the response's headers as a record with lower-case names, when the caller
 *   has built one already (saves searching `response.headers` again)
 */
export async function readText(response: Response, maxBytes: number, headers?: Readonly<Record<string, string>>): Promise<BodyReading & { text: string }> {
  const contentLength = headers ? headers['content-length'] : response.headers.get('content-length');
  const declared = Number(contentLength);

  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);

    return { text: '', sizeBytes: declared, tooLarge: true };
  }

  const contentEncoding = (headers ? headers['content-encoding'] : response.headers.get('content-encoding')) ?? '';

  // A declared length within the cap bounds the body already (fetch refuses a body longer
  // than its Content-Length), and the built-in reader is faster than reading chunk by chunk.
  if (contentLength !== undefined && contentLength !== null && !/gzip|br|deflate|zstd/i.test(contentEncoding)) {
    const text = await response.text();

    return { text, sizeBytes: declared, tooLarge: false };
  }

  const chunks: Uint8Array[] = [];
  const reading = await readChunks(response.body, maxBytes, chunk => {
    chunks.push(chunk);
  });

  if (reading.tooLarge) {
    return { ...reading, text: '' };
  }

  return { ...reading, text: decodeUtf8(chunks, reading.sizeBytes) };
}

function decodeUtf8(chunks: Uint8Array[], sizeBytes: number): string {
  if (chunks.length === 1) {
    return new TextDecoder().decode(chunks[0]);
  }

  const all = new Uint8Array(sizeBytes);
  let offset = 0;

  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }

  return new TextDecoder().decode(all);
}

async function cancelQuietly(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {

  // The connection is being dropped on purpose; an error while cancelling changes nothing.
  await reader.cancel().catch(() => undefined);
}
