/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { messageOf } from '../../runtime/errors';
import type { SecretSource, TaskProperties } from '../../runtime/types';
import type { CatalystBridge, KeyDestination, SecretStatus } from '../bridge';

import { untranslated, type Translate } from './translate';

type Line = { state: 'asking' } | { state: 'known'; status: SecretStatus } | { state: 'unknown'; message: string };

/**
 * Where the key will come from on the desktop, whether it is there, and where it goes and
 * why it may (never the key). A host the user approved can be taken back here; an approval
 * or a revocation anywhere in the page updates the line.
 */
export function SecretLine({ bridge, properties, translate = untranslated }: { bridge: CatalystBridge; properties: TaskProperties; translate?: Translate }) {
  const [ line, setLine ] = useState<Line>({ state: 'asking' });
  const [ trustVersion, setTrustVersion ] = useState(0);
  const [ revoking, setRevoking ] = useState<{ failed: string | null; busy: boolean }>({ failed: null, busy: false });
  const lineNode = useRef<HTMLParagraphElement>(null);
  const key = JSON.stringify(properties);

  useEffect(() => bridge.onTrustChange(() => setTrustVersion(version => version + 1)), [ bridge ]);

  useEffect(() => {
    let current = true;

    bridge.secretStatus(properties).then(
      status => current && setLine({ state: 'known', status }),
      error => current && setLine({ state: 'unknown', message: messageOf(error) })
    );

    return () => {
      current = false;
    };
  }, [ key, trustVersion ]);

  const described = describe(line, translate);
  const destination = line.state === 'known' && (line.status.status === 'found' || line.status.status === 'variable') ? line.status.destination : undefined;

  // a key that is there but goes nowhere yet is no tick
  const tone = described.tone === 'ok' && destination?.trust === 'untrusted' ? 'neutral' : described.tone;
  const { text } = described;

  const takeBack = async (pair: KeyDestination) => {
    setRevoking({ failed: null, busy: true });

    // the button goes with the approval: the keyboard stays on the line
    lineNode.current?.focus();

    try {
      await bridge.revokeApproval({ secret: pair.secret, host: pair.host });
      setRevoking({ failed: null, busy: false });
    } catch (error) {
      setRevoking({ failed: messageOf(error), busy: false });
    }
  };

  return <p ref={ lineNode } tabIndex={ -1 } class={ `catalyst-test-call__secret catalyst-test-call__secret--${tone}` } aria-label={ translate('Key') }>
    <span class="catalyst-test-call__secret-mark" aria-hidden="true">{ tone === 'ok' ? '✓' : tone === 'missing' ? '✗' : '•' }</span> { text }
    { destination && <> { describeDestination(destination, translate) }</> }
    { destination?.trust === 'approval' && <> <button
      type="button"
      class="catalyst-test-call__button catalyst-test-call__button--quiet"
      disabled={ revoking.busy }
      aria-label={ translate('Take back the approval of {host} for {secret}', { host: destination.host, secret: destination.secret }) }
      onClick={ () => takeBack(destination) }>{ translate('Take back') }</button></> }
    { revoking.failed && <> { translate('The approval could not be taken back ({reason}).', { reason: revoking.failed }) }</> }
  </p>;
}

/** Where the key goes and what lets it: the user's machine, the provider, an approval, or nothing yet. */
function describeDestination({ host, trust }: KeyDestination, translate: Translate): string {
  switch (trust) {
  case 'loopback':
    return translate('Sent to {host}, on this machine.', { host });
  case 'catalog':
    return translate('Sent to {host}, the provider\'s own host.', { host });
  case 'option':
    return translate('Sent to {host}: the bridge was started trusting it.', { host });
  case 'approval':
    return translate('Sent to {host} because you approved it.', { host });
  case 'untrusted':
    return translate('Not sent to {host} until you approve that host for this key.', { host });
  }
}

function describe(line: Line, translate: Translate): { tone: 'ok' | 'missing' | 'neutral'; text: string } {
  if (line.state === 'asking') {
    return { tone: 'neutral', text: translate('Key: looking it up…') };
  }

  if (line.state === 'unknown') {
    return { tone: 'missing', text: translate('Key: the bridge could not say where it is ({reason}).', { reason: line.message }) };
  }

  const { status, location, detail } = line.status;

  switch (status) {
  case 'found':
    return { tone: 'ok', text: translate('Key: from {where} — found.', { where: location.description }) };
  case 'missing':
    return {
      tone: 'missing',
      text: `${detail
        ? translate('Key: {where} is not set ({detail}). The call will fail as it would in the worker.', { where: location.description, detail })
        : translate('Key: {where} is not set. The call will fail as it would in the worker.', { where: location.description })} ${howToSet(location.source, translate)}`
    };
  case 'variable':
    return { tone: 'neutral', text: translate('Key: {where} — read from the process at run time.', { where: location.description }) };
  case 'not-needed':
    return { tone: 'neutral', text: translate('Key: none needed (auth type is none).') };
  }
}

/** How to give the desktop the key: where it is looked up decides the way; a local server needs none. */
function howToSet(source: SecretSource, translate: Translate): string {
  const noAuth = translate('A local server (Ollama, LM Studio) needs no key: set Auth to None.');

  switch (source) {
  case 'env':
    return `${translate('Export it in the shell that starts the Modeler and restart the Modeler, or keep it in the secrets file (Catalyst → Open Secrets File).')} ${noAuth}`;
  case 'properties':
    return `${translate('Add it with Catalyst → Open Secrets File.')} ${noAuth}`;
  case 'file':
    return `${translate('Write the key into that file.')} ${noAuth}`;
  default:
    return noAuth;
  }
}
