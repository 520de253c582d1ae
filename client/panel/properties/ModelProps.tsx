/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useMemo } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { getPayloadModel, setPayloadModel } from '../../../runtime/template';
import { messageOf } from '../../../runtime/errors';
import type { Provider } from '../../../runtime/types';
import { isCatalystElement } from '../../tasks';
import type { CatalystTasks } from '../../tasks';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import type { EntryDefinition } from '../entry';

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
    { id: 'catalyst-modelId', component: ModelId, isEdited: isTextFieldEntryEdited }
  ];
}

function Model({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const { provider, model } = readModel(catalystTasks, element);
  const curated = provider?.models ?? [];
  const selected = curated.find(each => each.id === model);

  const getOptions = () => [
    ...curated.map(each => ({ value: each.id, label: `${each.id} — ${each.description}` })),
    { value: OTHER_MODEL, label: 'Other model (type its id below)' }
  ];

  const description = selected?.description ?? (model
    ? `${model} is not in the ${provider?.name ?? 'provider'} list; any id the provider serves works.`
    : undefined);

  return <SelectEntry
    element={ element }
    id={ id }
    label="Model"
    description={ description }
    getValue={ () => selected?.id ?? OTHER_MODEL }
    setValue={ (value: string) => value !== OTHER_MODEL && writeModel(catalystTasks, element, value) }
    getOptions={ getOptions }
  />;
}

function ModelId({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const debounce = useService('debounceInput');
  const { payload, model } = readModel(catalystTasks, element);

  // keyed on the payload so that an error for typed input stays until the payload changes
  const validate = useMemo(() => (value: string | undefined) => {
    if (!value) {
      return 'Model id is empty; pick a model above or type its id.';
    }

    return modelProblem(payload, value);
  }, [ payload ]);

  return <TextFieldEntry
    element={ element }
    id={ id }
    label="Model id"
    description="Any model id the provider serves, also one not listed above."
    getValue={ () => model }
    setValue={ (value: string | undefined, error?: string | null) => !error && value && writeModel(catalystTasks, element, value) }
    validate={ validate }
    debounce={ debounce }
  />;
}

function readModel(catalystTasks: CatalystTasks, element: any): { provider: Provider | undefined; payload: string; model: string } {
  const properties = catalystTasks.getProperties(element);
  const provider = getProvider(properties[PROPERTY.provider] ?? '');
  const payload = properties[PROPERTY.payload] ?? provider?.defaultPayload ?? '';

  return { provider, payload, model: getPayloadModel(payload)?.value ?? '' };
}

function writeModel(catalystTasks: CatalystTasks, element: any, model: string) {
  const { payload } = readModel(catalystTasks, element);

  if (!modelProblem(payload, model)) {
    catalystTasks.setProperty(element, PROPERTY.payload, setPayloadModel(payload, model));
  }
}

/** Why the model cannot be set in this payload (it is not a JSON object), or nothing. */
function modelProblem(payload: string, model: string): string | undefined {
  try {
    setPayloadModel(payload, model);
  } catch (error) {
    return `The model is set in the payload, but ${messageOf(error).replace(/^cannot set the model: /, '')}; fix the payload first.`;
  }
}
