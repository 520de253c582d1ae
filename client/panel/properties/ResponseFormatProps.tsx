/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useMemo, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { getProvider } from '../../../runtime/catalog/providers';
import { DEFAULT_INVALID_RESPONSE_CODE, INVALID_RESPONSE_FAILURE, PROPERTY } from '../../../runtime/config';
import { messageOf } from '../../../runtime/errors';
import { writePayloadFormat, writeSchemaText, type ResponseFormatKind } from '../../../runtime/structured/format';
import { lintSchema } from '../../../runtime/structured/schema-lint';
import { STARTER_SCHEMAS, type StarterSchema } from '../../../runtime/structured/starters';
import type { Diagnostic, Provider } from '../../../runtime/types';
import { schemaKeywordCompletion } from '../../editor/schema-completion';
import { catalystEntry } from '../catalyst-entry';
import { CodePreview } from '../components/CodePreview';
import { DiagnosticList } from '../components/DiagnosticList';
import { payloadFormat, payloadModel } from '../derived';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useLazyCodeEditor } from '../hooks/useLazyCodeEditor';

type Translate = (text: string, replacements?: Record<string, string>) => string;

const KINDS: Array<{ kind: ResponseFormatKind; label: string }> = [
  { kind: 'text', label: 'Text' },
  { kind: 'json', label: 'JSON' },
  { kind: 'schema', label: 'JSON with schema' }
];

/**
 * Text / JSON / JSON with schema (design §5.7). The choice is written into the payload the
 * way the task's provider expects it (catalog `responseFormat`): what is stored stays plain
 * payload JSON, so the payload editor shows it and hand-written tasks keep working.
 */
function ResponseFormat({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useService<Translate>('translate');

  const properties = catalystTasks.getProperties(element);
  const provider = getProvider(properties[PROPERTY.provider] ?? '');
  const payload = properties[PROPERTY.payload] ?? provider?.defaultPayload ?? '';
  const format = payloadFormat(payload);
  const [ error, setError ] = useState<string | null>(null);

  // `starter`: replace the schema with it; without one, a schema the payload has stays and
  // a payload without one gets the first starter.
  const write = (kind: ResponseFormatKind, starter?: StarterSchema) => {
    try {
      const keep = !starter && format.kind === 'schema' && format.schema !== null;
      const chosen = starter ?? STARTER_SCHEMAS[0];
      const schema = keep ? format.schema! : chosen.schema;
      const name = keep ? format.name ?? chosen.name : chosen.name;

      catalystTasks.setProperty(element, PROPERTY.payload, writePayloadFormat(payload, provider, { kind, schema, name }));
      setError(null);
    } catch (problem) {
      setError(messageOf(problem));
    }
  };

  const selectId = `bio-properties-panel-${id}-kind`;
  const support = supportNote(provider, payload, format.kind, translate);

  return <div class="bio-properties-panel-entry catalyst-response-format" data-entry-id={ id }>
    <label class="bio-properties-panel-label" for={ selectId }>{ translate('Response format') }</label>
    <select
      id={ selectId }
      class="bio-properties-panel-input"
      value={ format.kind }
      onChange={ event => write((event.target as HTMLSelectElement).value as ResponseFormatKind) }>
      { KINDS.map(each => <option key={ each.kind } value={ each.kind } disabled={ !offers(provider, each.kind) }>{ translate(each.label) }</option>) }
    </select>
    { error && <div class="bio-properties-panel-error" role="alert">{ error }</div> }
    { support && <div class="bio-properties-panel-description catalyst-response-format__support">{ support }</div> }
    { format.kind === 'schema' && <>
      <label class="bio-properties-panel-label" for={ `${selectId}-starter` }>{ translate('Start from') }</label>
      <select
        id={ `${selectId}-starter` }
        class="bio-properties-panel-input"
        value=""
        onChange={ event => {
          const starter = STARTER_SCHEMAS.find(each => each.id === (event.target as HTMLSelectElement).value);

          if (starter) {
            write('schema', starter);
          }
        } }>
        <option value="">{ translate('(pick a starter schema)') }</option>
        { STARTER_SCHEMAS.map(starter => <option key={ starter.id } value={ starter.id }>{ translate(starter.label) }</option>) }
      </select>
      <SchemaEditor element={ element } id={ id } payload={ payload } schemaText={ format.schemaText ?? '' } translate={ translate } />
    </> }
    <div class="bio-properties-panel-description">
      { translate('Asks the model for a JSON answer. Map its fields with a path such as') } <code>choices[0].message.content#priority</code>.
    </div>
  </div>;
}

function offers(provider: Provider | undefined, kind: ResponseFormatKind): boolean {
  const flavour = provider?.responseFormat;

  if (!flavour || kind === 'text') {
    return true;
  }

  return kind === 'schema' ? flavour.schema !== null : flavour.json !== null || flavour.schema !== null;
}

/** What the catalog knows about the payload's model and the chosen format. */
function supportNote(provider: Provider | undefined, payload: string, kind: ResponseFormatKind, translate: Translate): string | null {
  if (!provider || kind === 'text') {
    return null;
  }

  const modelId = payloadModel(payload)?.value;
  const model = provider.models.find(each => each.id === modelId);
  const wanted = kind === 'schema' ? 'schema' : 'json';

  if (!model?.responseFormats || model.responseFormats.includes(wanted)) {
    return null;
  }

  return model.responseFormats.includes('json')
    ? translate('{model} on {provider} is not known to follow a schema; it answers JSON, which the worker checks against the schema.', { model: model.id, provider: provider.name })
    : translate('{model} on {provider} is not known to answer JSON; the worker checks the answer and ends invalid ones as the task says.', { model: model.id, provider: provider.name });
}

interface SchemaEditorProps {
  element: any;
  id: string;
  payload: string;
  schemaText: string;
  translate: Translate;
}

/**
 * The schema in a code editor: linted as typed (syntax, JSON types, keywords), completed
 * with JSON Schema keywords, and written into the payload byte for byte, one command per
 * pause in typing, only while it has no errors.
 */
function SchemaEditor({ element, id, payload, schemaText, translate }: SchemaEditorProps) {
  const catalystTasks = useCatalystTasks();
  const debounceInput = useService('debounceInput');
  const latestPayload = useRef(payload);
  latestPayload.current = payload;

  const [ lint, setLint ] = useState<{ text: string; diagnostics: Diagnostic[] }>({ text: schemaText, diagnostics: [] });

  const write = useMemo(() => debounceInput((text: string) => {
    catalystTasks.setProperty(element, PROPERTY.payload, writeSchemaText(latestPayload.current, text));
  }), [ element ]);

  const labelId = `bio-properties-panel-${id}-schema-label`;

  const { container, mounted, open } = useLazyCodeEditor({
    text: schemaText,
    write,
    labelledBy: labelId,
    lint: lintSchema,
    variables: () => [],
    completions: [ schemaKeywordCompletion() ],
    onChange: text => {
      if (lintSchema(text).some(diagnostic => diagnostic.severity === 'error')) {
        write.cancel?.();
      } else {
        write(text);
      }
    },
    onDiagnostics: (diagnostics, text) => setLint({ text, diagnostics })
  });

  return <div class="catalyst-schema">
    <div class="bio-properties-panel-label" id={ labelId }>{ translate('Schema') }</div>
    { !mounted && <CodePreview text={ schemaText } label={ translate('Schema') } onOpen={ open } /> }
    <div class="catalyst-payload__editor catalyst-schema__editor" ref={ container } />
    <DiagnosticList text={ lint.text } diagnostics={ lint.diagnostics } label={ translate('Schema problems') } />
  </div>;
}

/**
 * What an answer that is not the JSON asked for ends as (`catalyst.invalidResponse`):
 * a BPMN error with a code a boundary event catches (default INVALID_RESPONSE), or a
 * failure the engine retries. Shown where the task asks for JSON.
 */
function InvalidResponse({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useService<Translate>('translate');
  const debounceInput = useService('debounceInput');

  const properties = catalystTasks.getProperties(element);
  const stored = properties[PROPERTY.invalidResponse]?.trim() || DEFAULT_INVALID_RESPONSE_CODE;
  const failure = stored === INVALID_RESPONSE_FAILURE;
  const [ code, setCode ] = useState(failure ? DEFAULT_INVALID_RESPONSE_CODE : stored);
  const [ problem, setProblem ] = useState<string | null>(null);

  useEffect(() => {
    if (!failure) {
      setCode(stored);
    }
  }, [ stored ]);

  const store = (value: string) => {
    catalystTasks.setProperty(element, PROPERTY.invalidResponse, value === DEFAULT_INVALID_RESPONSE_CODE ? undefined : value);
  };

  const writeCode = useMemo(() => debounceInput(store), [ element ]);
  const selectId = `bio-properties-panel-${id}-outcome`;

  return <div class="bio-properties-panel-entry catalyst-invalid-response" data-entry-id={ id }>
    <label class="bio-properties-panel-label" for={ selectId }>{ translate('Invalid answer') }</label>
    <select
      id={ selectId }
      class="bio-properties-panel-input"
      value={ failure ? 'failure' : 'bpmnError' }
      onChange={ event => store((event.target as HTMLSelectElement).value === 'failure' ? INVALID_RESPONSE_FAILURE : code) }>
      <option value="bpmnError">{ translate('BPMN error') }</option>
      <option value="failure">{ translate('Failure') }</option>
    </select>
    { !failure && <>
      <label class="bio-properties-panel-label" for={ `${selectId}-code` }>{ translate('Error code') }</label>
      <input
        id={ `${selectId}-code` }
        class="bio-properties-panel-input"
        spellcheck={ false }
        value={ code }
        placeholder={ DEFAULT_INVALID_RESPONSE_CODE }
        onInput={ event => {
          const value = (event.target as HTMLInputElement).value.trim();

          setCode(value);

          if (/\s/.test(value) || value === INVALID_RESPONSE_FAILURE) {
            setProblem(translate('A BPMN error code has no spaces, e.g. {code}.', { code: DEFAULT_INVALID_RESPONSE_CODE }));
            writeCode.cancel?.();
          } else {
            setProblem(null);
            writeCode(value || DEFAULT_INVALID_RESPONSE_CODE);
          }
        } } />
      { problem && <div class="bio-properties-panel-error" role="alert">{ problem }</div> }
    </> }
    <div class="bio-properties-panel-description">
      { failure
        ? translate('The engine retries the task, then raises an incident.')
        : translate('A boundary error event can catch it.') } { translate('When the answer is not JSON or breaks the schema. The standard variables are set; mapped ones are not.') }
    </div>
  </div>;
}

function asksForJson(element: any, catalystTasks: ReturnType<typeof useCatalystTasks>): boolean {
  const properties = catalystTasks.getProperties(element);
  const provider = getProvider(properties[PROPERTY.provider] ?? '');
  const payload = properties[PROPERTY.payload] ?? provider?.defaultPayload ?? '';

  return payloadFormat(payload).kind !== 'text' || (properties[PROPERTY.responseMapping] ?? '').includes('#');
}

function InvalidResponseWhenJson({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();

  return asksForJson(element, catalystTasks) ? <InvalidResponse element={ element } id={ id } /> : null;
}

export const ResponseFormatProps = catalystEntry('catalyst-responseFormat', ResponseFormat, node => !!node);
export const InvalidResponseProps = catalystEntry('catalyst-invalidResponse', InvalidResponseWhenJson, node => !!node);
