/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { formatBytes, formatMs } from './outcome-text';
import type { RunRecord } from './run-store';
import { untranslated, type Translate } from './translate';
import type { VariableInput } from './variable-inputs';

/** The task's last runs side by side, to compare prompts, models and timings. */
export function HistoryView({ history, onReuse, translate = untranslated }: { history: RunRecord[]; onReuse(inputs: Record<string, VariableInput>): void; translate?: Translate }) {
  if (!history.length) {
    return null;
  }

  return <details class="catalyst-test-call__section catalyst-test-call__history" open>
    <summary>{ translate('Earlier runs of this task ({count})', { count: String(history.length) }) }</summary>
    <table class="catalyst-test-call__table" aria-label={ translate('Earlier runs') }>
      <thead>
        <tr>
          <th scope="col">{ translate('When') }</th><th scope="col">{ translate('Outcome') }</th><th scope="col">{ translate('Status') }</th><th scope="col">{ translate('Time') }</th>
          <th scope="col">{ translate('Attempts') }</th><th scope="col">{ translate('Size') }</th><th scope="col">{ translate('Answer or error') }</th>
          <th scope="col"><span class="catalyst-test-call__hidden">{ translate('Inputs') }</span></th>
        </tr>
      </thead>
      <tbody>
        { history.map(run => <tr key={ run.at }>
          <td>{ new Date(run.at).toLocaleTimeString('en-GB') }</td>
          <td>{ outcomeLabel(run, translate) }</td>
          <td>{ run.statusCode ?? '—' }</td>
          <td>{ formatMs(run.durationMs) }</td>
          <td>{ run.attempts }</td>
          <td>{ run.sizeBytes === null ? '—' : formatBytes(run.sizeBytes) }</td>
          <td class="catalyst-test-call__summary">{ run.finishReason === 'length' ? `${translate('(cut off)')} ` : '' }{ run.summary }</td>
          <td><button type="button" class="catalyst-test-call__button catalyst-test-call__button--quiet" onClick={ () => onReuse(run.inputs) }>{ translate('Use inputs') }</button></td>
        </tr>) }
      </tbody>
    </table>
  </details>;
}

function outcomeLabel(run: RunRecord, translate: Translate): string {
  switch (run.outcome) {
  case 'complete':
    return translate('completes');
  case 'bpmnError':
    return run.bpmnErrorCode ? translate('BPMN error {code}', { code: run.bpmnErrorCode }) : translate('BPMN error');
  case 'failure':
    return translate('fails');
  default:
    return translate('cancelled');
  }
}
