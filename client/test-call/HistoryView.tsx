/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { formatBytes, formatMs } from './outcome-text';
import type { RunRecord } from './run-store';
import type { VariableInput } from './variable-inputs';

/** The task's last runs side by side, to compare prompts, models and timings. */
export function HistoryView({ history, onReuse }: { history: RunRecord[]; onReuse(inputs: Record<string, VariableInput>): void }) {
  if (!history.length) {
    return null;
  }

  return <details class="catalyst-test-call__section catalyst-test-call__history" open>
    <summary>Earlier runs of this task ({ history.length })</summary>
    <table class="catalyst-test-call__table" aria-label="Earlier runs">
      <thead>
        <tr>
          <th scope="col">When</th><th scope="col">Outcome</th><th scope="col">Status</th><th scope="col">Time</th>
          <th scope="col">Attempts</th><th scope="col">Size</th><th scope="col">Answer or error</th><th scope="col"><span class="catalyst-test-call__hidden">Inputs</span></th>
        </tr>
      </thead>
      <tbody>
        { history.map(run => <tr key={ run.at }>
          <td>{ new Date(run.at).toLocaleTimeString('en-GB') }</td>
          <td>{ outcomeLabel(run) }</td>
          <td>{ run.statusCode ?? '—' }</td>
          <td>{ formatMs(run.durationMs) }</td>
          <td>{ run.attempts }</td>
          <td>{ run.sizeBytes === null ? '—' : formatBytes(run.sizeBytes) }</td>
          <td class="catalyst-test-call__summary">{ run.finishReason === 'length' ? '(cut off) ' : '' }{ run.summary }</td>
          <td><button type="button" class="catalyst-test-call__button catalyst-test-call__button--quiet" onClick={ () => onReuse(run.inputs) }>Use inputs</button></td>
        </tr>) }
      </tbody>
    </table>
  </details>;
}

function outcomeLabel(run: RunRecord): string {
  switch (run.outcome) {
  case 'complete':
    return 'completes';
  case 'bpmnError':
    return `BPMN error ${run.bpmnErrorCode ?? ''}`.trim();
  case 'failure':
    return 'fails';
  default:
    return 'cancelled';
  }
}
