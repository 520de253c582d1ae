/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { formatMs } from './outcome-text';
import { streamRates, type RunProgress } from './run-progress';

/** The run as it happens: the attempt, retries with their waits, the answer token by token. */
export function RunProgressView({ progress, running }: { progress: RunProgress; running: boolean }) {
  const { timeToFirstTokenMs, tokensPerSecond } = streamRates(progress);

  return <section class="catalyst-test-call__progress" aria-label="Progress">
    { running && <p class="catalyst-test-call__note" role="status">
      { progress.attempt ? `Attempt ${progress.attempt} running…` : 'Starting…' }
    </p> }
    { progress.retries.length > 0 && <ul class="catalyst-test-call__retries" aria-label="Retries">
      { progress.retries.map(retry => <li key={ retry.attempt }>
        { retry.reason } — waiting { formatMs(retry.waitMs) } before attempt { retry.attempt }
      </li>) }
    </ul> }
    { progress.reasoning && <details class="catalyst-test-call__section" open={ running }>
      <summary>Reasoning (streamed)</summary>
      <pre class="catalyst-test-call__text catalyst-test-call__text--reasoning">{ progress.reasoning }</pre>
    </details> }
    { (progress.chunks > 0 || progress.answer) && <>
      <pre class="catalyst-test-call__text catalyst-test-call__stream" aria-label="Streamed answer" aria-live="polite">{ progress.answer }</pre>
      <p class="catalyst-test-call__rates">
        First token after { timeToFirstTokenMs === null ? '—' : formatMs(timeToFirstTokenMs) }
        { ' · ' }{ tokensPerSecond === null ? '—' : tokensPerSecond.toFixed(1) } tokens/s
        { ' · ' }{ progress.chunks } chunks
      </p>
    </> }
  </section>;
}
