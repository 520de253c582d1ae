/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';

import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { looksLikeKey } from '../../../runtime/secrets';
import type { SecretSource, TaskProperties } from '../../../runtime/types';
import { isCatalystElement } from '../../tasks';
import { PropertyTextField } from '../components/PropertyTextField';
import { withTaskFindings } from '../components/TaskFindingList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate, type Translate } from '../hooks/useTranslate';
import type { EntryDefinition } from '../entry';
import { resolvedConfig } from '../derived';
import { describeSecretLocation } from '../secret-location';

const SOURCE_OPTIONS: Array<{ value: SecretSource; label: string }> = [
  { value: 'env', label: 'Environment variable' },
  { value: 'file', label: 'File in secrets directory' },
  { value: 'properties', label: 'Key in properties file' },
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
  const translate = useTranslate();

  return <SelectEntry
    element={ element }
    id={ id }
    label={ translate('Secret source') }
    description={ withTaskFindings(undefined, catalystTasks.getProperties(element), PROPERTY.secretSource) }
    getValue={ () => sourceOf(catalystTasks.getProperties(element)) }
    setValue={ (value: SecretSource) => catalystTasks.setProperty(element, PROPERTY.secretSource, value) }
    getOptions={ () => SOURCE_OPTIONS.map(option => ({ ...option, label: translate(option.label) })) }
  />;
}

function SecretName({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const properties = catalystTasks.getProperties(element);
  const name = properties[PROPERTY.secretName] ?? getProvider(properties[PROPERTY.provider] ?? '')?.secret.name ?? '';

  return <PropertyTextField
    element={ element }
    id={ id }
    label={ translate('Secret name') }
    property={ PROPERTY.secretName }
    check={ checkNotAKey }
    description={ name && <SecretLocation source={ sourceOf(properties) } name={ name } translate={ translate } /> }
  />;
}

function SecretLocation({ source, name, translate }: { source: SecretSource; name: string; translate: Translate }) {
  const { kind, location, detail } = describeSecretLocation(source, name);

  return <span>{ translate('Resolves to {kind}', { kind: translate(kind) }) } <code class="catalyst-secret-location">{ location }</code>{ detail && ` ${translate(detail)}` }</span>;
}

// An absent source is the provider's, as the runtime reads it.
function sourceOf(properties: TaskProperties): SecretSource {
  return (properties[PROPERTY.secretSource] as SecretSource | undefined) ?? resolvedConfig(properties).secretSource ?? 'env';
}

/** A real key must never land in the diagram (design §3): refuse it before it is written. */
function checkNotAKey(value: string, properties: TaskProperties): string | undefined {
  if (looksLikeKey(value, getProvider(properties[PROPERTY.provider] ?? ''))) {
    return 'This looks like a real API key. Keys never go into the diagram: name where the key is (an environment variable, a file, a properties key or ${variable}).';
  }
}
