import { getProvider } from '../../runtime/catalog/providers';
import { modelsUrl } from '../../runtime/catalog/urls';
import { PROPERTY } from '../../runtime/config';
import { messageOf } from '../../runtime/errors';
import type { ModelInfo, TaskProperties } from '../../runtime/types';
import { untrustedSendOf, type CatalystBridge, type UntrustedSend } from '../bridge';

import { untranslated, type Translate } from './translate';

/** The provider's live list, or why the curated list is shown instead. */
export type LiveModelList =
  | { state: 'loading'; url: string }
  | { state: 'loaded'; url: string; models: ModelInfo[] }
  | { state: 'unavailable'; url: string | null; reason: string }

  /** The bridge did not send the key to this host (not trusted for it): nothing left the desktop. */
  | { state: 'untrusted'; url: string; refused: UntrustedSend };

/**
 * `catalystLiveModels`: the providers' live model lists through the bridge, cached per
 * models URL and secret (tasks of one provider share a list; switching back and forth
 * asks once).
 * A failure is cached too, until the user asks for a refresh: the panel re-renders often
 * and must not hammer a provider that said no.
 *
 * Selecting a task asks for its list at once; for a host not trusted with the task's key
 * the bridge answers `KEY_NOT_TRUSTED` without sending anything, and the list says so
 * (`untrusted`) instead of failing: the panel then offers to load it after an approval.
 */
export default class LiveModels {
  static $inject = [ 'catalystBridge', 'eventBus', 'translate' ];

  private readonly cache = new Map<string, Promise<LiveModelList>>();

  constructor(
      private readonly bridge: Pick<CatalystBridge, 'status' | 'listModels'> & Partial<Pick<CatalystBridge, 'onTrustChange'>>,
      eventBus?: { on(type: string, listener: () => void): void },
      private readonly translate: Translate = untranslated
  ) {

    // a pair approved (or revoked) since: what the bridge refused or served may differ now
    const stop = bridge.onTrustChange?.(() => this.cache.clear());

    eventBus?.on('diagram.destroy', () => stop?.());
  }

  /** Called after the user approved or revoked a host: lists shown should be asked again. */
  onTrustChange(listener: () => void): () => void {
    return this.bridge.onTrustChange?.(listener) ?? (() => undefined);
  }

  /** The models URL the task's list comes from, or `null` when its provider has none. */
  urlFor(properties: TaskProperties): string | null {
    const provider = getProvider(properties[PROPERTY.provider] ?? '');

    return provider ? modelsUrl(provider, properties[PROPERTY.url]) : null;
  }

  /** The task's live list; `refresh` asks the provider again instead of using the cache. */
  list(properties: TaskProperties, options: { refresh?: boolean } = {}): Promise<LiveModelList> {
    const url = this.urlFor(properties);

    if (url === null) {
      return Promise.resolve({ state: 'unavailable', url, reason: this.translate('This provider has no models endpoint.') });
    }

    const status = this.bridge.status();

    if (!status.available) {
      return Promise.resolve({ state: 'unavailable', url, reason: this.translate('The live list is loaded on the desktop. {reason}', { reason: status.message }) });
    }

    // whether the bridge sends a key there depends on which key: one entry per URL and secret
    const key = [ url, properties[PROPERTY.authType] ?? '', properties[PROPERTY.secretSource] ?? '', properties[PROPERTY.secretName] ?? '' ].join('\n');
    const cached = this.cache.get(key);

    if (cached && !options.refresh) {
      return cached;
    }

    const loading = this.bridge.listModels({ properties }).then(
      answer => answer.url === null
        ? { state: 'unavailable', url, reason: this.translate('This provider has no models endpoint.') } as const
        : { state: 'loaded', url, models: answer.models } as const,
      error => {
        const refused = untrustedSendOf(error);

        return refused ? { state: 'untrusted', url, refused } as const : { state: 'unavailable', url, reason: messageOf(error) } as const;
      }
    );

    this.cache.set(key, loading);

    return loading;
  }
}
