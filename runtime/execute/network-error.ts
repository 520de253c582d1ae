import { messageOf } from '../errors';

// People read these messages in the panel, the CLI and incidents; the code stays in them
// so it can be searched for.
const PLAIN_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: no server listens at that address',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (no network or DNS)',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable'
};

/**
 * The useful part of a fetch failure. Node's fetch says only "fetch failed" and keeps the
 * reason in `cause`: a system code (`ECONNREFUSED`) or undici's words (`other side closed`).
 */
export function networkErrorDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;

  if (typeof cause?.code === 'string' && /^E[A-Z_]+$/.test(cause.code)) {
    const words = PLAIN_WORDS[cause.code];

    return words ? `${words}, ${cause.code}` : cause.code;
  }

  if (typeof cause?.message === 'string' && cause.message) {
    return cause.message;
  }

  return typeof cause?.code === 'string' ? cause.code : messageOf(error);
}
