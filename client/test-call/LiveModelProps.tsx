/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { SelectEntry } from '@bpmn-io/properties-panel';
import { useEffect, useLayoutEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { getProvider } from '../../runtime/catalog/providers';
import { PROPERTY } from '../../runtime/config';
import { getPayloadModel, setPayloadModel } from '../../runtime/template';
import type { TaskProperties } from '../../runtime/types';
import type { CatalystBridge } from '../bridge';
import type { EntryDefinition } from '../panel';
import { whenIdle } from '../panel/when-idle';
import type { CatalystTasks } from '../tasks';

import type LiveModels from './live-models';
import { secretLabel } from './key-trust';
import { KeyTrustOffer } from './KeyTrustOffer';
import type { LiveModelList } from './live-models';
import { isOffered, modelOptions, OTHER_MODEL } from './model-options';
import type { Translate } from './translate';

const MODEL_ENTRY_ID = 'catalyst-model';

/**
 * The panel's Model select, offering the provider's live list as well (through the
 * bridge, cached per models URL, with a refresh); other entries as they are. The Model id
 * text field stays as the panel made it: it takes any id, listed or not.
 */
export function withLiveModel(entry: EntryDefinition): EntryDefinition {
  if (entry.id === MODEL_ENTRY_ID) {
    return { ...entry, component: LiveModel };
  }

  // A section of the Catalyst group holds its entries inside it.
  return Array.isArray(entry.entries) ? { ...entry, entries: entry.entries.map(withLiveModel) } : entry;
}

function LiveModel({ element, id }: { element: any; id: string }) {
  const catalystTasks = useService<CatalystTasks>('catalystTasks');
  const liveModels = useService<LiveModels | undefined>('catalystLiveModels', false);
  const bridge = useService<CatalystBridge | undefined>('catalystBridge', false);
  const translate = useService<Translate>('translate');

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

    // asked once the panel has painted: selecting a task does not wait for the list
    const cancelLoad = whenIdle(() => load());

    // a bridge announced after the panel showed (the Modeler announces once its window is ready)
    const stopBridge = bridge?.onChange(() => load());

    // a host trusted since (in the test dialog, Check connection or here): its list loads now
    const stopTrust = liveModels?.onTrustChange(() => load());

    return () => {
      cancelLoad();
      stopBridge?.();
      stopTrust?.();
    };

  // another secret for the same URL may be trusted there or not: ask again
  }, [ modelsUrl, properties[PROPERTY.authType], properties[PROPERTY.secretSource], properties[PROPERTY.secretName] ]);

  const options = modelOptions(provider?.models ?? [], live, translate);
  const curated = provider?.models.find(each => each.id === model);
  const liveInfo = live?.state === 'loaded' ? live.models.find(each => each.id === model) : undefined;

  const description = curated?.description
    ?? (liveInfo ? translate('{model} is served by the provider (live list).', { model }) : undefined)
    ?? (model && live?.state === 'loaded' ? translate('{model} is not in the provider\'s live list: check the id for a typo.', { model }) : undefined)
    ?? (model ? translate('{model} is not in the {provider} list; any id the provider serves works.', { model, provider: provider?.name ?? translate('provider') }) : undefined);

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
      label={ translate('Model') }
      description={ description }
      getValue={ () => (isOffered(options, model) ? model : OTHER_MODEL) }
      setValue={ write }
      getOptions={ () => options as any } />
    { liveModels && <LiveStatus live={ live } bridge={ bridge } properties={ properties } translate={ translate } onRefresh={ () => load(true) } /> }
  </div>;
}

interface LiveStatusProps {
  live: LiveModelList | null;
  bridge: CatalystBridge | undefined;
  properties: TaskProperties;
  translate: Translate;
  onRefresh(): void;
}

function LiveStatus({ live, bridge, properties, translate, onRefresh }: LiveStatusProps) {
  const refreshButton = useRef<HTMLButtonElement>(null);
  const offer = useRef<HTMLDivElement>(null);
  const focusRefresh = useRef(false);

  // after an approval the offer goes away, and with it the focused button: seen here, while
  // the offer is still in the page, so the focus can move to Refresh once it is gone
  if (live?.state !== 'untrusted' && offer.current?.contains(document.activeElement)) {
    focusRefresh.current = true;
  }

  useLayoutEffect(() => {
    if (focusRefresh.current && refreshButton.current) {
      focusRefresh.current = false;
      refreshButton.current.focus();
    }
  });

  if (!live || (live.state === 'unavailable' && live.url === null)) {
    return null;
  }

  if (live.state === 'untrusted') {
    const { refused } = live;

    // a quiet hint beside the curated list: selecting someone else's diagram is no error
    return <div ref={ offer } class="catalyst-live-model__status catalyst-live-model__status--untrusted">
      { bridge && <KeyTrustOffer
        quiet
        bridge={ bridge }
        properties={ properties }
        refused={ refused }
        translate={ translate }
        text={ translate('Curated list shown. The live list needs the key from {description}, and {host} is not trusted with it: nothing was sent.', { description: refused.description, host: refused.host }) }
        label={ translate('Load live models…') }
        title={ translate('Asks you to trust {host} for {secret}, then loads the list', { host: refused.host, secret: secretLabel(refused, properties) }) }
        buttonClass="catalyst-button catalyst-live-model__refresh"
        onApproved={ () => {

          // nothing to do: the list loads again by itself (LiveModels hears of the approval)
        } } /> }
    </div>;
  }

  const loading = live.state === 'loading';
  const text = loading
    ? translate('Loading the provider\'s live model list…')
    : live.state === 'loaded'
      ? liveListText(live.models.length, live.models.filter(model => !model.chat).length, translate)
      : translate('Live list unavailable, showing the curated list: {reason}', { reason: live.reason });

  return <div class="catalyst-live-model__status" role="status">
    <span>{ text }</span>
    { /* aria-disabled, not disabled: a disabled button would drop the keyboard focus */ }
    <button
      ref={ refreshButton }
      type="button"
      class="catalyst-button catalyst-live-model__refresh"
      aria-disabled={ loading ? 'true' : undefined }
      onClick={ () => loading || onRefresh() }>{ translate('Refresh models') }</button>
  </div>;
}

/** "Live list: 1 model.", "Live list: 12 models, 3 cannot chat." */
function liveListText(count: number, notChat: number, translate: Translate): string {
  const values = { count: String(count), notChat: String(notChat) };

  if (!notChat) {
    return translate(count === 1 ? 'Live list: {count} model.' : 'Live list: {count} models.', values);
  }

  return translate(count === 1 ? 'Live list: {count} model, which cannot chat.' : 'Live list: {count} models, {notChat} cannot chat.', values);
}
