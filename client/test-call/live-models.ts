import { getProvider, modelsUrl } from '../../runtime/catalog';
import { PROPERTY } from '../../runtime/config';
import { messageOf } from '../../runtime/errors';
import type { ModelInfo, TaskProperties } from '../../runtime/types';
import type { BridgeStatus, CatalystBridge } from '../bridge';

/** The provider's live list, or why the curated list is shown instead. */
export type LiveModelList =
  | { state: 'loading'; url: string }
  | { state: 'loaded'; url: string; models: ModelInfo[] }
  | { state: 'unavailable'; url: string | null; reason: string };

/**
 * `catalystLiveModels`: the providers' live model lists through the bridge, cached per
 * models URL (tasks of one provider share a list; switching back and forth asks once).
 * A failure is cached too, until the user asks for a refresh: the panel re-renders often
 * and must not hammer a provider that said no.
 */
export default class LiveModels {
  static $inject = [ 'catalystBridge' ];

  private readonly cache = new Map<string, Promise<LiveModelList>>();

  constructor(private readonly bridge: Pick<CatalystBridge, 'status' | 'listModels'>) {}

  /** The models URL the task's list comes from, or `null` when its provider has none. */
  urlFor(properties: TaskProperties): string | null {
    const provider = getProvider(properties[PROPERTY.provider] ?? '');

    return provider ? modelsUrl(provider, properties[PROPERTY.url]) : null;
  }

  /** The task's live list; `refresh` asks the provider again instead of using the cache. */
  list(properties: TaskProperties, options: { refresh?: boolean } = {}): Promise<LiveModelList> {
    const url = this.urlFor(properties);

    if (url === null) {
      return Promise.resolve({ state: 'unavailable', url, reason: 'This provider has no models endpoint.' });
    }

    const status = this.bridge.status();

    if (!status.available) {
      return Promise.resolve({ state: 'unavailable', url, reason: bridgeMissing(status) });
    }

    const cached = this.cache.get(url);

    if (cached && !options.refresh) {
      return cached;
    }

    const loading = this.bridge.listModels({ properties }).then(
      answer => answer.url === null
        ? { state: 'unavailable', url, reason: 'This provider has no models endpoint.' } as const
        : { state: 'loaded', url, models: answer.models } as const,
      error => ({ state: 'unavailable', url, reason: messageOf(error) } as const)
    );

    this.cache.set(url, loading);

    return loading;
  }
}

function bridgeMissing(status: Extract<BridgeStatus, { available: false }>): string {
  return `The live list is loaded on the desktop. ${status.message}`;
}
