/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { SelectEntry } from '@bpmn-io/properties-panel';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { getProvider } from '../../runtime/catalog';
import { PROPERTY } from '../../runtime/config';
import { getPayloadModel, setPayloadModel } from '../../runtime/template';
import type { CatalystBridge } from '../bridge';
import type { EntryFactory } from '../panel';
import type { CatalystTasks } from '../tasks';

import type LiveModels from './live-models';
import type { LiveModelList } from './live-models';
import { isOffered, modelOptions, OTHER_MODEL } from './model-options';

const MODEL_ENTRY_ID = 'catalyst-model';

/**
 * The panel's Model entries with the Model select offering the provider's live list as
 * well (through the bridge, cached per models URL, with a refresh). The Model id text
 * field stays as the panel made it: it takes any id, listed or not.
 */
export function withLiveModels(factory: EntryFactory): EntryFactory {
  return props => factory(props).map(entry => (entry.id === MODEL_ENTRY_ID ? { ...entry, component: LiveModel } : entry));
}

function LiveModel({ element, id }: { element: any; id: string }) {
  const catalystTasks = useService<CatalystTasks>('catalystTasks');
  const liveModels = useService<LiveModels | undefined>('catalystLiveModels', false);
  const bridge = useService<CatalystBridge | undefined>('catalystBridge', false);

  const properties = catalystTasks.getProperties(element);
  const provider = getProvider(properties[PROPERTY.provider] ?? '');
  const payload = properties[PROPERTY.payload] ?? provider?.defaultPayload ?? '';
  const model = getPayloadModel(payload)?.value ?? '';
  const modelsUrl = liveModels?.urlFor(properties) ?? null;

  const [ live, setLive ] = useState<LiveModelList | null>(null);

  const load = (refresh = false) => {
    if (!liveModels) {
      return;
    }

    if (modelsUrl) {
      setLive({ state: 'loading', url: modelsUrl });
    }

    const asked = modelsUrl;

    liveModels.list(properties, { refresh }).then(list => {
      // the user may have switched task or provider while the list loaded
      if (list.url === asked) {
        setLive(list);
      }
    });
  };

  useEffect(() => {
    setLive(null);
    load();

    // a bridge announced after the panel showed (the Modeler announces once its window is ready)
    return bridge?.onChange(() => load());
  }, [ modelsUrl ]);

  const options = modelOptions(provider?.models ?? [], live);
  const curated = provider?.models.find(each => each.id === model);
  const liveInfo = live?.state === 'loaded' ? live.models.find(each => each.id === model) : undefined;

  const description = curated?.description
    ?? (liveInfo ? `${model} is served by the provider (live list).` : undefined)
    ?? (model && live?.state === 'loaded' ? `${model} is not in the provider's live list: check the id for a typo.` : undefined)
    ?? (model ? `${model} is not in the ${provider?.name ?? 'provider'} list; any id the provider serves works.` : undefined);

  const write = (value: string) => {
    if (value === OTHER_MODEL) {
      return;
    }

    try {
      catalystTasks.setProperty(element, PROPERTY.payload, setPayloadModel(payload, value));
    } catch {

      // a payload that is not a JSON object: the Model id entry says why
    }
  };

  return <div class="catalyst-live-model">
    <SelectEntry
      element={ element }
      id={ id }
      label="Model"
      description={ description }
      getValue={ () => (isOffered(options, model) ? model : OTHER_MODEL) }
      setValue={ write }
      getOptions={ () => options as any } />
    { liveModels && <LiveStatus live={ live } onRefresh={ () => load(true) } /> }
  </div>;
}

function LiveStatus({ live, onRefresh }: { live: LiveModelList | null; onRefresh(): void }) {
  if (!live || (live.state === 'unavailable' && live.url === null)) {
    return null;
  }

  const text = live.state === 'loading'
    ? 'Loading the provider\'s live model list…'
    : live.state === 'loaded'
      ? `Live list: ${live.models.length} models (${live.models.filter(model => !model.chat).length} cannot chat).`
      : `Live list unavailable, showing the curated list: ${live.reason}`;

  return <div class="catalyst-live-model__status" role="status">
    <span>{ text }</span>
    <button type="button" class="catalyst-button catalyst-live-model__refresh" disabled={ live.state === 'loading' } onClick={ onRefresh }>Refresh models</button>
  </div>;
}
