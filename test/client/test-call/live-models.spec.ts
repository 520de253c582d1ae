import { describe, expect, it } from 'vitest';

import { BridgeError } from '../../../client/bridge/index';
import LiveModels from '../../../client/test-call/live-models';
import type { TaskProperties } from '../../../runtime/types';

const REFUSED = { secret: 'aws_secret_access_key', host: 'api.groq.com', description: 'environment variable AWS_SECRET_ACCESS_KEY' };

/** A bridge that refuses the AWS key and serves one model otherwise, counting the requests. */
function fakeBridge() {
  const asked: TaskProperties[] = [];
  let trustListener: (() => void) | null = null;

  return {
    asked,
    approve: () => trustListener?.(),
    status: () => ({ available: true, url: 'http://127.0.0.1:1/catalyst/v1' }) as const,
    onTrustChange(listener: () => void) {
      trustListener = listener;

      return () => undefined;
    },
    async listModels(request: { properties: TaskProperties }) {
      asked.push(request.properties);

      if (request.properties['catalyst.secretName'] === REFUSED.secret) {
        throw new BridgeError('KEY_NOT_TRUSTED', 'Not sent', 403, REFUSED);
      }

      return { models: [ { id: 'm', chat: true } ], url: 'https://api.groq.com/openai/v1/models' };
    }
  };
}

const groq = (secretName: string): TaskProperties => ({ 'catalyst.provider': 'groq', 'catalyst.secretSource': 'env', 'catalyst.secretName': secretName });

describe('LiveModels', () => {

  it('reports a refused key as untrusted, with the pair, not as a failure', async () => {

    // given
    const liveModels = new LiveModels(fakeBridge() as any);

    // when
    const list = await liveModels.list(groq(REFUSED.secret));

    // then
    expect(list).toEqual({ state: 'untrusted', url: 'https://api.groq.com/openai/v1/models', refused: REFUSED });
  });

  it('keeps one list per URL and secret: another secret for the same URL is asked for itself', async () => {

    // given
    const bridge = fakeBridge();
    const liveModels = new LiveModels(bridge as any);
    await liveModels.list(groq(REFUSED.secret));

    // when
    const list = await liveModels.list(groq('groq_api_key'));

    // then
    expect(list.state).toBe('loaded');
    expect(bridge.asked).toHaveLength(2);
  });

  it('asks again after an approval instead of keeping the refusal', async () => {

    // given
    const bridge = fakeBridge();
    const liveModels = new LiveModels(bridge as any);
    await liveModels.list(groq(REFUSED.secret));

    // when
    bridge.approve();
    await liveModels.list(groq(REFUSED.secret));

    // then
    expect(bridge.asked).toHaveLength(2);
  });
});
