/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isTextFieldEntryEdited } from '@bpmn-io/properties-panel';

import { DEFAULT_TIMEOUT, PROPERTY } from '../../../runtime/config';
import { isCatalystElement } from '../../tasks';
import { PropertyTextField } from '../components/PropertyTextField';
import type { EntryDefinition } from '../entry';

export function TimeoutProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  return [ { id: 'catalyst-timeout', component: Timeout, isEdited: isTextFieldEntryEdited } ];
}

function Timeout({ element, id }: { element: any; id: string }) {
  return <PropertyTextField
    element={ element }
    id={ id }
    label="Timeout"
    property={ PROPERTY.timeout }
    placeholder={ DEFAULT_TIMEOUT }
    description="Per attempt, as an ISO-8601 duration: PT60S, PT2M, PT0.5S." />;
}
