/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { PROPERTY } from '../../../runtime/config';
import { DEFAULT_AUTH } from '../../../runtime/config/properties';
import type { AuthType, TaskProperties } from '../../../runtime/types';
import { isCatalystElement } from '../../tasks';
import { PropertyTextField } from '../components/PropertyTextField';
import { withTaskFindings } from '../components/TaskFindingList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate, type Translate } from '../hooks/useTranslate';
import type { EntryDefinition } from '../entry';
import { resolvedConfig } from '../derived';
import { propertyProblem } from '../property-problem';
import { taskFindings } from '../task-findings';

// short enough for the Modeler's 280 px panel; the description says where the key goes
const AUTH_OPTIONS: Array<{ value: AuthType; label: string }> = [
  { value: 'bearerToken', label: 'Bearer token' },
  { value: 'apiKeyHeader', label: 'API key header' },
  { value: 'none', label: 'None (local servers)' }
];

/** The header and prefix each auth type implies; a switch of type writes them (authChanges). */
const IMPLIED: Record<Exclude<AuthType, 'none'>, { header: string; prefix: string }> = {
  bearerToken: { header: DEFAULT_AUTH.header, prefix: DEFAULT_AUTH.prefix },
  apiKeyHeader: { header: 'x-api-key', prefix: '' }
};

export function AuthProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  // AuthAdvanced shows nothing for auth "none": deciding that here would read and resolve
  // the properties once more on every selection, outside the rendering that shares them
  return [
    { id: 'catalyst-authType', component: Auth, isEdited: isSelectEntryEdited },
    { id: 'catalyst-authAdvanced', component: AuthAdvanced, isEdited: isAdvancedEdited }
  ];
}

function Auth({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const properties = catalystTasks.getProperties(element);

  return <SelectEntry
    element={ element }
    id={ id }
    label={ translate('Auth') }
    description={ withTaskFindings(sentAs(properties, translate), properties, PROPERTY.authType) }
    getValue={ () => authTypeOf(catalystTasks.getProperties(element)) }
    setValue={ (value: AuthType) => catalystTasks.setProperties(element, authChanges(catalystTasks.getProperties(element), value)) }
    getOptions={ () => AUTH_OPTIONS.map(option => ({ ...option, label: translate(option.label) })) }
  />;
}

/** Where the key goes, as the worker sends it: `Sends the key as Authorization: Bearer <key>`. */
function sentAs(properties: TaskProperties, translate: Translate): string | undefined {
  if (authTypeOf(properties) === 'none') {
    return translate('Sends no key.');
  }

  const { header, prefix } = authPair(properties);

  return translate('Sends the key as {header}: {value}', { header, value: prefix ? `${prefix} <key>` : '<key>' });
}

/**
 * Auth header and prefix: shown when they differ from what the auth type implies (or have
 * a problem), otherwise behind "Show header and prefix". Once shown they stay for the
 * task, so a field does not vanish while its value is typed back to the usual one.
 */
function AuthAdvanced({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const properties = catalystTasks.getProperties(element);
  const unusual = isUnusual(properties);
  const [ shown, setShown ] = useState<{ element: any; open: boolean }>({ element, open: unusual });
  const open = unusual || (shown.element === element && shown.open);

  useEffect(() => {
    if (shown.element !== element || (unusual && !shown.open)) {
      setShown({ element, open: unusual });
    }
  }, [ element, unusual ]);

  const fieldsId = `bio-properties-panel-${id}-fields`;

  // no key is sent: no header, no prefix
  if (authTypeOf(properties) === 'none') {
    return null;
  }

  return <div class="bio-properties-panel-entry catalyst-auth-advanced" data-entry-id={ id }>
    { !unusual && <button
      type="button"
      class="catalyst-link-button"
      aria-expanded={ open ? 'true' : 'false' }
      aria-controls={ fieldsId }
      onClick={ () => setShown({ element, open: !open }) }>
      { open ? translate('Hide header and prefix') : translate('Show header and prefix') }
    </button> }
    <div id={ fieldsId } hidden={ !open }>
      { open && <>
        <PropertyTextField element={ element } id="catalyst-authHeader" label={ translate('Auth header') } property={ PROPERTY.authHeader } placeholder="Authorization" />
        <PropertyTextField
          element={ element }
          id="catalyst-authPrefix"
          label={ translate('Auth prefix') }
          property={ PROPERTY.authPrefix }
          emptyValue=""
          description={ translate('Written before the key, e.g. Bearer; empty for a bare key.') }
        />
      </> }
    </div>
  </div>;
}

/** The fields inside count for the group's "edited" dot, as they would on their own. */
function isAdvancedEdited(node: HTMLElement | null): boolean {
  const entry = node?.closest('.catalyst-auth-advanced');

  return !!entry && [ ...entry.querySelectorAll<HTMLElement>('.bio-properties-panel-input') ].some(input => isTextFieldEntryEdited(input));
}

/** Header or prefix not the pair the auth type implies, or either with a problem to show. */
function isUnusual(properties: TaskProperties): boolean {
  const type = authTypeOf(properties);

  if (type === 'none') {
    return false;
  }

  const { header, prefix } = authPair(properties);
  const implied = IMPLIED[type];

  return header !== implied.header || prefix !== implied.prefix
    || [ PROPERTY.authHeader, PROPERTY.authPrefix ].some(property => propertyProblem(properties, property) || taskFindings(properties, property).length);
}

// What the runtime sends: an absent header or prefix is the provider's (or the default).
function authPair(properties: TaskProperties): { header: string; prefix: string } {
  const config = resolvedConfig(properties);

  return {
    header: properties[PROPERTY.authHeader] ?? config.authHeader ?? DEFAULT_AUTH.header,
    prefix: properties[PROPERTY.authPrefix] ?? config.authPrefix ?? DEFAULT_AUTH.prefix
  };
}

// An absent auth type is the provider's (a hand-written Ollama task sends no key), as the runtime reads it.
function authTypeOf(properties: TaskProperties): AuthType {
  return (properties[PROPERTY.authType] as AuthType | undefined) ?? resolvedConfig(properties).authType ?? 'bearerToken';
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
    if (header === undefined || header === IMPLIED.bearerToken.header) {
      changes[PROPERTY.authHeader] = IMPLIED.apiKeyHeader.header;
    }

    if (prefix === undefined || prefix === IMPLIED.bearerToken.prefix) {
      changes[PROPERTY.authPrefix] = IMPLIED.apiKeyHeader.prefix;
    }
  }

  if (authType === 'bearerToken') {
    if (header === undefined || header === IMPLIED.apiKeyHeader.header) {
      changes[PROPERTY.authHeader] = IMPLIED.bearerToken.header;
    }

    if (prefix === undefined || prefix === IMPLIED.apiKeyHeader.prefix) {
      changes[PROPERTY.authPrefix] = IMPLIED.bearerToken.prefix;
    }
  }

  return changes;
}
