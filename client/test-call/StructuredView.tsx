/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { ANSWER_CONTENT_PATH } from '../../runtime/structured/answer-path';
import type { ExecutionResult, StructuredVerdict } from '../../runtime/types';

import { JsonTree, type JsonTreeProps } from './JsonTree';
import { untranslated, type Translate } from './translate';

export interface StructuredViewProps {
  result: ExecutionResult;
  onMap: JsonTreeProps['onMap'];
  translate?: Translate;
}

const REQUESTED: Record<StructuredVerdict['requested'], string> = {
  schema: 'Structured answer (JSON with schema)',
  json: 'Structured answer (JSON)',
  text: 'Structured answer (text read as JSON)'
};

/**
 * The structured answer (design §5.7): the verdict of the runtime's check (which ran on the
 * desktop, not in this page) with every failing path, which way the worker goes with it,
 * and the parsed object, whose fields map to variables with a click.
 */
export function StructuredView({ result, onMap, translate = untranslated }: StructuredViewProps) {
  const verdict = result.structured;

  if (!verdict) {
    return null;
  }

  return <section class="catalyst-test-call__section catalyst-structured" aria-label={ translate('Structured answer') }>
    <h3 class="catalyst-structured__title">{ translate(REQUESTED[verdict.requested]) }</h3>
    <p class={ `catalyst-structured__verdict catalyst-structured__verdict--${verdict.valid ? 'valid' : 'invalid'}` } role="status">
      { verdictText(verdict, translate) } { consequence(result, translate) }
    </p>
    { verdict.schemaUnchecked && <p class="catalyst-test-call__note">{ translate('Not checked against the schema: {reason}.', { reason: verdict.schemaUnchecked }) }</p> }
    { verdict.problems.length > 0 && <ul class="catalyst-structured__problems" aria-label={ translate('Schema problems') }>
      { verdict.problems.map(problem => <li key={ `${problem.path}:${problem.message}` }>
        <code>{ problem.path }</code>: { problem.message }
      </li>) }
    </ul> }
    { verdict.parsed !== undefined && <>
      <p class="catalyst-test-call__note">{ translate('Click a field to map it to a variable.') }</p>
      <JsonTree value={ verdict.parsed } onMap={ onMap } basePath={ `${verdict.source || ANSWER_CONTENT_PATH}#` } label={ translate('Parsed answer') } rootName="answer" translate={ translate } />
    </> }
  </section>;
}

function verdictText(verdict: StructuredVerdict, translate: Translate): string {
  if (verdict.valid) {
    return verdict.requested === 'schema' && !verdict.schemaUnchecked ? translate('The answer matches the schema.') : translate('The answer is valid JSON.');
  }

  if (verdict.parsed === undefined) {
    return translate('The answer is not valid JSON.');
  }

  const count = verdict.problems.length;

  return translate(count === 1 ? 'The answer breaks the schema in {count} place.' : 'The answer breaks the schema in {count} places.', { count: String(count) });
}

function consequence(result: ExecutionResult, translate: Translate): string {
  if (result.structured?.valid) {
    return '';
  }

  if (result.outcome === 'bpmnError') {
    return translate('The worker would throw BPMN error {code} and set no mapped variables.', { code: result.bpmnError?.code ?? '' });
  }

  return result.outcome === 'failure' ? translate('The worker would report a failure (the engine retries).') : '';
}
