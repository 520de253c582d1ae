import { judgeKeySend, urlHost, type TrustedPair } from '../../runtime/secrets/trust';
import type { TaskConfig } from '../../runtime/types';

import { BridgeRequestError, type UntrustedSend } from './bridge-error';
import type { BridgeContext } from './context';
import type { KeyDestination } from './protocol';

/**
 * Asks the user, outside the renderer, whether the key may go to the host: in the Modeler a
 * native dialog of the main process, in the playground a question on its terminal. `true`
 * only for an explicit yes. The renderer can ask for the question, never answer it.
 */
export type ConfirmKeySend = (question: UntrustedSend) => Promise<boolean>;

/** The pairs the user trusts beyond the catalog and loopback: host options, then approvals. */
export function userTrustedPairs(context: BridgeContext): TrustedPair[] {
  return [ ...context.trustedHosts, ...context.approvals.list() ];
}

/**
 * Where the task's key goes and what lets it, for the test call's key line: judged by the
 * same rules as a send, with the bridge's options apart from the approvals so that only an
 * approval is offered to be taken back. `null` when no key is sent or the URL has no host.
 */
export function keyDestination(context: BridgeContext, config: TaskConfig): KeyDestination | null {
  const host = urlHost(config.url);
  const byOptions = judgeKeySend(config, config.url, context.trustedHosts);
  const secret = byOptions.secret;

  if (host === null) {
    return null;
  }

  if (!byOptions.allowed) {
    return { host, secret, trust: judgeKeySend(config, config.url, context.approvals.list()).allowed ? 'approval' : 'untrusted' };
  }

  switch (byOptions.reason) {
  case 'no-key':
  case 'diagram-literal':
    return null;
  case 'user':
    return { host, secret, trust: 'option' };
  default:
    return { host, secret, trust: byOptions.reason };
  }
}

/** The refused pair for `url`, or `null` when the key may go there (or there is no key). */
export function untrustedSend(context: BridgeContext, config: TaskConfig, url: string, trusted: readonly TrustedPair[] = userTrustedPairs(context)): UntrustedSend | null {
  const verdict = judgeKeySend(config, url, trusted);

  if (verdict.allowed) {
    return null;
  }

  return { secret: verdict.secret, host: verdict.host, description: context.runtime.describeSecret(config, context.secrets).description };
}

/**
 * The one gate every route that sends a key passes before reading it: a host not trusted
 * for the task's secret is a `403 KEY_NOT_TRUSTED` naming both, and nothing is sent.
 */
export function requireTrustedSend(
    context: BridgeContext,
    config: TaskConfig,
    urls: ReadonlyArray<string | null>,
    trusted: readonly TrustedPair[] = userTrustedPairs(context)
): void {
  for (const url of urls) {
    const refused = url === null ? null : untrustedSend(context, config, url, trusted);

    if (refused) {
      throw new BridgeRequestError(403, 'KEY_NOT_TRUSTED', notSentMessage(refused), { trust: refused });
    }
  }
}

/** The refusal in words, as the dialog and the panel show it. */
export function notSentMessage(refused: UntrustedSend): string {
  return `Not sent: the key from ${refused.description} goes only to hosts you trusted for it, and ${refused.host} is not one of them. `
    + `Approve ${refused.host} for ${refused.secret} only if you know this host should have the key.`;
}
