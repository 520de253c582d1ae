import { readTaskConfig, secretEnvName } from '../../runtime/config';
import type { TaskProperties } from '../../runtime/types';
import type { UntrustedSend } from '../bridge';

import type { Translate } from './translate';

/** Where an approval question stands, as the dialog and the panel show it. */
export type ApprovalState =
  | { state: 'offered' }
  | { state: 'asking' }
  | { state: 'refused' }
  | { state: 'failed'; message: string };

/**
 * The secret as the user knows it: the environment variable for an `env` secret
 * (`GROQ_API_KEY`), else the name the task gives (a properties key, a file name).
 */
export function secretLabel(refused: UntrustedSend, properties: TaskProperties): string {
  let source: string;

  try {
    source = readTaskConfig(properties).secretSource;
  } catch {
    return refused.secret;
  }

  return source === 'env' ? secretEnvName(refused.secret) : refused.secret;
}

/** Why nothing was sent, in words: which key, which host. */
export function notSentText(refused: UntrustedSend, translate: Translate): string {
  return translate('Not sent: the key from {description} goes only to hosts you trusted for it; {host} is not one of them.', {
    description: refused.description,
    host: refused.host
  });
}

/** The label of the button that asks the user (in the host, not the page) to trust the pair. */
export function askLabel(refused: UntrustedSend, secret: string, translate: Translate): string {
  return translate('Ask to trust {host} for {secret}…', { host: refused.host, secret });
}

/** What the offer says below its button, or `null` while only offered. */
export function approvalStatusText(approval: ApprovalState, refused: UntrustedSend, secret: string, translate: Translate): string | null {
  switch (approval.state) {
  case 'asking':
    return translate('Waiting for your answer in the Modeler\'s own window: send the key from {secret} to {host}?', { host: refused.host, secret });
  case 'refused':
    return translate('You did not trust {host} for {secret}: the key was not sent.', { host: refused.host, secret });
  case 'failed':
    return translate('Could not ask: {message}', { message: approval.message });
  default:
    return null;
  }
}
