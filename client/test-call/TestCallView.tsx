/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { PROPERTY, readTaskConfig, secretVariableName } from '../../runtime/config';
import { messageOf } from '../../runtime/errors';
import type { TaskProperties } from '../../runtime/types';
import { untrustedSendOf, type CatalystBridge } from '../bridge';
import type { CatalystTasks } from '../tasks';
import { TestCasesView } from '../test-cases/TestCasesView';

import { CompareView } from './CompareView';
import { curlCommand } from './curl-command';
import { HistoryView } from './HistoryView';
import { KeyTrustOffer } from './KeyTrustOffer';
import { withMappingRow } from './mapping-row';
import { ResultView } from './ResultView';
import { RichText } from './RichText';
import type { RunEvent } from './run-progress';
import { RunProgressView } from './RunProgressView';
import { recordOf, type RunStore } from './run-store';
import { runInEditor, runOnBridge, type RunHandle } from './run-task';
import { SecretLine } from './SecretLine';
import { initialState, testCallReducer } from './test-call-state';
import { untranslated, type Translate } from './translate';
import { inputValue, payloadVariables, runVariables, type VariableInput } from './variable-inputs';

/** The task a test call is for and the services it runs with (those of the task's editor). */
export interface TestCallTarget {
  element: any;
  diagramId: string;
  bridge: CatalystBridge;
  catalystTasks: CatalystTasks;
  store: RunStore;
  translate?: Translate;

  /** Calls `listener` whenever the diagram changed (the task edited, undone); returns the unsubscribe. */
  onTaskChanged?(listener: () => void): () => void;
}

export interface TestCallViewProps extends TestCallTarget {

  /** `tab`: in the bottom panel, beside the diagram; `modal`: the fallback dialog. */
  variant: 'tab' | 'modal';

  /** Changes each time the user asks to send from outside (Ctrl+Enter in the payload editor). */
  sendRequest?: number;
  onClose(): void;
}

/** Where the keyboard starts when the test call opens: its first field, not the × in the header. */
const INITIAL_FOCUS = '.catalyst-test-call__body :is(input, textarea, select, button)';

/**
 * Puts the keyboard into the test call's first field. A value prefilled from the last run
 * is selected: typing replaces it instead of joining it.
 */
export function focusFirstField(root: HTMLElement): void {
  const first = root.querySelector<HTMLElement>(INITIAL_FOCUS);

  first?.focus();

  if (first instanceof HTMLTextAreaElement || first instanceof HTMLInputElement) {
    first.select();
  }
}

const VARIABLE_NAME = /^[A-Za-z_][\w]*$/;

/** Whether a key press asks to send: Ctrl+Enter (Cmd+Enter on macOS). */
export function isSendShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/**
 * The test call: run the task's request through the runtime, on the desktop bridge
 * (or, without one, from the editor with a key typed for this call) and show what the
 * worker would do with the answer. The last result stays while the next run goes, and
 * two runs of the session can be compared.
 */
export function TestCallView(props: TestCallViewProps) {
  const { element, diagramId, bridge, catalystTasks, store, variant, sendRequest, onClose } = props;
  const translate = props.translate ?? untranslated;
  const taskId: string = element.id;
  const taskName: string = element.businessObject?.name || taskId;
  const titleId = `catalyst-test-call-title-${variant}`;

  const properties = catalystTasks.getProperties(element);
  const payload = properties[PROPERTY.payload] ?? '';
  const names = useMemo(() => payloadVariables(payload), [ payload ]);

  // a `${apiKey}` secret is a process variable too: asked for, but never remembered
  const secretVariable = secretVariableOf(properties);
  const taskRetries = retriesOf(properties);

  const [ state, dispatch ] = useReducer(testCallReducer, undefined, () => initialState(store.load(diagramId, taskId)));
  const { inputs, problems, running, runs } = state;
  const latest = runs[0];
  const handle = useRef<RunHandle | null>(null);

  const bridgeStatus = bridge.status();

  const close = () => {
    handle.current?.cancel();
    onClose();
  };

  // a run still going when the view goes (diagram closed) must not keep running
  useEffect(() => () => handle.current?.cancel(), []);

  // beside the diagram the task changes under the view: a variable added to the payload is asked for at once
  const [ , setRevision ] = useState(0);

  useEffect(() => props.onTaskChanged?.(() => setRevision(revision => revision + 1)), [ props.onTaskChanged ]);

  const variablesOrProblems = () => {
    const { variables, problems: found } = runVariables(names, inputs);

    dispatch({ type: 'problems', problems: found });

    if (Object.keys(found).length) {
      return null;
    }

    return secretVariable && !(secretVariable in variables) ? { ...variables, [secretVariable]: state.secretValue } : variables;
  };

  const send = () => {
    if (handle.current) {
      return;
    }

    const variables = variablesOrProblems();

    if (!variables) {
      return;
    }

    store.save(diagramId, taskId, inputs);
    dispatch({ type: 'start', variables });

    const request = {
      properties: catalystTasks.getProperties(element),
      variables,
      retries: state.withRetries ? undefined : 0,
      stream: state.stream || undefined,
      onEvent: (event: RunEvent) => dispatch({ type: 'event', event, now: performance.now() })
    };

    const run = bridgeStatus.available ? runOnBridge(bridge, request) : runInEditor({ ...request, apiKey: state.apiKey });
    const ranWith = inputs;

    handle.current = run;
    run.done.then(finished => {
      const { history } = store.save(diagramId, taskId, ranWith, recordOf(finished.result, finished.cancelled, ranWith));

      dispatch({ type: 'finish', end: finished, inputs: ranWith, history, at: Date.now() });
    }, error => {

      // refused by the trust rule before anything was sent: say why and offer the approval
      const refused = untrustedSendOf(error);

      dispatch({ type: 'fail', refused, message: refused ? null : messageOf(error) });
    }).finally(() => {
      handle.current = null;
    });
  };

  const copyCurl = () => {
    const variables = variablesOrProblems();

    if (!variables) {
      return;
    }

    let command: string;

    try {
      command = curlCommand(catalystTasks.getProperties(element), variables, { stream: state.stream });
    } catch (error) {
      dispatch({ type: 'curl', curl: { message: translate('No curl command: {reason}', { reason: messageOf(error) }) } });

      return;
    }

    dispatch({ type: 'curl', curl: { command, message: translate('Copying…') } });

    Promise.resolve().then(() => navigator.clipboard.writeText(command)).then(
      () => dispatch({ type: 'curl', curl: { command, message: translate('Copied to the clipboard. The key is written as an environment variable: set it in your shell first.') } }),
      () => dispatch({ type: 'curl', curl: { command, message: translate('The clipboard is not available here: copy the command from the box.') } })
    );
  };

  const mapToVariable = (variable: string, path: string): string => {
    if (!VARIABLE_NAME.test(variable)) {
      return translate('"{variable}" is not a variable name (letters, digits and _, not starting with a digit).', { variable });
    }

    const text = withMappingRow(catalystTasks.getProperty(element, PROPERTY.responseMapping), variable, path);

    catalystTasks.setProperty(element, PROPERTY.responseMapping, text);

    return translate('Added {variable} → {path} to the response mapping (undo with Ctrl+Z). Send again to see it mapped.', { variable, path });
  };

  // the approval is answered in the host's own window, later; Ctrl+Enter in the payload
  // editor arrives as a prop: both send with the inputs of that moment
  const latestSend = useRef(send);
  latestSend.current = send;

  useEffect(() => {
    if (sendRequest) {
      latestSend.current();
    }
  }, [ sendRequest ]);

  // a control that goes away with the focus on it (the trust offer after a yes, a field
  // of a variable taken out of the payload) would leave the keyboard on the page: noted
  // while rendering, before the change is in the page, and the focus goes to Send after it
  const root = useRef<HTMLDivElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);

  hadFocus.current = !!root.current?.contains(document.activeElement);

  useLayoutEffect(() => {
    if (hadFocus.current && (!document.activeElement || document.activeElement === document.body)) {
      sendButton.current?.focus();
    }
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (isSendShortcut(event)) {
      event.preventDefault();
      latestSend.current();
    }
  };

  const resultTitle = latest ? translate('Result of run {number}', { number: String(latest.number) }) : '';

  return <div ref={ root } class={ `catalyst-test-call catalyst-test-call--${variant}` } role={ variant === 'tab' ? 'region' : undefined } aria-labelledby={ titleId } aria-busy={ running ? 'true' : 'false' } onKeyDown={ onKeyDown }>
    <header class="catalyst-test-call__header">
      <h2 id={ titleId }>{ translate('Test call: {task}', { task: taskName }) }</h2>
      <span class="catalyst-test-call__shortcut">{ variant === 'tab' ? translate('Ctrl+Enter sends, also from the payload editor') : translate('Ctrl+Enter sends') }</span>
      <button type="button" class="catalyst-test-call__close" aria-label={ variant === 'tab' ? translate('Close the test call') : translate('Close') } onClick={ close }>×</button>
    </header>

    <div class="catalyst-test-call__body">
      <div class="catalyst-test-call__setup">
        <section aria-label={ translate('Variables of the payload') } class="catalyst-test-call__inputs">
          { names.length === 0 && <p class="catalyst-test-call__note">{ translate('The payload uses no variables.') }</p> }
          { names.map(name => <VariableField
            key={ name }
            name={ name }
            input={ inputs[name] ?? { text: '', json: false } }
            problem={ problems[name] }
            translate={ translate }
            onChange={ change => dispatch({ type: 'input', name, change }) } />) }
          { secretVariable && !names.includes(secretVariable) && <div class="catalyst-test-call__variable">
            <label for="catalyst-test-call-secret-variable"><code>{ secretVariable }</code></label>
            <input
              id="catalyst-test-call-secret-variable"
              type="password"
              autocomplete="off"
              class="catalyst-test-call__input"
              value={ state.secretValue }
              onInput={ event => dispatch({ type: 'option', change: { secretValue: (event.target as HTMLInputElement).value } }) } />
            <span class="catalyst-test-call__hint">{ translate('the key (process variable), never stored') }</span>
          </div> }
        </section>

        { bridgeStatus.available
          ? <SecretLine bridge={ bridge } properties={ properties } translate={ translate } />
          : <EditorSend reason={ bridgeStatus.message } apiKey={ state.apiKey } translate={ translate } onKey={ apiKey => dispatch({ type: 'option', change: { apiKey } }) } /> }

        <div class="catalyst-test-call__options">
          <label><input type="checkbox" checked={ state.withRetries } onChange={ event => dispatch({ type: 'option', change: { withRetries: (event.target as HTMLInputElement).checked } }) } /> { translate(taskRetries === 1 ? 'Retry as the worker would ({count} retry)' : 'Retry as the worker would ({count} retries)', { count: String(taskRetries) }) }</label>
          <label><input type="checkbox" checked={ state.stream } onChange={ event => dispatch({ type: 'option', change: { stream: (event.target as HTMLInputElement).checked } }) } /> { translate('Stream the answer') }</label>
        </div>

        { /* aria-disabled, not disabled: a button that disables itself drops the keyboard focus to the page */ }
        <div class="catalyst-test-call__actions">
          <button ref={ sendButton } type="button" class="catalyst-test-call__button catalyst-test-call__button--primary" aria-disabled={ running ? 'true' : undefined } aria-keyshortcuts="Control+Enter" onClick={ send }>{ translate('Send') }</button>
          <button type="button" class="catalyst-test-call__button" aria-disabled={ running ? undefined : 'true' } onClick={ () => handle.current?.cancel() }>{ translate('Cancel') }</button>
          <button type="button" class="catalyst-test-call__button" onClick={ copyCurl }>{ translate('Copy as curl') }</button>
        </div>

        { state.curl && <div class="catalyst-test-call__curl">
          { state.curl.command && <textarea class="catalyst-test-call__input catalyst-test-call__curl-text" aria-label={ translate('curl command') } readOnly rows={ Math.min(14, state.curl.command.split('\n').length) } value={ state.curl.command } /> }
          <p class="catalyst-test-call__note" role="status">{ state.curl.message }</p>
        </div> }
      </div>

      <div class="catalyst-test-call__outcomes">
        { running && <RunProgressView progress={ state.progress } translate={ translate } /> }

        { state.refused && <div class="catalyst-test-call__refusal">
          <KeyTrustOffer
            bridge={ bridge }
            properties={ properties }
            refused={ state.refused }
            translate={ translate }
            buttonClass="catalyst-test-call__button"
            onApproved={ () => latestSend.current() } />
        </div> }

        { state.runError && <div class="catalyst-test-call__outcome catalyst-test-call__outcome--failure" role="alert">
          { translate('The test call could not run:') } <RichText text={ state.runError } />
        </div> }

        { !running && !latest && !state.runError && !state.refused && <p class="catalyst-test-call__note">{ translate('Send to see what the worker would do with the answer. The result stays here while you edit the task and send again.') }</p> }

        { latest && <div class={ running ? 'catalyst-test-call__previous' : '' }>
          <h3 class="catalyst-test-call__result-title">{ running ? translate('Previous result (run {number})', { number: String(latest.number) }) : resultTitle }</h3>
          { latest.result
            ? <ResultView key={ latest.number } result={ latest.result } cancelled={ latest.cancelled } onMap={ mapToVariable } translate={ translate } />
            : <p class="catalyst-test-call__note" role="status">{ translate('Cancelled before any answer.') }</p> }
        </div> }

        <CompareView runs={ runs } translate={ translate } />

        <TestCasesView
          bridge={ bridge }
          taskId={ taskId }
          getProperties={ () => catalystTasks.getProperties(element) }
          lastRun={ !running && latest?.result && !latest.cancelled ? { result: latest.result, variables: state.sentVariables } : null }
          secretVariable={ secretVariable }
          runVariables={ secretVariable ? { [secretVariable]: state.secretValue } : {} } />

        <HistoryView history={ state.history } onReuse={ reused => dispatch({ type: 'reuse', inputs: reused }) } translate={ translate } />
      </div>
    </div>
  </div>;
}

function VariableField({ name, input, problem, translate, onChange }: { name: string; input: VariableInput; problem?: string; translate: Translate; onChange(change: Partial<VariableInput>): void }) {
  const id = `catalyst-test-call-var-${name}`;
  const unset = input.unset === true;

  return <div class={ `catalyst-test-call__variable ${problem ? 'has-error' : ''} ${unset ? 'is-unset' : ''}` }>
    <label for={ id }><code>{ name }</code></label>
    <textarea
      id={ id }
      class="catalyst-test-call__input"
      rows={ Math.min(6, Math.max(1, input.text.split('\n').length)) }
      spellcheck={ false }
      disabled={ unset }
      placeholder={ unset ? translate('no value (unset)') : undefined }
      value={ unset ? '' : input.text }
      onInput={ event => onChange({ text: (event.target as HTMLTextAreaElement).value }) } />
    <span class="catalyst-test-call__flags">
      <label class="catalyst-test-call__json" title={ translate('Send the value as JSON (an object, array, number, true/false or null) instead of text') }>
        <input type="checkbox" aria-label={ translate('{name} is JSON', { name }) } disabled={ unset } checked={ input.json } onChange={ event => onChange({ json: (event.target as HTMLInputElement).checked }) } /> { translate('JSON') }
      </label>
      <label class="catalyst-test-call__unset" title={ translate('Leave the variable without any value, as a process that never set it: the run then fails as it would in the worker') }>
        <input type="checkbox" aria-label={ translate('{name} is unset', { name }) } checked={ unset } onChange={ event => onChange({ unset: (event.target as HTMLInputElement).checked }) } /> { translate('unset') }
      </label>
    </span>
    { problem && <div class="catalyst-test-call__error" role="alert">{ problem }</div> }
    { !problem && !unset && !input.json && isAutoJson(input) && <div class="catalyst-test-call__hint">{ translate('sent as JSON: it starts with { or [ and parses') }</div> }
    { unset && <div class="catalyst-test-call__hint">{ translate('left out of the call: the run fails with "variable {name} has no value", as in the worker', { name }) }</div> }
  </div>;
}

function isAutoJson(input: VariableInput): boolean {
  const value = inputValue(input);

  return value.ok && value.asJson;
}

/**
 * The bridge's reason in two parts: what is wrong in bold, then why. The reason already
 * starts with the "what" ("No desktop bridge: …"), so it is not said twice.
 */
function BridgeMissing({ reason, translate }: { reason: string; translate: Translate }) {
  const colon = reason.indexOf(': ');

  if (colon === -1) {
    return <p><strong>{ translate('No desktop bridge.') }</strong> { reason }</p>;
  }

  const why = reason.slice(colon + 2);

  return <p><strong>{ reason.slice(0, colon) }.</strong> { why.charAt(0).toUpperCase() + why.slice(1) }</p>;
}

function EditorSend({ reason, apiKey, translate, onKey }: { reason: string; apiKey: string; translate: Translate; onKey(key: string): void }) {
  return <div class="catalyst-test-call__editor-send">
    <BridgeMissing reason={ reason } translate={ translate } />
    <p>{ translate('You can send from the editor instead, with a key typed here for this one call. It is kept in memory only, never stored, and never written to the diagram. '
      + 'Many hosted providers refuse requests from an editor page (CORS); local servers (Ollama, LM Studio) usually allow them.') }</p>
    <label class="catalyst-test-call__key">
      { translate('API key for this call') }
      <input type="password" autocomplete="off" class="catalyst-test-call__input" value={ apiKey } onInput={ event => onKey((event.target as HTMLInputElement).value) } />
    </label>
  </div>;
}

function secretVariableOf(properties: TaskProperties): string | null {
  return properties[PROPERTY.secretSource] === 'variable' ? secretVariableName(properties[PROPERTY.secretName] ?? '') : null;
}

function retriesOf(properties: TaskProperties): number {
  try {
    return readTaskConfig(properties).retries;
  } catch {
    return 0;
  }
}
