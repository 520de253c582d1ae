import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  announceBridge,
  BridgeClientExtension,
  BridgeError,
  CatalystBridge,
  listenToWindow,
  type CallStreamEvent
} from '../../client/bridge/index';
import { resetAnnouncement } from '../../client/bridge/announcement';
import type { RunningBridge } from '../../menu/bridge/server';
import { chunk, json, sse, type FaultServer } from '../support/fault-server';

import { SECRET, groqTask, memorySecrets, runtimeWithoutWaits, startBridge, startBridgeAndModel } from './bridge-harness';

describe('renderer client: catalystBridge', () => {
  let llm: FaultServer;
  let bridge: RunningBridge;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ llm, bridge, stop } = await startBridgeAndModel());
  });

  afterAll(async () => {
    await stop();
  });

  beforeEach(() => resetAnnouncement());

  describe('without a bridge', () => {

    it('says no bridge was announced, and why that happens', async () => {

      // given
      const service = new CatalystBridge();

      // then
      expect(service.status()).toMatchObject({ available: false, reason: 'NOT_ANNOUNCED', message: expect.stringContaining('did not announce') });
      await expect(service.health()).rejects.toMatchObject({ name: 'BridgeError', code: 'NOT_ANNOUNCED' });
    });

    it('passes on why the bridge did not start', () => {

      // given
      const service = new CatalystBridge();

      // when
      announceBridge({ version: 1, error: 'the bridge could not start: listen EACCES' });

      // then
      expect(service.status()).toMatchObject({ available: false, reason: 'START_FAILED', message: expect.stringContaining('EACCES') });
    });

    it('says UNREACHABLE when the announced bridge does not answer', async () => {

      // given: a bridge that has gone away
      const gone = await startBridge({ secrets: memorySecrets(), runtime: runtimeWithoutWaits() });
      await gone.close();
      announceBridge({ version: 1, url: gone.url, token: gone.token });

      // when
      const failure = new CatalystBridge().health();

      // then
      await expect(failure).rejects.toMatchObject({ code: 'UNREACHABLE' });
    });
  });

  describe('announcement', () => {

    it('comes from the Modeler\'s catalyst.bridge event through the client extension, once per subscriber', async () => {

      // given
      const callbacks: Array<(payload: unknown) => void> = [];
      const subscribe = (event: string, callback: (payload: unknown) => void) => {
        if (event === 'catalyst.bridge') {
          callbacks.push(callback);
        }
      };

      // when: rendered twice, then the event arrives with the Modeler's tab added
      BridgeClientExtension({ subscribe });
      BridgeClientExtension({ subscribe });
      callbacks.forEach(callback => callback({ tab: { id: 't1' }, version: 1, url: bridge.url, token: bridge.token }));

      // then
      expect(callbacks).toHaveLength(1);
      expect(await new CatalystBridge().health()).toMatchObject({ ok: true });
    });

    it('comes from a page\'s window global or window event (the playground)', () => {

      // given
      const page = Object.assign(new EventTarget(), { catalystBridge: { version: 1, url: 'http://127.0.0.1:1/catalyst/v1', token: 'early' } });
      const service = new CatalystBridge();
      const changes: unknown[] = [];
      service.onChange(status => changes.push(status));

      // when
      listenToWindow(page as never);
      page.dispatchEvent(new CustomEvent('catalyst.bridge', { detail: { version: 1, url: bridge.url, token: bridge.token } }));

      // then
      expect(changes).toEqual([
        { available: true, url: 'http://127.0.0.1:1/catalyst/v1' },
        { available: true, url: bridge.url }
      ]);
    });

    it('ignores payloads that are not announcements', () => {

      // when
      announceBridge({ hello: 'world' });

      // then
      expect(new CatalystBridge().status().available).toBe(false);
    });
  });

  describe('menu requests', () => {

    function editor(shown: boolean) {
      const fired: string[] = [];
      const listeners: Record<string, () => void> = {};
      const eventBus = { fire: (type: string) => fired.push(type), on: (type: string, listener: () => void) => (listeners[type] = listener) };
      const canvas = { getContainer: () => ({ isConnected: true, getClientRects: () => (shown ? [ {} ] : []) }) as unknown as HTMLElement };

      new CatalystBridge(eventBus, canvas);

      return { fired, destroy: () => listeners['diagram.destroy']() };
    }

    it('passes "test the selected task" from the menu to the editor on screen only', () => {

      // given: two open tabs, one shown
      const callbacks: Record<string, (payload: unknown) => void> = {};
      BridgeClientExtension({ subscribe: (event: string, callback: (payload: unknown) => void) => (callbacks[event] = callback) });
      const shown = editor(true);
      const hidden = editor(false);

      // when
      callbacks['catalyst.testTask']({ tab: { id: 't1' } });

      // then
      expect(shown.fired).toEqual([ 'catalyst.testTask' ]);
      expect(hidden.fired).toEqual([]);

      shown.destroy();
      hidden.destroy();
    });

    it('stops listening when its editor is destroyed', () => {

      // given
      const callbacks: Record<string, (payload: unknown) => void> = {};
      BridgeClientExtension({ subscribe: (event: string, callback: (payload: unknown) => void) => (callbacks[event] = callback) });
      const closed = editor(true);

      // when
      closed.destroy();
      callbacks['catalyst.testTask']({});
      announceBridge({ version: 1, url: bridge.url, token: bridge.token });

      // then
      expect(closed.fired).toEqual([]);
    });
  });

  describe('with the bridge', () => {

    beforeEach(() => announceBridge({ version: 1, url: bridge.url, token: bridge.token }));

    it('streams a call\'s events to onEvent in order and returns the result', async () => {

      // given
      const url = llm.route('/client/v1/chat/completions', sse([ chunk({ content: 'Hi' }), chunk({ content: ' there' }, 'stop'), '[DONE]' ]));
      const events: CallStreamEvent[] = [];

      // when
      const outcome = await new CatalystBridge().call(
        { properties: groqTask(url), variables: { userMessage: 'hello' }, stream: true },
        { onEvent: event => events.push(event) }
      );

      // then
      expect(events.map(event => event.type)).toEqual([ 'started', 'attempt', 'chunk', 'chunk', 'result' ]);
      expect(outcome).toMatchObject({ cancelled: false, result: { outcome: 'complete', variables: { aiReply: 'Hi there' } } });
      expect(JSON.stringify(events)).not.toContain(SECRET);
    });

    it('cancels a running call and reports it as cancelled', async () => {

      // given
      const path = '/client-hang/v1/chat/completions';
      const url = llm.route(path, async (_req, res) => {
        await new Promise(resolve => setTimeout(resolve, 5000));
        res.end();
      });
      const service = new CatalystBridge();
      const running = service.call({ callId: 'client-cancel', properties: groqTask(url), variables: { userMessage: 'x' } });

      while (llm.requestsTo(path).length === 0) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }

      // when
      const cancelled = await service.cancel('client-cancel');

      // then
      expect(cancelled).toBe(true);
      expect(await running).toMatchObject({ callId: 'client-cancel', cancelled: true });
      expect(await service.cancel('client-cancel')).toBe(false);
    });

    it('rejects with the bridge\'s error code and message', async () => {

      // when
      const failure = new CatalystBridge().call({ properties: groqTask('https://x/v1/chat/completions', { 'catalyst.retries': 'many' }) });

      // then
      await expect(failure).rejects.toBeInstanceOf(BridgeError);
      await expect(failure).rejects.toMatchObject({ code: 'CONFIG_INVALID', status: 422, message: expect.stringContaining('catalyst.retries') });
    });

    it('rejects with TOKEN_INVALID when the token is stale (the Modeler restarted)', async () => {

      // given
      announceBridge({ version: 1, url: bridge.url, token: 'stale' });

      // when
      const failure = new CatalystBridge().secretStatus(groqTask('https://x/v1/chat/completions'));

      // then
      await expect(failure).rejects.toMatchObject({ code: 'TOKEN_INVALID', status: 401 });
    });

    it('rejects the model list with the bridge\'s reason when there is none, although the bridge answered 200', async () => {

      // given
      const properties = groqTask(`${llm.origin}/client-models/v1/chat/completions`, { 'catalyst.secretName': 'absent_key' });

      // when
      const failure = new CatalystBridge().listModels({ properties });

      // then
      await expect(failure).rejects.toMatchObject({ code: 'SECRET_NOT_FOUND', message: expect.stringContaining('absent_key') });
    });

    it('offers secret status, model list and connection check', async () => {

      // given
      llm.route('/client-models/v1/models', json(200, { object: 'list', data: [ { id: 'llama-3.1-8b-instant', object: 'model' } ] }));
      const properties = groqTask(`${llm.origin}/client-models/v1/chat/completions`);
      const service = new CatalystBridge();

      // when
      const [ secret, models, check ] = await Promise.all([
        service.secretStatus(properties),
        service.listModels({ properties }),
        service.checkConnection(properties)
      ]);

      // then
      expect(secret.status).toBe('found');
      expect(models.models.map(model => model.id)).toEqual([ 'llama-3.1-8b-instant' ]);
      expect(check).toMatchObject({ ok: true });
    });
  });
});
