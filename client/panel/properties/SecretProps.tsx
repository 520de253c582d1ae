/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';

import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY, resolveTaskConfig } from '../../../runtime/config';
import { looksLikeKey } from '../../../runtime/secrets';
import type { SecretSource, TaskProperties } from '../../../runtime/types';
import { isCatalystElement } from '../../tasks';
import { PropertyTextField } from '../components/PropertyTextField';
import { withTaskFindings } from '../components/TaskFindingList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import type { EntryDefinition } from '../entry';
import { describeSecretLocation } from '../secret-location';

const SOURCE_OPTIONS: Array<{ value: SecretSource; label: string }> = [
  { value: 'env', label: 'Environment variable' },
  { value: 'file', label: 'File in the secrets directory' },
  { value: 'properties', label: 'Key in catalyst-secrets.properties' },
  { value: 'variable', label: 'Process variable' }
];

export function SecretProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  return [
    { id: 'catalyst-secretSource', component: SecretSourceEntry, isEdited: isSelectEntryEdited },
    { id: 'catalyst-secretName', component: SecretName, isEdited: isTextFieldEntryEdited }
  ];
}

function SecretSourceEntry({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();

  return <SelectEntry
    element={ element }
    id={ id }
    label="Secret source"
    description={ withTaskFindings(undefined, catalystTasks.getProperties(element), PROPERTY.secretSource) }
    getValue={ () => sourceOf(catalystTasks.getProperties(element)) }
    setValue={ (value: SecretSource) => catalystTasks.setProperty(element, PROPERTY.secretSource, value) }
    getOptions={ () => SOURCE_OPTIONS }
  />;
}

function SecretName({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const properties = catalystTasks.getProperties(element);
  const name = properties[PROPERTY.secretName] ?? getProvider(properties[PROPERTY.provider] ?? '')?.secret.name ?? '';

  return <PropertyTextField
    element={ element }
    id={ id }
    label="Secret name"
    property={ PROPERTY.secretName }
    check={ checkNotAKey }
    description={ name && <SecretLocation source={ sourceOf(properties) } name={ name } /> }
  />;
}

function SecretLocation({ source, name }: { source: SecretSource; name: string }) {
  const { kind, location, detail } = describeSecretLocation(source, name);

  return <span>Resolves to { kind } <code class="catalyst-secret-location">{ location }</code>{ detail && ` ${detail}` }</span>;
}

// An absent source is the provider's, as the runtime reads it.
function sourceOf(properties: TaskProperties): SecretSource {
  return (properties[PROPERTY.secretSource] as SecretSource | undefined) ?? resolveTaskConfig(properties).secretSource ?? 'env';
}

/** A real key must never land in the diagram (design §3): refuse it before it is written. */
function checkNotAKey(value: string, properties: TaskProperties): string | undefined {
  if (looksLikeKey(value, getProvider(properties[PROPERTY.provider] ?? ''))) {
    return 'This looks like a real API key. Keys never go into the diagram: name where the key is (an environment variable, a file, a properties key or ${variable}).';
  }
}
