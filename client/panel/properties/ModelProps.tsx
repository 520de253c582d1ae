/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, isTextAreaEntryEdited, SelectEntry, TextAreaEntry } from '@bpmn-io/properties-panel';
import { useMemo } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { setPayloadModel } from '../../../runtime/template';
import { messageOf } from '../../../runtime/errors';
import type { Provider } from '../../../runtime/types';
import { isCatalystElement } from '../../tasks';
import type { CatalystTasks } from '../../tasks';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate, type Translate } from '../hooks/useTranslate';
import type { EntryDefinition } from '../entry';
import { payloadModel } from '../derived';

/** Select value standing for "a model id that is not in the curated list". */
const OTHER_MODEL = '';

/**
 * The model lives in the payload (its `model` field), not in a property of its own:
 * both entries edit that field in place and leave the rest of the payload as typed.
 */
export function ModelProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  return [
    { id: 'catalyst-model', component: Model, isEdited: isSelectEntryEdited },
    { id: 'catalyst-modelId', component: ModelId, isEdited: isTextAreaEntryEdited }
  ];
}

function Model({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const { provider, model } = readModel(catalystTasks, element);
  const curated = provider?.models ?? [];
  const selected = curated.find(each => each.id === model);

  const getOptions = () => [
    ...curated.map(each => ({ value: each.id, label: each.id })),
    { value: OTHER_MODEL, label: translate('Other model (type its id below)') }
  ];

  const description = selected?.description ?? (model
    ? translate('{model} is not in the {provider} list; any id the provider serves works.', { model, provider: provider?.name ?? translate('provider') })
    : undefined);

  return <SelectEntry
    element={ element }
    id={ id }
    label={ translate('Model') }
    description={ description }
    getValue={ () => selected?.id ?? OTHER_MODEL }
    setValue={ (value: string) => value !== OTHER_MODEL && writeModel(catalystTasks, element, value, translate) }
    getOptions={ getOptions }
  />;
}

/** A text area that wraps: a long id (`accounts/fireworks/models/…`) stays readable at 280 px. */
function ModelId({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const debounce = useService('debounceInput');
  const { payload, model } = readModel(catalystTasks, element);

  // keyed on the payload so that an error for typed input stays until the payload changes
  const validate = useMemo(() => (typed: string | undefined) => {
    const value = oneLine(typed);

    if (!value) {
      return translate('Model id is empty; pick a model above or type its id.');
    }

    return modelProblem(payload, value, translate);
  }, [ payload ]);

  return <TextAreaEntry
    autoResize={ false }
    rows={ 1 }
    element={ element }
    id={ id }
    label={ translate('Model id') }
    description={ translate('Any model id the provider serves, also one not listed above.') }
    getValue={ () => model }
    setValue={ (typed: string | undefined, error?: string | null) => {
      const value = oneLine(typed);

      return !error && value && writeModel(catalystTasks, element, value, translate);
    } }
    validate={ validate }
    debounce={ debounce }
  />;
}

function readModel(catalystTasks: CatalystTasks, element: any): { provider: Provider | undefined; payload: string; model: string } {
  const properties = catalystTasks.getProperties(element);
  const provider = getProvider(properties[PROPERTY.provider] ?? '');
  const payload = properties[PROPERTY.payload] ?? provider?.defaultPayload ?? '';

  return { provider, payload, model: payloadModel(payload)?.value ?? '' };
}

// line breaks typed into the wrapping field are no part of an id
function oneLine(value: string | undefined): string {
  return (value ?? '').replace(/\s*[\r\n]+\s*/g, '');
}

function writeModel(catalystTasks: CatalystTasks, element: any, model: string, translate: Translate) {
  const { payload } = readModel(catalystTasks, element);

  if (!modelProblem(payload, model, translate)) {
    catalystTasks.setProperty(element, PROPERTY.payload, setPayloadModel(payload, model));
  }
}

/** Why the model cannot be set in this payload (it is not a JSON object), or nothing. */
function modelProblem(payload: string, model: string, translate: Translate): string | undefined {
  try {
    setPayloadModel(payload, model);
  } catch (error) {
    return translate('The model is set in the payload, but {reason}; fix the payload first.', { reason: messageOf(error).replace(/^cannot set the model: /, '') });
  }
}
