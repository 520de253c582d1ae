/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { PROPERTY } from '../../runtime/config';
import { messageOf } from '../../runtime/errors';
import type { TaskProperties } from '../../runtime/types';
import { untrustedSendOf, type CatalystBridge, type ConnectionCheck, type UntrustedSend } from '../bridge';
import type { EntryDefinition } from '../panel';
import { isCatalystElement, type CatalystTasks } from '../tasks';

import { KeyTrustOffer } from './KeyTrustOffer';
import type TestCallService from './TestCallService';
import type { Translate } from './translate';

/** The panel's Test call and Check connection actions, at the end of the Catalyst group. */
export function TestCallProps({ element }: { element: any }): EntryDefinition[] {
  if (!isCatalystElement(element)) {
    return [];
  }

  return [ { id: 'catalyst-testCall', component: TestCallEntry } ];
}

type Check =
  | { state: 'checking' }
  | { state: 'done'; check: ConnectionCheck }
  | { state: 'failed'; message: string }
  | { state: 'refused'; refused: UntrustedSend };

function TestCallEntry({ element, id }: { element: any; id: string }) {
  const testCall = useService<TestCallService>('catalystTestCall');
  const bridge = useService<CatalystBridge>('catalystBridge');
  const catalystTasks = useService<CatalystTasks>('catalystTasks');
  const translate = useService<Translate>('translate');
  const [ check, setCheck ] = useState<Check | null>(null);
  const checkButton = useRef<HTMLButtonElement>(null);

  // a verdict is about one task's URL, auth and key: once they change (or another task is
  // selected) it no longer holds, and an answer still on its way is for the old settings
  const connection = `${element.id}\n${connectionKey(catalystTasks.getProperties(element))}`;
  const checked = useRef(connection);

  useEffect(() => {
    if (checked.current !== connection) {
      checked.current = connection;
      setCheck(null);
    }
  }, [ connection ]);

  const checking = check?.state === 'checking';

  const checkConnection = () => {
    if (checking) {
      return;
    }

    const status = bridge.status();

    if (!status.available) {
      setCheck({ state: 'failed', message: translate('Checking the connection runs on the desktop. {reason}', { reason: status.message }) });

      return;
    }

    const asked = connection;
    const answer = (next: Check) => checked.current === asked && setCheck(next);

    setCheck({ state: 'checking' });
    bridge.checkConnection(catalystTasks.getProperties(element)).then(
      result => answer({ state: 'done', check: result }),
      error => {

        // the bridge did not send the key to a host not trusted for it: say so, offer to trust it
        const refused = untrustedSendOf(error);

        answer(refused ? { state: 'refused', refused } : { state: 'failed', message: translate('The check could not run: {reason}', { reason: messageOf(error) }) });
      }
    );
  };

  const checkAgain = () => {

    // the offer goes away with the check: keep the keyboard focus on the action that runs
    checkButton.current?.focus();
    checkConnection();
  };

  return <div class="bio-properties-panel-entry catalyst-test-call-entry" data-entry-id={ id }>
    <div class="catalyst-test-call-entry__actions">
      <button type="button" class="catalyst-button catalyst-button--primary" onClick={ () => testCall.open(element) }>{ translate('Test call') }</button>
      { /* aria-disabled, not disabled: a disabled button would drop the keyboard focus */ }
      <button ref={ checkButton } type="button" class="catalyst-button" aria-disabled={ checking ? 'true' : undefined } onClick={ checkConnection }>{ translate('Check connection') }</button>
    </div>
    { check?.state === 'refused'
      ? <div class="catalyst-connection catalyst-connection--refused">
        <KeyTrustOffer
          bridge={ bridge }
          properties={ catalystTasks.getProperties(element) }
          refused={ check.refused }
          translate={ translate }
          buttonClass="catalyst-button"
          onApproved={ checkAgain } />
      </div>
      : check && <CheckVerdict check={ check } translate={ translate } /> }
  </div>;
}

function CheckVerdict({ check, translate }: { check: Exclude<Check, { state: 'refused' }>; translate: Translate }) {
  if (check.state === 'checking') {
    return <p class="catalyst-connection" role="status">{ translate('Checking the connection…') }</p>;
  }

  if (check.state === 'failed') {
    return <p class="catalyst-connection catalyst-connection--problem" role="status">{ check.message }</p>;
  }

  const { ok, message, problem } = check.check;

  return <p class={ `catalyst-connection catalyst-connection--${ok ? 'ok' : 'problem'}` } role="status" data-problem={ problem ?? undefined }>
    <span aria-hidden="true">{ ok ? '✓\u00a0' : '✗\u00a0' }</span>{ message }
  </p>;
}

const CONNECTION_PROPERTIES = [
  PROPERTY.provider, PROPERTY.url, PROPERTY.authType, PROPERTY.authHeader, PROPERTY.authPrefix, PROPERTY.secretSource, PROPERTY.secretName
];

/** The properties a connection check depends on, as one comparable text. */
function connectionKey(properties: TaskProperties): string {
  return CONNECTION_PROPERTIES.map(name => properties[name] ?? '').join('\n');
}
