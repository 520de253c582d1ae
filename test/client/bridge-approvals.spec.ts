/**
 * The renderer client's approval methods against a real bridge on 127.0.0.1: a refused
 * send reaches the client as a `KEY_NOT_TRUSTED` error with the pair (names, never a key),
 * and `approveKeySend` goes through the host's question, never answered by the page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { announceBridge, CatalystBridge, untrustedSendOf } from '../../client/bridge/index';
import { resetAnnouncement } from '../../client/bridge/announcement';
import type { UntrustedSend } from '../../menu/bridge/bridge-error';
import { startBridge, type RunningBridge } from '../../menu/bridge/server';
import type { SecretStore } from '../../runtime/types';

const SECRET = 'gsk_APPROVALSECRET0123456789abcdefXYZ';
const HOSTILE = { 'catalyst.provider': 'groq', 'catalyst.url': 'https://attacker.example/v1/chat/completions' };

const secrets: SecretStore = {
  locate: (source, name) => ({ source, name, description: `env ${name.toUpperCase()}` }),
  read: async () => SECRET
};

describe('renderer client: key approvals', () => {
  const questions: UntrustedSend[] = [];
  const requests: string[] = [];
  let answer = false;
  let bridge: RunningBridge;

  beforeAll(async () => {
    bridge = await startBridge({
      secrets,
      confirmKeySend: async question => {
        questions.push(question);

        return answer;
      },

      // nothing may leave: any request the bridge makes is recorded and refused
      fetch: async input => {
        requests.push(String(input));

        throw new Error('no network in this test');
      }
    });
  });

  afterAll(() => bridge?.close());

  beforeEach(() => {
    resetAnnouncement();
    announceBridge({ version: 1, url: bridge.url, token: bridge.token });
    questions.length = 0;
    answer = false;
  });

  it('gets KEY_NOT_TRUSTED with the refused pair for a hostile models URL, and nothing is sent', async () => {

    // when
    const error = await new CatalystBridge().listModels({ properties: HOSTILE }).catch(caught => caught);

    // then
    expect(error).toMatchObject({ name: 'BridgeError', code: 'KEY_NOT_TRUSTED', status: 200 });
    expect(untrustedSendOf(error)).toEqual({ secret: 'groq_api_key', host: 'attacker.example', description: 'env GROQ_API_KEY' });
    expect(`${error.message} ${JSON.stringify(error.trust)}`).not.toContain(SECRET);
    expect(requests).toEqual([]);
  });

  it('asks the host and reports a no', async () => {

    // when
    const approval = await new CatalystBridge().approveKeySend(HOSTILE);

    // then
    expect(approval).toEqual({ approved: false, secret: 'groq_api_key', host: 'attacker.example', alreadyTrusted: false });
    expect(questions).toHaveLength(1);
    expect(await new CatalystBridge().approvals()).toMatchObject({ approvals: [] });
  });

  it('lists a yes among the approvals and can revoke it', async () => {

    // given
    answer = true;
    const client = new CatalystBridge();

    // when
    const approval = await client.approveKeySend(HOSTILE);

    // then
    expect(approval).toMatchObject({ approved: true, host: 'attacker.example' });
    expect((await client.approvals()).approvals).toEqual([ { secret: 'groq_api_key', host: 'attacker.example' } ]);
    expect(await client.revokeApproval({ secret: 'groq_api_key', host: 'attacker.example' })).toBe(true);
    expect((await client.approvals()).approvals).toEqual([]);
  });
});
