/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { formatMs } from './outcome-text';
import { streamRates, type RunProgress } from './run-progress';
import { untranslated, type Translate } from './translate';

/**
 * The run as it happens: the attempt or the wait before the next one, the attempts that
 * failed, the answer token by token. Shown while the run goes only: once it ended, the
 * result says all of it (attempts, first token) once.
 */
export function RunProgressView({ progress, translate = untranslated }: { progress: RunProgress; translate?: Translate }) {
  const { timeToFirstTokenMs, tokensPerSecond } = streamRates(progress);
  const lastRetry = progress.retries[progress.retries.length - 1];
  const waiting = lastRetry && lastRetry.attempt > progress.attempt ? lastRetry : null;

  return <section class="catalyst-test-call__progress" aria-label={ translate('Progress') }>
    <p class="catalyst-test-call__note" role="status">
      { waiting
        ? translate('Waiting {wait} before attempt {attempt}…', { wait: formatMs(waiting.waitMs), attempt: String(waiting.attempt) })
        : progress.attempt ? translate('Attempt {attempt} running…', { attempt: String(progress.attempt) }) : translate('Starting…') }
    </p>
    { progress.retries.length > 0 && <ul class="catalyst-test-call__retries" aria-label={ translate('Failed attempts') }>
      { progress.retries.map(retry => <li key={ retry.attempt }>
        { translate('Attempt {attempt} failed: {reason}', { attempt: String(retry.attempt - 1), reason: retry.reason }) }
      </li>) }
    </ul> }
    { progress.reasoning && <details class="catalyst-test-call__section" open>
      <summary>{ translate('Reasoning (streamed)') }</summary>
      <pre class="catalyst-test-call__text catalyst-test-call__text--reasoning">{ progress.reasoning }</pre>
    </details> }
    { (progress.chunks > 0 || progress.answer) && <>
      <pre class="catalyst-test-call__text catalyst-test-call__stream" aria-label={ translate('Streamed answer') } aria-live="polite">{ progress.answer }</pre>
      <p class="catalyst-test-call__rates">
        { translate(progress.chunks === 1 ? 'First token after {time} · {rate} tokens/s · {chunks} chunk' : 'First token after {time} · {rate} tokens/s · {chunks} chunks', {
          time: timeToFirstTokenMs === null ? '—' : formatMs(timeToFirstTokenMs),
          rate: tokensPerSecond === null ? '—' : tokensPerSecond.toFixed(1),
          chunks: String(progress.chunks)
        }) }
      </p>
    </> }
  </section>;
}
