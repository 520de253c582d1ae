/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isTextFieldEntryEdited } from '@bpmn-io/properties-panel';

import { DEFAULT_TIMEOUT, PROPERTY } from '../../../runtime/config';
import { catalystEntry } from '../catalyst-entry';
import { PropertyTextField } from '../components/PropertyTextField';
import { useTranslate } from '../hooks/useTranslate';

function Timeout({ element, id }: { element: any; id: string }) {
  const translate = useTranslate();

  return <PropertyTextField
    element={ element }
    id={ id }
    label={ translate('Timeout') }
    property={ PROPERTY.timeout }
    placeholder={ DEFAULT_TIMEOUT }
    description={ translate('Per attempt, as an ISO-8601 duration: PT60S, PT2M, PT0.5S.') }
  />;
}

export const TimeoutProps = catalystEntry('catalyst-timeout', Timeout, isTextFieldEntryEdited);
