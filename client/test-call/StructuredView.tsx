/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { ANSWER_CONTENT_PATH } from '../../runtime/structured/answer-path';
import type { ExecutionResult, StructuredVerdict } from '../../runtime/types';

import { JsonTree, type JsonTreeProps } from './JsonTree';

export interface StructuredViewProps {
  result: ExecutionResult;
  onMap: JsonTreeProps['onMap'];
}

const REQUESTED: Record<StructuredVerdict['requested'], string> = {
  schema: 'JSON with schema',
  json: 'JSON',
  text: 'text read as JSON'
};

/**
 * The structured answer (design §5.7): the verdict of the runtime's check (which ran on the
 * desktop, not in this page) with every failing path, which way the worker goes with it,
 * and the parsed object, whose fields map to variables with a click.
 */
export function StructuredView({ result, onMap }: StructuredViewProps) {
  const verdict = result.structured;

  if (!verdict) {
    return null;
  }

  return <section class="catalyst-test-call__section catalyst-structured" aria-label="Structured answer">
    <h3 class="catalyst-structured__title">Structured answer ({ REQUESTED[verdict.requested] })</h3>
    <p class={ `catalyst-structured__verdict catalyst-structured__verdict--${verdict.valid ? 'valid' : 'invalid'}` } role="status">
      { verdictText(verdict) } { consequence(result) }
    </p>
    { verdict.schemaUnchecked && <p class="catalyst-test-call__note">Not checked against the schema: { verdict.schemaUnchecked }.</p> }
    { verdict.problems.length > 0 && <ul class="catalyst-structured__problems" aria-label="Schema problems">
      { verdict.problems.map(problem => <li key={ `${problem.path}:${problem.message}` }>
        <code>{ problem.path }</code>: { problem.message }
      </li>) }
    </ul> }
    { verdict.parsed !== undefined && <>
      <p class="catalyst-test-call__note">Click a field to map it to a variable.</p>
      <JsonTree value={ verdict.parsed } onMap={ onMap } basePath={ `${verdict.source || ANSWER_CONTENT_PATH}#` } label="Parsed answer" rootName="answer" />
    </> }
  </section>;
}

function verdictText(verdict: StructuredVerdict): string {
  if (verdict.valid) {
    return verdict.requested === 'schema' && !verdict.schemaUnchecked ? 'The answer matches the schema.' : 'The answer is valid JSON.';
  }

  if (verdict.parsed === undefined) {
    return 'The answer is not valid JSON.';
  }

  const count = verdict.problems.length;

  return `The answer breaks the schema in ${count} place${count === 1 ? '' : 's'}.`;
}

function consequence(result: ExecutionResult): string {
  if (result.structured?.valid) {
    return '';
  }

  if (result.outcome === 'bpmnError') {
    return `The worker would throw BPMN error ${result.bpmnError?.code} and set no mapped variables.`;
  }

  return result.outcome === 'failure' ? 'The worker would report a failure (the engine retries).' : '';
}
