/** @jsxImportSource @bpmn-io/properties-panel/preact */
import type { ComponentChildren } from '@bpmn-io/properties-panel/preact';
import { useState } from '@bpmn-io/properties-panel/preact/hooks';

import { tokensUsed } from '../../runtime/testing/tokens';

import { formatMs } from './outcome-text';
import { answerText } from './run-store';
import type { SessionRun } from './test-call-state';
import { diffWords } from './text-diff';
import { untranslated, type Translate } from './translate';

const STANDARD_PREFIX = 'catalyst_';

/**
 * Two runs of this session side by side: outcome, status, tokens, time, the variables
 * that differ and a word diff of the answer. By default the run before the last one
 * against the last one: "what did my edit change".
 */
export function CompareView({ runs, translate = untranslated }: { runs: SessionRun[]; translate?: Translate }) {
  const [ picked, setPicked ] = useState<{ before: number; after: number } | null>(null);

  if (runs.length < 2) {
    return null;
  }

  const byNumber = (number: number | undefined) => runs.find(run => run.number === number);
  const after = byNumber(picked?.after) ?? runs[0];
  const before = byNumber(picked?.before) ?? runs[1];
  const label = (run: SessionRun) => translate('Run {number} ({time})', { number: String(run.number), time: new Date(run.at).toLocaleTimeString('en-GB') });

  const pick = (side: 'before' | 'after', number: number) => setPicked({ before: before.number, after: after.number, [side]: number });

  return <section class="catalyst-test-call__compare" aria-label={ translate('Compare runs') }>
    <h3>{ translate('Compare runs') }</h3>
    <div class="catalyst-test-call__compare-pick">
      <label>{ translate('Run') } <select value={ String(before.number) } onChange={ event => pick('before', Number((event.target as HTMLSelectElement).value)) }>
        { runs.map(run => <option key={ run.number } value={ String(run.number) }>{ label(run) }</option>) }
      </select></label>
      <label>{ translate('against run') } <select value={ String(after.number) } onChange={ event => pick('after', Number((event.target as HTMLSelectElement).value)) }>
        { runs.map(run => <option key={ run.number } value={ String(run.number) }>{ label(run) }</option>) }
      </select></label>
    </div>
    <table class="catalyst-test-call__table catalyst-test-call__compare-table" aria-label={ translate('Differences between the runs') }>
      <thead><tr><th scope="col">{ translate('What') }</th><th scope="col">{ translate('Run {number}', { number: String(before.number) }) }</th><th scope="col">{ translate('Run {number}', { number: String(after.number) }) }</th></tr></thead>
      <tbody>
        { facts(before, translate).map((fact, index) => {
          const other = facts(after, translate)[index];

          return <Row key={ fact.name } name={ fact.name } before={ fact.value } after={ other.value } translate={ translate } />;
        }) }
        { variableNames(before, after).map(name => <Row
          key={ `variable:${name}` }
          name={ <code>{ name }</code> }
          before={ shown(before.result?.variables[name]) }
          after={ shown(after.result?.variables[name]) }
          translate={ translate } />) }
      </tbody>
    </table>
    <AnswerDiff before={ answerText(before.result) } after={ answerText(after.result) } translate={ translate } />
  </section>;
}

function Row({ name, before, after, translate }: { name: ComponentChildren; before: string; after: string; translate: Translate }) {
  const changed = before !== after;

  return <tr class={ changed ? 'catalyst-test-call__changed' : '' }>
    <th scope="row">{ name }</th>
    <td>{ before }</td>
    <td>{ after }{ changed && <span class="catalyst-test-call__hidden"> { translate('(changed)') }</span> }</td>
  </tr>;
}

function AnswerDiff({ before, after, translate }: { before: string; after: string; translate: Translate }) {
  if (before === after) {
    return <p class="catalyst-test-call__note">{ before ? translate('The answer is the same.') : translate('Neither run has an answer text.') }</p>;
  }

  const parts = diffWords(before, after);

  return <figure class="catalyst-test-call__diff">
    <figcaption>{ translate('Answer: removed and added words') }</figcaption>
    { parts
      ? <p class="catalyst-test-call__text" aria-label={ translate('Answer diff') }>
        { parts.map((part, index) => part.kind === 'same'
          ? part.text
          : part.kind === 'removed'
            ? <del key={ index }><span class="catalyst-test-call__hidden">{ translate('[removed:') } </span>{ part.text }<span class="catalyst-test-call__hidden">]</span></del>
            : <ins key={ index }><span class="catalyst-test-call__hidden">{ translate('[added:') } </span>{ part.text }<span class="catalyst-test-call__hidden">]</span></ins>) }
      </p>
      : <p class="catalyst-test-call__note">{ translate('The answers are too long to compare word by word.') }</p> }
  </figure>;
}

function facts(run: SessionRun, translate: Translate): Array<{ name: string; value: string }> {
  const { result } = run;
  const tokens = result ? tokensUsed(result) : null;

  return [
    { name: translate('Outcome'), value: run.cancelled || !result ? translate('cancelled') : outcomeWord(result.outcome, translate) },
    { name: translate('Status'), value: result?.statusCode === null || !result ? '—' : String(result.statusCode) },
    { name: translate('Tokens'), value: tokens === null ? '—' : String(tokens) },
    { name: translate('Time'), value: result ? formatMs(result.durationMs) : '—' },
    { name: translate('Attempts'), value: String(result?.attempts.length ?? 0) }
  ];
}

function outcomeWord(outcome: 'complete' | 'bpmnError' | 'failure', translate: Translate): string {
  return outcome === 'complete' ? translate('completes') : outcome === 'bpmnError' ? translate('BPMN error') : translate('fails');
}

function variableNames(before: SessionRun, after: SessionRun): string[] {
  const names = new Set([ ...Object.keys(before.result?.variables ?? {}), ...Object.keys(after.result?.variables ?? {}) ]);

  return [ ...names ].filter(name => !name.startsWith(STANDARD_PREFIX));
}

function shown(value: unknown): string {
  return value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}
