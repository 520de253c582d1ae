/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';

import { PROPERTY, resolveTaskConfig } from '../../../runtime/config';
import type { AuthType, TaskProperties } from '../../../runtime/types';
import { getBusinessObject, isCatalystElement, readExtensionProperties } from '../../tasks';
import { PropertyTextField } from '../components/PropertyTextField';
import { withTaskFindings } from '../components/TaskFindingList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import type { EntryDefinition } from '../entry';

const AUTH_OPTIONS: Array<{ value: AuthType; label: string }> = [
  { value: 'bearerToken', label: 'Bearer token (Authorization: Bearer …)' },
  { value: 'apiKeyHeader', label: 'API key header (e.g. x-api-key)' },
  { value: 'none', label: 'None (local servers)' }
];

export function AuthProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  const entries: EntryDefinition[] = [ { id: 'catalyst-authType', component: Auth, isEdited: isSelectEntryEdited } ];

  if (authTypeOf(readExtensionProperties(getBusinessObject(element))) !== 'none') {
    entries.push(
      { id: 'catalyst-authHeader', component: AuthHeader, isEdited: isTextFieldEntryEdited },
      { id: 'catalyst-authPrefix', component: AuthPrefix, isEdited: isTextFieldEntryEdited }
    );
  }

  return entries;
}

function Auth({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();

  return <SelectEntry
    element={ element }
    id={ id }
    label="Auth"
    description={ withTaskFindings(undefined, catalystTasks.getProperties(element), PROPERTY.authType) }
    getValue={ () => authTypeOf(catalystTasks.getProperties(element)) }
    setValue={ (value: AuthType) => catalystTasks.setProperties(element, authChanges(catalystTasks.getProperties(element), value)) }
    getOptions={ () => AUTH_OPTIONS }
  />;
}

function AuthHeader({ element, id }: { element: any; id: string }) {
  return <PropertyTextField element={ element } id={ id } label="Auth header" property={ PROPERTY.authHeader } placeholder="Authorization" />;
}

function AuthPrefix({ element, id }: { element: any; id: string }) {
  return <PropertyTextField
    element={ element }
    id={ id }
    label="Auth prefix"
    property={ PROPERTY.authPrefix }
    emptyValue=""
    description="Written before the key, e.g. Bearer; empty for a bare key."
  />;
}

// An absent auth type is the provider's (a hand-written Ollama task sends no key), as the runtime reads it.
function authTypeOf(properties: TaskProperties): AuthType {
  return (properties[PROPERTY.authType] as AuthType | undefined) ?? resolveTaskConfig(properties).authType ?? 'bearerToken';
}

/**
 * Switching the auth type carries the header and prefix along when they still hold the
 * other type's usual values, so one choice gives a working pair; custom values stay.
 */
function authChanges(properties: TaskProperties, authType: AuthType): TaskProperties {
  const changes: TaskProperties = { [PROPERTY.authType]: authType };
  const header = properties[PROPERTY.authHeader];
  const prefix = properties[PROPERTY.authPrefix];

  if (authType === 'apiKeyHeader') {
    if (header === undefined || header === 'Authorization') {
      changes[PROPERTY.authHeader] = 'x-api-key';
    }

    if (prefix === undefined || prefix === 'Bearer') {
      changes[PROPERTY.authPrefix] = '';
    }
  }

  if (authType === 'bearerToken') {
    if (header === undefined || header === 'x-api-key') {
      changes[PROPERTY.authHeader] = 'Authorization';
    }

    if (prefix === undefined || prefix === '') {
      changes[PROPERTY.authPrefix] = 'Bearer';
    }
  }

  return changes;
}
