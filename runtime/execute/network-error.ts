import { messageOf } from '../errors';

/**
 * The useful part of a fetch failure. Node's fetch says only "fetch failed" and keeps the
 * reason in `cause`: a system code (`ECONNREFUSED`) or undici's words (`other side closed`).
 */
export function networkErrorDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;

  if (typeof cause?.code === 'string' && /^E[A-Z]+$/.test(cause.code)) {
    return cause.code;
  }

  if (typeof cause?.message === 'string' && cause.message) {
    return cause.message;
  }

  return typeof cause?.code === 'string' ? cause.code : messageOf(error);
}
