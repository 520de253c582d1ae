/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isTextFieldEntryEdited } from '@bpmn-io/properties-panel';

import { chatUrl } from '../../../runtime/catalog/urls';
import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { catalystEntry } from '../catalyst-entry';
import { PropertyTextField } from '../components/PropertyTextField';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate } from '../hooks/useTranslate';

function EndpointUrl({ element, id }: { element: any; id: string }) {
  const translate = useTranslate();
  const catalystTasks = useCatalystTasks();
  const provider = getProvider(catalystTasks.getProperty(element, PROPERTY.provider) ?? '');

  return <PropertyTextField
    element={ element }
    id={ id }
    label={ translate('Endpoint URL') }
    wrap
    property={ PROPERTY.url }
    placeholder={ provider && chatUrl(provider) }
    description={ provider?.editableUrl ? translate('Point this at your server\'s /chat/completions endpoint.') : undefined }
  />;
}

export const EndpointProps = catalystEntry('catalyst-url', EndpointUrl, isTextFieldEntryEdited);
