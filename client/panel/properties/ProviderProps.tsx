/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';

import { getProvider, providers } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { catalystEntry } from '../catalyst-entry';
import { withTaskFindings } from '../components/TaskFindingList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate, type Translate } from '../hooks/useTranslate';

function Provider({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const current = catalystTasks.getProperty(element, PROPERTY.provider) ?? '';
  const provider = getProvider(current);

  const getOptions = () => [
    ...(provider ? [] : [ { value: current, label: current ? translate('{provider} (unknown)', { provider: current }) : translate('(choose a provider)'), disabled: true } ]),
    ...providers.map(each => ({ value: each.id, label: each.local ? translate('{provider} (local)', { provider: each.name }) : each.name }))
  ];

  return <SelectEntry
    element={ element }
    id={ id }
    label={ translate('Provider') }
    description={ withTaskFindings(provider && translate(provider.description), catalystTasks.getProperties(element), PROPERTY.provider) }
    getValue={ () => current }
    setValue={ (value: string) => catalystTasks.switchProvider(element, value) }
    getOptions={ getOptions }
    validate={ (value: string) => validateProvider(value, translate) }
  />;
}

function validateProvider(value: string, translate: Translate) {
  if (!getProvider(value)) {
    return value
      ? translate('Unknown provider "{provider}"; choose one from the list.', { provider: value })
      : translate('No provider set; choose one from the list.');
  }
}

export const ProviderProps = catalystEntry('catalyst-provider', Provider, isSelectEntryEdited);
