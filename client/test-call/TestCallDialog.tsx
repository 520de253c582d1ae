/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useCallback, useEffect, useMemo, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { PROPERTY, readTaskConfig, secretVariableName } from '../../runtime/config';
import { messageOf } from '../../runtime/errors';
import type { TaskProperties } from '../../runtime/types';
import { untrustedSendOf, type CatalystBridge, type UntrustedSend } from '../bridge';
import type { CatalystTasks } from '../tasks';
import { TestCasesView } from '../test-cases/TestCasesView';

import { curlCommand } from './curl-command';
import { useFocusTrap } from './focus-trap';
import { HistoryView } from './HistoryView';
import { KeyTrustOffer } from './KeyTrustOffer';
import { withMappingRow } from './mapping-row';
import { ResultView } from './ResultView';
import { advance, NO_PROGRESS, type RunEvent, type RunProgress } from './run-progress';
import { RunProgressView } from './RunProgressView';
import { recordOf, type RunRecord, type RunStore } from './run-store';
import { runInEditor, runOnBridge, type RunEnd, type RunHandle } from './run-task';
import { SecretLine } from './SecretLine';
import { untranslated, type Translate } from './translate';
import { inputValue, payloadVariables, runVariables, type VariableInput } from './variable-inputs';

export interface TestCallDialogProps {
  element: any;
  diagramId: string;
  bridge: CatalystBridge;
  catalystTasks: CatalystTasks;
  store: RunStore;
  translate?: Translate;
  onClose(): void;
}

const TITLE_ID = 'catalyst-test-call-title';

/** Where the dialog puts the focus when it opens: the first field of its body, not the × in the header. */
const INITIAL_FOCUS = '.catalyst-test-call__body :is(input, textarea, select, button)';
const VARIABLE_NAME = /^[A-Za-z_][\w]*$/;

type Phase = 'idle' | 'running' | 'done';

/**
 * The test call: run the task's request through the runtime, on the desktop bridge
 * (or, without one, from the editor with a key typed for this call) and show what the
 * worker would do with the answer.
 */
export function TestCallDialog(props: TestCallDialogProps) {
  const { element, diagramId, bridge, catalystTasks, store, onClose } = props;
  const translate = props.translate ?? untranslated;
  const taskId: string = element.id;
  const taskName: string = element.businessObject?.name || taskId;

  const properties = catalystTasks.getProperties(element);
  const payload = properties[PROPERTY.payload] ?? '';
  const names = useMemo(() => payloadVariables(payload), [ payload ]);

  // a `${apiKey}` secret is a process variable too: asked for, but never remembered
  const secretVariable = secretVariableOf(properties);
  const [ secretValue, setSecretValue ] = useState('');
  const taskRetries = retriesOf(properties);

  const stored = useMemo(() => store.load(diagramId, taskId), [ diagramId, taskId ]);
  const [ inputs, setInputs ] = useState<Record<string, VariableInput>>(stored.inputs);
  const [ history, setHistory ] = useState<RunRecord[]>(stored.history);
  const [ withRetries, setWithRetries ] = useState(true);
  const [ stream, setStream ] = useState(false);
  const [ apiKey, setApiKey ] = useState('');
  const [ problems, setProblems ] = useState<Record<string, string>>({});

  const [ phase, setPhase ] = useState<Phase>('idle');
  const [ progress, setProgress ] = useState<RunProgress>(NO_PROGRESS);
  const [ end, setEnd ] = useState<RunEnd | null>(null);
  const [ runError, setRunError ] = useState<string | null>(null);
  const [ refused, setRefused ] = useState<UntrustedSend | null>(null);
  const [ curl, setCurl ] = useState<{ command?: string; message: string } | null>(null);
  const [ sentVariables, setSentVariables ] = useState<Record<string, unknown>>({});
  const handle = useRef<RunHandle | null>(null);

  const bridgeStatus = bridge.status();

  const close = useCallback(() => {
    handle.current?.cancel();
    onClose();
  }, [ onClose ]);

  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog, close, INITIAL_FOCUS);

  const sendButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  // a run still going when the dialog goes (diagram closed) must not keep running
  useEffect(() => () => handle.current?.cancel(), []);

  const setInput = (name: string, change: Partial<VariableInput>) =>
    setInputs(current => ({ ...current, [name]: { ...(current[name] ?? { text: '', json: false }), ...change } }));

  const variablesOrProblems = () => {
    const { variables, problems: found } = runVariables(names, inputs);

    setProblems(found);

    if (Object.keys(found).length) {
      return null;
    }

    return secretVariable && !(secretVariable in variables) ? { ...variables, [secretVariable]: secretValue } : variables;
  };

  const send = () => {
    const variables = variablesOrProblems();

    if (!variables) {
      return;
    }

    store.save(diagramId, taskId, inputs);
    setSentVariables(variables);
    setProgress(NO_PROGRESS);
    setEnd(null);
    setRunError(null);
    setRefused(null);
    setPhase('running');

    const request = {
      properties: catalystTasks.getProperties(element),
      variables,
      retries: withRetries ? undefined : 0,
      stream: stream || undefined,
      onEvent: (event: RunEvent) => setProgress(current => advance(current, event, performance.now()))
    };

    const run = bridgeStatus.available ? runOnBridge(bridge, request) : runInEditor({ ...request, apiKey });
    const ranWith = inputs;

    handle.current = run;
    run.done.then(finished => {
      setEnd(finished);
      setHistory(store.save(diagramId, taskId, ranWith, recordOf(finished.result, finished.cancelled, ranWith)).history);
    }, error => {

      // refused by the trust rule before anything was sent: say why and offer the approval
      const trust = untrustedSendOf(error);

      if (trust) {
        setRefused(trust);
      } else {
        setRunError(messageOf(error));
      }
    }).finally(() => {
      handle.current = null;
      setPhase('done');
    });
  };

  const copyCurl = () => {
    const variables = variablesOrProblems();

    if (!variables) {
      return;
    }

    let command: string;

    try {
      command = curlCommand(catalystTasks.getProperties(element), variables, { stream });
    } catch (error) {
      setCurl({ message: translate('No curl command: {reason}', { reason: messageOf(error) }) });

      return;
    }

    setCurl({ command, message: translate('Copying…') });

    Promise.resolve().then(() => navigator.clipboard.writeText(command)).then(
      () => setCurl({ command, message: translate('Copied to the clipboard. The key is written as an environment variable: set it in your shell first.') }),
      () => setCurl({ command, message: translate('The clipboard is not available here: copy the command from the box.') })
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

  const running = phase === 'running';

  // the approval is answered in the host's own window, later: retry with the inputs then
  const latestSend = useRef(send);
  latestSend.current = send;

  // Send and Cancel take turns being disabled; a disabled button drops the keyboard focus
  // to the page, so it moves to the one that can be used now
  useEffect(() => {
    const focused = document.activeElement;
    const lost = !focused || focused === document.body || !dialog.current?.contains(focused);

    if (running && (lost || focused === sendButton.current)) {
      cancelButton.current?.focus();
    } else if (!running && (lost || focused === cancelButton.current)) {
      sendButton.current?.focus();
    }
  }, [ running ]);

  return <div class="catalyst-test-call__backdrop" onMouseDown={ event => event.target === event.currentTarget && close() }>
    <div ref={ dialog } class="catalyst-test-call" role="dialog" aria-modal="true" aria-labelledby={ TITLE_ID } tabIndex={ -1 }>
      <header class="catalyst-test-call__header">
        <h2 id={ TITLE_ID }>{ translate('Test call: {task}', { task: taskName }) }</h2>
        <button type="button" class="catalyst-test-call__close" aria-label={ translate('Close') } onClick={ close }>×</button>
      </header>

      <div class="catalyst-test-call__body">
        <section aria-label={ translate('Variables of the payload') } class="catalyst-test-call__inputs">
          { names.length === 0 && <p class="catalyst-test-call__note">{ translate('The payload uses no variables.') }</p> }
          { names.map(name => <VariableField
            key={ name }
            name={ name }
            input={ inputs[name] ?? { text: '', json: false } }
            problem={ problems[name] }
            translate={ translate }
            onChange={ change => setInput(name, change) } />) }
          { secretVariable && !names.includes(secretVariable) && <div class="catalyst-test-call__variable">
            <label for="catalyst-test-call-secret-variable"><code>{ secretVariable }</code></label>
            <input
              id="catalyst-test-call-secret-variable"
              type="password"
              autocomplete="off"
              class="catalyst-test-call__input"
              value={ secretValue }
              onInput={ event => setSecretValue((event.target as HTMLInputElement).value) } />
            <span class="catalyst-test-call__hint">{ translate('the key (process variable), never stored') }</span>
          </div> }
        </section>

        { bridgeStatus.available
          ? <SecretLine bridge={ bridge } properties={ properties } translate={ translate } />
          : <EditorSend reason={ bridgeStatus.message } apiKey={ apiKey } translate={ translate } onKey={ setApiKey } /> }

        <div class="catalyst-test-call__options">
          <label><input type="checkbox" checked={ withRetries } onChange={ event => setWithRetries((event.target as HTMLInputElement).checked) } /> { translate(taskRetries === 1 ? 'Retry as the worker would ({count} retry)' : 'Retry as the worker would ({count} retries)', { count: String(taskRetries) }) }</label>
          <label><input type="checkbox" checked={ stream } onChange={ event => setStream((event.target as HTMLInputElement).checked) } /> { translate('Stream the answer') }</label>
        </div>

        <div class="catalyst-test-call__actions">
          <button ref={ sendButton } type="button" class="catalyst-test-call__button catalyst-test-call__button--primary" disabled={ running } onClick={ send }>{ translate('Send') }</button>
          <button ref={ cancelButton } type="button" class="catalyst-test-call__button" disabled={ !running } onClick={ () => handle.current?.cancel() }>{ translate('Cancel') }</button>
          <button type="button" class="catalyst-test-call__button" onClick={ copyCurl }>{ translate('Copy as curl') }</button>
        </div>

        { curl && <div class="catalyst-test-call__curl">
          { curl.command && <textarea class="catalyst-test-call__input catalyst-test-call__curl-text" aria-label={ translate('curl command') } readOnly rows={ Math.min(14, curl.command.split('\n').length) } value={ curl.command } /> }
          <p class="catalyst-test-call__note" role="status">{ curl.message }</p>
        </div> }

        { phase !== 'idle' && <RunProgressView progress={ progress } running={ running } translate={ translate } /> }

        { refused && <div class="catalyst-test-call__refusal">
          <KeyTrustOffer
            bridge={ bridge }
            properties={ properties }
            refused={ refused }
            translate={ translate }
            buttonClass="catalyst-test-call__button"
            onApproved={ () => latestSend.current() } />
        </div> }

        { runError && <div class="catalyst-test-call__outcome catalyst-test-call__outcome--failure" role="alert">{ translate('The test call could not run: {reason}', { reason: runError }) }</div> }

        { end?.result && <ResultView result={ end.result } cancelled={ end.cancelled } onMap={ mapToVariable } translate={ translate } /> }
        { end && !end.result && <p class="catalyst-test-call__note" role="status">{ translate('Cancelled before any answer.') }</p> }

        <TestCasesView
          bridge={ bridge }
          taskId={ taskId }
          getProperties={ () => catalystTasks.getProperties(element) }
          lastRun={ end?.result && !end.cancelled ? { result: end.result, variables: sentVariables } : null }
          secretVariable={ secretVariable }
          runVariables={ secretVariable ? { [secretVariable]: secretValue } : {} } />

        <HistoryView history={ history } onReuse={ setInputs } translate={ translate } />
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
