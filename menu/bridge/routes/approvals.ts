import { trustedPairProblem, type TrustedPair } from '../../../runtime/secrets/trust';

import { BridgeRequestError } from '../bridge-error';
import type { BridgeContext } from '../context';
import { optionalString } from '../fields';
import { untrustedSend } from '../key-trust';
import { readConfig, requireKnownProvider } from '../task-config';

import { taskPropertiesOf } from './models';

export interface ApprovalAnswer {
  approved: boolean;
  secret: string;
  host: string | null;

  /** `true` when nothing had to be asked: the pair was trusted already. */
  alreadyTrusted: boolean;
}

/**
 * `POST /approvals`: asks the user, in the host (the Modeler's main process shows a native
 * dialog), whether the task's key may go to the task's host. The renderer names the task;
 * the bridge works out the pair itself and only the user's answer in the host approves it.
 */
export async function handleApprovalRequest(context: BridgeContext, body: Record<string, unknown>): Promise<ApprovalAnswer> {
  const { runtime } = context;
  const config = readConfig(runtime, taskPropertiesOf(body));
  const provider = requireKnownProvider(runtime, config.provider);

  // the chat URL and the models URL derived from it: both must be covered by one answer
  const refused = untrustedSend(context, config, config.url) ?? untrustedSend(context, config, runtime.modelsUrl(provider, config.url) ?? config.url);

  if (!refused) {
    return { approved: true, secret: config.secretName, host: null, alreadyTrusted: true };
  }

  // a name that would not read back as itself from the approvals file is never asked about
  const problem = trustedPairProblem({ secret: refused.secret, host: refused.host });

  if (problem) {
    throw new BridgeRequestError(422, 'APPROVAL_INVALID', `Not sent, and cannot be approved: ${problem}.`, { trust: refused });
  }

  if (!context.confirmKeySend) {
    const where = context.approvals.file ? `add the line ${refused.secret}=${refused.host} to ${context.approvals.file}` : 'this host has no approvals file';

    throw new BridgeRequestError(501, 'APPROVAL_UNAVAILABLE', `This host cannot ask you about sending a key; ${where}.`, { trust: refused });
  }

  if (context.asking) {
    throw new BridgeRequestError(409, 'APPROVAL_PENDING', 'A question about sending a key is already open; answer it first.', { trust: refused });
  }

  context.asking = true;

  let approved: boolean;

  try {
    approved = (await context.confirmKeySend(refused)) === true;
  } catch (error) {
    context.onInternalError?.(error);
    approved = false;
  } finally {
    context.asking = false;
  }

  if (approved) {
    context.approvals.add({ secret: refused.secret, host: refused.host });
  }

  return { approved, secret: refused.secret, host: refused.host, alreadyTrusted: false };
}

/** `GET /approvals`: the pairs approved so far and where they are kept (host names, no keys). */
export function handleApprovalList(context: BridgeContext): { approvals: TrustedPair[]; file: string | null } {
  return { approvals: context.approvals.list(), file: context.approvals.file };
}

/**
 * `POST /approvals/revoke`: takes an approval back. The renderer may do this on its own:
 * revoking only ever sends fewer keys.
 */
export function handleApprovalRevoke(context: BridgeContext, body: Record<string, unknown>): { revoked: boolean } {
  const secret = optionalString(body, 'secret');
  const host = optionalString(body, 'host');

  if (!secret || !host) {
    throw new BridgeRequestError(400, 'BODY_INVALID', 'give the secret and the host of the approval to revoke', { field: secret ? 'host' : 'secret' });
  }

  return { revoked: context.approvals.remove({ secret, host: host.toLowerCase() }) };
}
