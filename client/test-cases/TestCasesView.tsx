/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { messageOf } from '../../runtime/errors';
import { newTestCase } from '../../runtime/testing/suggest';
import type { CaseResult, RunMode, TestCase, TestSuite } from '../../runtime/testing/types';
import type { ExecutionResult, TaskProperties } from '../../runtime/types';
import type { CatalystBridge } from '../bridge';

import { activeDiagramPath } from './diagram-path';
import { draftFromResult, readExpectations, type CaseDraft } from './draft';

export interface TestCasesViewProps {
  bridge: CatalystBridge;
  taskId: string;

  /** The task's properties now: cases run on unsaved edits too. */
  getProperties(): TaskProperties;

  /** The result on screen and the variables it ran with, when there is one. */
  lastRun: { result: ExecutionResult; variables: Record<string, unknown> } | null;

  /** The task's key variable (`secretSource` variable): never saved into a case. */
  secretVariable: string | null;

  /** Variables for runs only (the key typed for a key variable). */
  runVariables: Record<string, unknown>;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'unavailable'; message: string }
  | { state: 'error'; message: string }
  | { state: 'ready'; testFile: string; suite: TestSuite; recorded: string[] };

type Verdict = { running: true } | { running: false; result: Omit<CaseResult, 'recording'> } | { running: false; error: string };

const MODE_LABELS: Record<RunMode, string> = {
  live: 'Live (calls the provider)',
  record: 'Record (live, saves the answer)',
  replay: 'Replay recording (no key, no network)'
};

/**
 * The task's saved test cases in the test dialog: save the result on screen as a case
 * (expectations prefilled from it), run one or all, and see each expectation pass or fail.
 * The cases live beside the diagram, in `<diagram>.catalyst-tests.json`, where
 * `catalyst test` runs them in a pipeline.
 */
export function TestCasesView(props: TestCasesViewProps) {
  const { bridge, taskId, getProperties, lastRun, secretVariable, runVariables } = props;
  const diagram = activeDiagramPath();
  const [ loaded, setLoaded ] = useState<Loaded>({ state: 'loading' });
  const [ draft, setDraft ] = useState<CaseDraft | null>(null);
  const [ problem, setProblem ] = useState<string | null>(null);
  const [ saving, setSaving ] = useState(false);
  const [ mode, setMode ] = useState<RunMode>('live');
  const [ verdicts, setVerdicts ] = useState<Record<string, Verdict>>({});

  // the case saved from the result on screen: saving it twice would only add a copy
  const [ saved, setSaved ] = useState<{ result: ExecutionResult; name: string } | null>(null);

  useEffect(() => {
    if (!bridge.status().available) {
      setLoaded({ state: 'unavailable', message: 'Saved test cases need the desktop bridge: they are files beside the diagram.' });
      return;
    }

    if (!diagram) {
      setLoaded({ state: 'unavailable', message: 'Save the diagram first: its test cases are kept beside it, in <diagram>.catalyst-tests.json.' });
      return;
    }

    let current = true;

    bridge.readTestCases(diagram).then(
      answer => current && setLoaded({ state: 'ready', testFile: answer.testFile, suite: answer.suite, recorded: answer.recorded }),
      error => current && setLoaded({ state: 'error', message: messageOf(error) })
    );

    return () => {
      current = false;
    };
  }, [ diagram ]);

  // a new result is a new thing to save: the open form would describe the old one
  useEffect(() => {
    setDraft(null);
    setProblem(null);
  }, [ lastRun?.result ]);

  const cases = loaded.state === 'ready' ? loaded.suite.cases.filter(each => each.task === taskId) : [];
  const anyRunning = Object.values(verdicts).some(verdict => verdict.running);

  const save = async () => {
    if (!draft || loaded.state !== 'ready' || !diagram) {
      return;
    }

    const expectations = readExpectations(draft.expectText);

    if (!expectations.ok) {
      setProblem(expectations.problem);
      return;
    }

    const testCase = newTestCase(taskId, draft.name, draft.variables, expectations.expect, loaded.suite.cases);

    setSaving(true);
    setProblem(null);

    try {
      const answer = await bridge.writeTestCases(diagram, { ...loaded.suite, cases: [ ...loaded.suite.cases, testCase ] });

      setLoaded({ state: 'ready', testFile: answer.testFile, suite: answer.suite, recorded: answer.recorded });
      setDraft(null);

      if (lastRun) {
        setSaved({ result: lastRun.result, name: testCase.name });
      }
    } catch (error) {
      setProblem(`Not saved: ${messageOf(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const run = async (testCase: TestCase) => {
    if (!diagram) {
      return;
    }

    setVerdicts(current => ({ ...current, [testCase.name]: { running: true } }));

    let verdict: Verdict;

    try {
      const answer = await bridge.runTestCase({ diagram, properties: getProperties(), case: testCase, mode, variables: runVariables });

      verdict = { running: false, result: answer.result };

      if (answer.recorded) {
        setLoaded(current => current.state === 'ready' && !current.recorded.includes(testCase.name)
          ? { ...current, recorded: [ ...current.recorded, testCase.name ] }
          : current);
      }
    } catch (error) {
      verdict = { running: false, error: messageOf(error) };
    }

    setVerdicts(current => ({ ...current, [testCase.name]: verdict }));
  };

  const runAll = async () => {

    // one after another: the provider sees what a pipeline with --concurrency 1 would send
    for (const testCase of cases) {
      await run(testCase);
    }
  };

  return <section class="catalyst-test-cases" aria-label="Test cases">
    <div class="catalyst-test-cases__head">
      <h3>Test cases{ loaded.state === 'ready' && ` (${cases.length})` }</h3>
      { loaded.state === 'ready' && <span class="catalyst-test-cases__file" title={ loaded.testFile }>{ baseName(loaded.testFile) }</span> }
    </div>

    { loaded.state === 'loading' && <p class="catalyst-test-call__note">Reading the saved test cases…</p> }
    { loaded.state === 'unavailable' && <p class="catalyst-test-call__note">{ loaded.message }</p> }
    { loaded.state === 'error' && <p class="catalyst-test-call__error" role="alert">The test cases cannot be read: { loaded.message }</p> }

    { saved && saved.result === lastRun?.result && <p class="catalyst-test-call__note" role="status">Saved “{ saved.name }” beside the diagram; <code>catalyst test</code> runs it in a pipeline</p> }

    { loaded.state === 'ready' && lastRun && !draft && saved?.result !== lastRun.result && <button
      type="button"
      class="catalyst-test-call__button"
      onClick={ () => setDraft(draftFromResult(lastRun.result, lastRun.variables, secretVariable, taskId)) }>Save as test case</button> }

    { loaded.state === 'ready' && draft && <div class="catalyst-test-cases__draft" role="group" aria-label="New test case">
      <label class="catalyst-test-cases__field">
        Name
        <input class="catalyst-test-call__input" value={ draft.name } onInput={ event => setDraft({ ...draft, name: (event.target as HTMLInputElement).value }) } />
      </label>
      <label class="catalyst-test-cases__field">
        Expectations (prefilled from this result; see docs/testing.md)
        <textarea
          class="catalyst-test-call__input catalyst-test-cases__expect"
          spellcheck={ false }
          rows={ Math.min(14, draft.expectText.split('\n').length) }
          value={ draft.expectText }
          onInput={ event => setDraft({ ...draft, expectText: (event.target as HTMLTextAreaElement).value }) } />
      </label>
      <p class="catalyst-test-call__hint">Inputs: { Object.keys(draft.variables).length ? Object.keys(draft.variables).join(', ') : 'none' }{ secretVariable && `; ${secretVariable} (the key) is not saved` }</p>
      { problem && <p class="catalyst-test-call__error" role="alert">{ problem }</p> }
      <div class="catalyst-test-call__actions">
        <button type="button" class="catalyst-test-call__button catalyst-test-call__button--primary" disabled={ saving } onClick={ save }>Save case</button>
        <button type="button" class="catalyst-test-call__button" onClick={ () => setDraft(null) }>Discard</button>
      </div>
    </div> }

    { loaded.state === 'ready' && cases.length === 0 && !draft && <p class="catalyst-test-call__note">No saved cases for this task yet. Send, then save the result as a case.</p> }

    { cases.length > 0 && <div class="catalyst-test-cases__run">
      <label>
        Run as{ ' ' }
        <select value={ mode } onChange={ event => setMode((event.target as HTMLSelectElement).value as RunMode) }>
          { (Object.keys(MODE_LABELS) as RunMode[]).map(each => <option key={ each } value={ each }>{ MODE_LABELS[each] }</option>) }
        </select>
      </label>
      <button type="button" class="catalyst-test-call__button" disabled={ anyRunning } onClick={ runAll }>Run all</button>
    </div> }

    { cases.length > 0 && <ul class="catalyst-test-cases__list" aria-label="Saved test cases">
      { cases.map(testCase => <CaseRow
        key={ testCase.name }
        testCase={ testCase }
        recorded={ loaded.state === 'ready' && loaded.recorded.includes(testCase.name) }
        verdict={ verdicts[testCase.name] }
        onRun={ () => run(testCase) } />) }
    </ul> }
  </section>;
}

function CaseRow({ testCase, recorded, verdict, onRun }: { testCase: TestCase; recorded: boolean; verdict?: Verdict; onRun(): void }) {
  const status = !verdict ? 'not run' : verdict.running ? 'running…' : 'error' in verdict ? 'could not run' : verdict.result.passed ? 'passed' : 'failed';
  const tone = !verdict || verdict.running ? 'idle' : 'result' in verdict && verdict.result.passed ? 'pass' : 'fail';

  return <li class="catalyst-test-cases__case" aria-label={ testCase.name }>
    <div class="catalyst-test-cases__row">
      <span class={ `catalyst-test-cases__status catalyst-test-cases__status--${tone}` } role="status">{ status }</span>
      <span class="catalyst-test-cases__name">{ testCase.name }</span>
      { recorded && <span class="catalyst-test-cases__tag" title="A recording exists: the case can run as a replay">recorded</span> }
      <button type="button" class="catalyst-test-call__button catalyst-test-call__button--quiet" aria-label={ `Run ${testCase.name}` } disabled={ verdict?.running } onClick={ onRun }>Run</button>
    </div>
    { verdict && !verdict.running && 'error' in verdict && <p class="catalyst-test-call__error" role="alert">{ verdict.error }</p> }
    { verdict && !verdict.running && 'result' in verdict && <ul class="catalyst-test-cases__checks" aria-label={ `Expectations of ${testCase.name}` }>
      { verdict.result.checks.map((check, index) => <li key={ index } class={ check.passed ? 'is-pass' : 'is-fail' }>
        <span aria-hidden="true">{ check.passed ? '✓' : '✗' }</span> { check.label }{ check.passed ? '' : ` — ${check.detail ?? 'failed'}` }
        <span class="catalyst-test-cases__sr">{ check.passed ? ' (passed)' : ' (failed)' }</span>
      </li>) }
    </ul> }
  </li>;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
