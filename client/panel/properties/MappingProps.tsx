/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { DEFAULT_ERROR_MAPPING, DEFAULT_RESPONSE_MAPPING, PROPERTY } from '../../../runtime/config';
import { getProvider } from '../../../runtime/catalog/providers';
import { checkErrorMapping, checkResponseMapping } from '../../../runtime/mapping';
import { ANSWER_CONTENT_PATH } from '../../../runtime/structured/answer-path';
import { lintStructuredMapping } from '../../../runtime/structured/mapping-lint';
import { schemaPaths } from '../../../runtime/structured/schema-paths';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate } from '../hooks/useTranslate';
import { catalystEntry } from '../catalyst-entry';
import { payloadFormat } from '../derived';
import { MappingList, type MappingListProps } from '../components/MappingList';

type MappingSettings = Omit<MappingListProps, 'element' | 'id'>;

const RESPONSE_MAPPING: MappingSettings = {
  label: 'Response mapping',
  property: PROPERTY.responseMapping,
  defaultText: JSON.stringify(DEFAULT_RESPONSE_MAPPING),
  check: checkResponseMapping,
  columns: { key: 'Variable', value: 'Path', keyPlaceholder: 'aiReply', valuePlaceholder: 'choices[0].message.content' },
  addLabel: 'Add variable'
};

const ERROR_MAPPING: MappingSettings = {
  label: 'Error mapping',
  property: PROPERTY.errorMapping,
  defaultText: JSON.stringify(DEFAULT_ERROR_MAPPING),
  check: checkErrorMapping,
  columns: { key: 'Status', value: 'BPMN error code', keyPlaceholder: '429', valuePlaceholder: 'RATE_LIMITED' },
  addLabel: 'Add status'
};

const isEdited = (node: HTMLElement | null) => !!node;

function ResponseMapping({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const properties = catalystTasks.getProperties(element);
  const payload = properties[PROPERTY.payload] ?? getProvider(properties[PROPERTY.provider] ?? '')?.defaultPayload ?? '';

  const warnings = structuredWarnings(properties[PROPERTY.responseMapping], payload);

  return <MappingList element={ element } id={ id } { ...RESPONSE_MAPPING } suggestions={ answerPaths(payload) }>
    { warnings.length > 0 && <ul class="catalyst-diagnostics catalyst-mapping__warnings" aria-label={ translate('Response mapping warnings') }>
      { warnings.map(warning => <li key={ warning } class="catalyst-diagnostic catalyst-diagnostic--warning">{ translate(warning) }</li>) }
    </ul> }
  </MappingList>;
}

/** `#` paths that read a text answer as JSON, or a field the schema lacks (the runtime still runs them). */
function structuredWarnings(mappingText: string | undefined, payload: string): string[] {
  if (!mappingText?.includes('#')) {
    return [];
  }

  try {
    const mapping: unknown = JSON.parse(mappingText);

    return mapping && typeof mapping === 'object' && !Array.isArray(mapping)
      ? lintStructuredMapping(mapping as Record<string, unknown>, payload).map(problem => problem.message)
      : [];
  } catch {
    return [];
  }
}

/** The schema's properties as mapping paths into the answer (`choices[0].message.content#priority`). */
function answerPaths(payload: string): string[] {
  const { schema } = payloadFormat(payload);

  return schema ? schemaPaths(schema).map(entry => `${ANSWER_CONTENT_PATH}#${entry.path}`) : [];
}

function ErrorMapping({ element, id }: { element: any; id: string }) {
  return <MappingList element={ element } id={ id } { ...ERROR_MAPPING } />;
}

export const ResponseMappingProps = catalystEntry('catalyst-responseMapping', ResponseMapping, isEdited);
export const ErrorMappingProps = catalystEntry('catalyst-errorMapping', ErrorMapping, isEdited);
