/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { DEFAULT_ERROR_MAPPING, DEFAULT_RESPONSE_MAPPING, PROPERTY } from '../../../runtime/config';
import { checkErrorMapping, checkResponseMapping } from '../../../runtime/mapping';
import { isCatalystElement } from '../../tasks';
import { MappingList } from '../components/MappingList';
import type { EntryDefinition } from '../entry';

const isEdited = (node: HTMLElement | null) => !!node;

export function ResponseMappingProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  return [ { id: 'catalyst-responseMapping', component: ResponseMapping, isEdited } ];
}

export function ErrorMappingProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  return [ { id: 'catalyst-errorMapping', component: ErrorMapping, isEdited } ];
}

const RESPONSE_COLUMNS = {
  key: 'Variable',
  value: 'Path',
  keyPlaceholder: 'aiReply',
  valuePlaceholder: 'choices[0].message.content'
};

const ERROR_COLUMNS = {
  key: 'Status',
  value: 'BPMN error code',
  keyPlaceholder: '429',
  valuePlaceholder: 'RATE_LIMITED'
};

function ResponseMapping({ element, id }: { element: any; id: string }) {
  return <MappingList
    element={ element }
    id={ id }
    label="Response mapping"
    property={ PROPERTY.responseMapping }
    defaultText={ JSON.stringify(DEFAULT_RESPONSE_MAPPING) }
    check={ checkResponseMapping }
    columns={ RESPONSE_COLUMNS }
    addLabel="Add variable" />;
}

function ErrorMapping({ element, id }: { element: any; id: string }) {
  return <MappingList
    element={ element }
    id={ id }
    label="Error mapping"
    property={ PROPERTY.errorMapping }
    defaultText={ JSON.stringify(DEFAULT_ERROR_MAPPING) }
    check={ checkErrorMapping }
    columns={ ERROR_COLUMNS }
    addLabel="Add status" />;
}
