/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isTextFieldEntryEdited } from '@bpmn-io/properties-panel';

import { DEFAULT_RETRIES, MAX_RETRIES, PROPERTY } from '../../../runtime/config';
import { catalystEntry } from '../catalyst-entry';
import { PropertyTextField } from '../components/PropertyTextField';

function Retries({ element, id }: { element: any; id: string }) {
  return <PropertyTextField
    element={ element }
    id={ id }
    label="Retries"
    property={ PROPERTY.retries }
    placeholder={ String(DEFAULT_RETRIES) }
    description={ `Retries after the first attempt (0 to ${MAX_RETRIES}) on network errors, timeouts, 429 and 5xx.` }
  />;
}

export const RetriesProps = catalystEntry('catalyst-retries', Retries, isTextFieldEntryEdited);
