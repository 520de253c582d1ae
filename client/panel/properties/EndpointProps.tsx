/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { isTextFieldEntryEdited } from '@bpmn-io/properties-panel';

import { chatUrl } from '../../../runtime/catalog/urls';
import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { getBusinessObject, readExtensionProperties } from '../../tasks';
import { catalystEntry } from '../catalyst-entry';
import { PropertyTextField } from '../components/PropertyTextField';

function EndpointUrl({ element, id }: { element: any; id: string }) {
  const provider = getProvider(readExtensionProperties(getBusinessObject(element))[PROPERTY.provider] ?? '');

  return <PropertyTextField
    element={ element }
    id={ id }
    label="Endpoint URL"
    property={ PROPERTY.url }
    placeholder={ provider && chatUrl(provider) }
    description={ provider?.editableUrl ? 'Point this at your server\'s /chat/completions endpoint.' : undefined }
  />;
}

export const EndpointProps = catalystEntry('catalyst-url', EndpointUrl, isTextFieldEntryEdited);
