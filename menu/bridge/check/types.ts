/** What is wrong with a connection, in one word for code and one sentence for people. */
export type ConnectionProblem =
  | 'NO_KEY'
  | 'KEY_REJECTED'
  | 'URL_INVALID'
  | 'URL_MISSING_V1'
  | 'URL_DOUBLED_PATH'
  | 'URL_NOT_CHAT'
  | 'UNREACHABLE'
  | 'NOT_OPENAI_COMPATIBLE'
  | 'REDIRECT_REFUSED'
  | 'KEY_NOT_TRUSTED'
  | 'SERVER_ERROR';

export interface ConnectionCheck {
  ok: boolean;
  problem: ConnectionProblem | null;
  message: string;

  /** The URL the verdict is about (the models or chat URL that was asked). */
  url: string;
  statusCode: number | null;
}
