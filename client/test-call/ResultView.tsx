/** @jsxImportSource @bpmn-io/properties-panel/preact */
import type { ComponentChildren } from '@bpmn-io/properties-panel/preact';

import { LARGE_VALUE_CHARS } from '../../runtime/execute';
import type { Attempt, ExecutionResult } from '../../runtime/types';

import { JsonTree, type JsonTreeProps } from './JsonTree';
import { RichText } from './RichText';
import { StructuredView } from './StructuredView';
import { describeOutcome, formatBytes, formatMs } from './outcome-text';
import { untranslated, type Translate } from './translate';

export interface ResultViewProps {
  result: ExecutionResult;
  cancelled: boolean;
  onMap: JsonTreeProps['onMap'];
  translate?: Translate;
}

const STANDARD_PREFIX = 'catalyst_';
const VALUE_PREVIEW_CHARS = 600;

/** What the worker would do with this result, and everything that led there. */
export function ResultView({ result, cancelled, onMap, translate = untranslated }: ResultViewProps) {
  const outcome = describeOutcome(result, translate);
  const body = parseBody(result.response?.body);

  return <section class="catalyst-test-call__result" aria-label={ translate('Result') }>
    <div class={ `catalyst-test-call__outcome catalyst-test-call__outcome--${outcome.tone}` } role="status">
      <strong>{ cancelled ? `${translate('Cancelled.')} ` : '' }{ outcome.headline }</strong>
      { outcome.detail && <div><RichText text={ outcome.detail } /></div> }
    </div>

    <dl class="catalyst-test-call__facts">
      <Fact term={ translate('Status') }>{ result.statusCode ?? translate('no answer') }</Fact>
      <Fact term={ translate('Time') }>{ formatMs(result.durationMs) }</Fact>
      <Fact term={ translate('Size') }>{ result.response ? formatBytes(result.response.sizeBytes) : '—' }</Fact>
      <Fact term={ translate('Attempts') }>{ result.attempts.length }</Fact>
      <Fact term={ translate('Finish reason') } warn={ result.finishReason === 'length' }>
        { result.finishReason ?? '—' }
        { result.finishReason === 'length' && ` ${translate('(cut off)')}` }
        { result.finishReason === 'tool_calls' && ` ${translate('(the model asks for a tool call)')}` }
      </Fact>
      { result.stream && <Fact term={ translate('First token') }>{ result.stream.timeToFirstTokenMs === null ? '—' : formatMs(result.stream.timeToFirstTokenMs) }</Fact> }
      { result.stream && <Fact term={ translate('Tokens/s') }>{ result.stream.tokensPerSecond === null ? '—' : result.stream.tokensPerSecond.toFixed(1) }</Fact> }
    </dl>

    <Attempts attempts={ result.attempts } translate={ translate } />

    { result.warnings.length > 0 && <ul class="catalyst-test-call__warnings" aria-label={ translate('Warnings') }>
      { result.warnings.map(warning => <li key={ warning }><RichText text={ warning } /></li>) }
    </ul> }

    <Variables result={ result } translate={ translate } />

    <StructuredView result={ result } onMap={ onMap } translate={ translate } />

    { result.reasoning && <details class="catalyst-test-call__section">
      <summary>{ translate('Reasoning ({count} characters, not mapped)', { count: result.reasoning.length.toLocaleString('en') }) }</summary>
      <pre class="catalyst-test-call__text">{ result.reasoning }</pre>
    </details> }

    { result.response && <details class="catalyst-test-call__section" open>
      <summary>{ translate('Response body — click a name to map it to a variable') }</summary>
      { body.parsed
        ? <JsonTree value={ body.value } onMap={ onMap } translate={ translate } />
        : <pre class="catalyst-test-call__text">{ result.response.body }</pre> }
    </details> }

    { result.response && <details class="catalyst-test-call__section">
      <summary>{ translate('Response headers ({count})', { count: String(Object.keys(result.response.headers).length) }) }</summary>
      <table class="catalyst-test-call__table">
        <tbody>
          { Object.entries(result.response.headers).map(([ name, value ]) => <tr key={ name }><th scope="row">{ name }</th><td>{ value }</td></tr>) }
        </tbody>
      </table>
    </details> }
  </section>;
}

function Fact({ term, warn, children }: { term: string; warn?: boolean; children: ComponentChildren }) {
  return <div class="catalyst-test-call__fact">
    <dt>{ term }</dt>
    <dd class={ warn ? 'catalyst-test-call__warn' : '' }>{ children }</dd>
  </div>;
}

function Attempts({ attempts, translate }: { attempts: Attempt[]; translate: Translate }) {
  if (!attempts.length) {
    return <p class="catalyst-test-call__note">{ translate('No request was sent.') }</p>;
  }

  return <ol class="catalyst-test-call__attempts" aria-label={ translate('Attempts') }>
    { attempts.map((attempt, index) => <li key={ index }>
      { attempt.waitedMs > 0 && <span class="catalyst-test-call__wait">{ translate('waited {wait}, then', { wait: formatMs(attempt.waitedMs) }) } </span> }
      { translate('{answer} in {time}', {
        answer: attempt.statusCode === null ? translate('no answer') : `HTTP ${attempt.statusCode}`,
        time: formatMs(attempt.ms)
      }) }
      { attempt.error && <span class="catalyst-test-call__attempt-error"> — <RichText text={ attempt.error } /></span> }
    </li>) }
  </ol>;
}

function Variables({ result, translate }: { result: ExecutionResult; translate: Translate }) {
  const entries = Object.entries(result.variables);
  const mapped = entries.filter(([ name ]) => !name.startsWith(STANDARD_PREFIX));
  const standard = entries.filter(([ name ]) => name.startsWith(STANDARD_PREFIX));

  return <table class="catalyst-test-call__table catalyst-test-call__variables" aria-label={ translate('Variables') }>
    <thead><tr><th scope="col">{ translate('Variable') }</th><th scope="col">{ translate('Value') }</th></tr></thead>
    <tbody>
      { [ ...mapped, ...standard ].map(([ name, value ]) => {
        const large = result.largeVariables.includes(name);

        return <tr key={ name } class={ name.startsWith(STANDARD_PREFIX) ? 'catalyst-test-call__standard' : '' }>
          <th scope="row"><code>{ name }</code></th>
          <td>
            <span class="catalyst-test-call__value">{ shortValue(value, translate) }</span>
            { large && <div class="catalyst-test-call__warn">
              { translate('over {count} characters: the worker stores it as Json, not String', { count: LARGE_VALUE_CHARS.toLocaleString('en') }) }
            </div> }
          </td>
        </tr>;
      }) }
    </tbody>
  </table>;
}

function shortValue(value: unknown, translate: Translate): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);

  return text.length > VALUE_PREVIEW_CHARS
    ? `${text.slice(0, VALUE_PREVIEW_CHARS)}… ${translate('({count} characters)', { count: text.length.toLocaleString('en') })}`
    : text;
}

function parseBody(body: string | undefined): { parsed: true; value: unknown } | { parsed: false } {
  if (body === undefined) {
    return { parsed: false };
  }

  try {
    return { parsed: true, value: JSON.parse(body) };
  } catch {
    return { parsed: false };
  }
}
