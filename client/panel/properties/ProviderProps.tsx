/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';

import { getProvider, providers } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { catalystEntry } from '../catalyst-entry';
import { withTaskFindings } from '../components/TaskFindingList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';

function Provider({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const current = catalystTasks.getProperty(element, PROPERTY.provider) ?? '';
  const provider = getProvider(current);

  const getOptions = () => [
    ...(provider ? [] : [ { value: current, label: current ? `${current} (unknown)` : '(choose a provider)', disabled: true } ]),
    ...providers.map(each => ({ value: each.id, label: each.local ? `${each.name} (local)` : each.name }))
  ];

  return <SelectEntry
    element={ element }
    id={ id }
    label="Provider"
    description={ withTaskFindings(provider?.description, catalystTasks.getProperties(element), PROPERTY.provider) }
    getValue={ () => current }
    setValue={ (value: string) => catalystTasks.switchProvider(element, value) }
    getOptions={ getOptions }
    validate={ validateProvider }
  />;
}

function validateProvider(value: string) {
  if (!getProvider(value)) {
    return value
      ? `Unknown provider "${value}"; choose one from the list.`
      : 'No provider set; choose one from the list.';
  }
}

export const ProviderProps = catalystEntry('catalyst-provider', Provider, isSelectEntryEdited);
