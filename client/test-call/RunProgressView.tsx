/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { formatMs } from './outcome-text';
import { streamRates, type RunProgress } from './run-progress';
import { untranslated, type Translate } from './translate';

/** The run as it happens: the attempt, retries with their waits, the answer token by token. */
export function RunProgressView({ progress, running, translate = untranslated }: { progress: RunProgress; running: boolean; translate?: Translate }) {
  const { timeToFirstTokenMs, tokensPerSecond } = streamRates(progress);

  return <section class="catalyst-test-call__progress" aria-label={ translate('Progress') }>
    { running && <p class="catalyst-test-call__note" role="status">
      { progress.attempt ? translate('Attempt {attempt} running…', { attempt: String(progress.attempt) }) : translate('Starting…') }
    </p> }
    { progress.retries.length > 0 && <ul class="catalyst-test-call__retries" aria-label={ translate('Retries') }>
      { progress.retries.map(retry => <li key={ retry.attempt }>
        { translate('{reason} — waiting {wait} before attempt {attempt}', { reason: retry.reason, wait: formatMs(retry.waitMs), attempt: String(retry.attempt) }) }
      </li>) }
    </ul> }
    { progress.reasoning && <details class="catalyst-test-call__section" open={ running }>
      <summary>{ translate('Reasoning (streamed)') }</summary>
      <pre class="catalyst-test-call__text catalyst-test-call__text--reasoning">{ progress.reasoning }</pre>
    </details> }
    { (progress.chunks > 0 || progress.answer) && <>
      <pre class="catalyst-test-call__text catalyst-test-call__stream" aria-label={ translate('Streamed answer') } aria-live="polite">{ progress.answer }</pre>
      <p class="catalyst-test-call__rates">
        { translate('First token after {time} · {rate} tokens/s · {chunks} chunks', {
          time: timeToFirstTokenMs === null ? '—' : formatMs(timeToFirstTokenMs),
          rate: tokensPerSecond === null ? '—' : tokensPerSecond.toFixed(1),
          chunks: String(progress.chunks)
        }) }
      </p>
    </> }
  </section>;
}
