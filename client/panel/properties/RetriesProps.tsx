/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isTextFieldEntryEdited } from '@bpmn-io/properties-panel';

import { DEFAULT_RETRIES, MAX_RETRIES, PROPERTY } from '../../../runtime/config';
import { catalystEntry } from '../catalyst-entry';
import { PropertyTextField } from '../components/PropertyTextField';
import { useTranslate } from '../hooks/useTranslate';

function Retries({ element, id }: { element: any; id: string }) {
  const translate = useTranslate();

  return <PropertyTextField
    element={ element }
    id={ id }
    label={ translate('Retries') }
    property={ PROPERTY.retries }
    placeholder={ String(DEFAULT_RETRIES) }
    description={ translate('Retries after the first attempt (0 to {max}) on network errors, timeouts, 429 and 5xx.', { max: String(MAX_RETRIES) }) }
  />;
}

export const RetriesProps = catalystEntry('catalyst-retries', Retries, isTextFieldEntryEdited);
